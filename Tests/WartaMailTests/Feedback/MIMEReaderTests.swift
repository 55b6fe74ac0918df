import Foundation
import Testing

@testable import WartaMail

@Suite struct MIMEReaderTests {
    @Test func headerIsUnfoldedWithCRLFOrLF() {
        for lineEnd in ["\r\n", "\n"] {
            let text = ["Subject: Berita", "\tpagi  ini", "X-Empty:", "Bukan field", "to : a@b.example", "", "badan"]
                .joined(separator: lineEnd)
            let (header, bodyStart) = MIMEHeader.parse(Array(text.utf8)[...])
            #expect(header.value("SUBJECT") == "Berita pagi  ini")
            #expect(header.value("x-empty") == "")
            #expect(header.value("to") == "a@b.example")
            #expect(header.fields.count == 3)
            #expect(String(decoding: Array(text.utf8)[bodyStart...], as: UTF8.self) == "badan")
        }
    }

    @Test func contentTypeParametersAreReadQuotedOrNot() {
        let type = ContentType(
            #"Multipart/Report; Report-Type=delivery-status; (a comment) boundary="a \"b\"; c"; x=1"#)
        #expect(type.mediaType == "multipart/report")
        #expect(type["report-type"] == "delivery-status")
        #expect(type["boundary"] == #"a "b"; c"#)
        #expect(type["x"] == "1")
        #expect(ContentType(nil).mediaType == "text/plain")
        #expect(ContentType(";;;===\"").mediaType == "text/plain")
    }

    @Test func transferEncodingsAreUndone() {
        #expect(TransferDecoding.base64(Array("SGFs\r\nbyBS aW5h!".utf8)[...]) == Array("Halo Rina".utf8))
        #expect(TransferDecoding.base64(Array("SGFsbw==trailing".utf8)[...]) == Array("Halo".utf8))
        let qp = "caf=C3=A9 =3D soft=\r\nbreak=\nlagi =ZZ akhir="
        #expect(
            String(decoding: TransferDecoding.quotedPrintable(Array(qp.utf8)[...]), as: UTF8.self)
                == "café = softbreaklagi =ZZ akhir=")
    }

    @Test func nestedMultipartsAndEmbeddedMessagesAreSplit() {
        let message = """
            Content-Type: multipart/mixed; boundary="outer"

            preamble
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain

            satu
            --inner
            Content-Type: text/html

            <p>dua</p>
            --inner--
            --outer
            Content-Type: message/rfc822

            Subject: Asli
            Message-ID: <asli@x.example>

            badan asli
            --outerx
            --outer--
            epilogue
            """
        let entity = MIMEEntity(message: Array(message.utf8)[...])
        #expect(entity.children.count == 2)
        #expect(entity.children[0].children.map(\.text) == ["satu", "<p>dua</p>"])
        #expect(entity.children[1].embeddedHeader?.value("message-id") == "<asli@x.example>")
        #expect(entity.children[1].children.first?.text == "badan asli\n--outerx")
        #expect(entity.partsOutsideEmbeddedMessages.count == 5)
    }

    @Test func addressesAreFoundInHeaderAndReportForms() {
        func found(_ text: String) -> [String] { MailAddressText.addresses(in: text).map(\.description) }
        #expect(found("rfc822; a@b.example") == ["a@b.example"])
        #expect(found("\"Rina, R.\" <rina@x.example>, Budi <budi@y.example>") == ["rina@x.example", "budi@y.example"])
        #expect(found("a@b.example, bukan alamat, c@d.example") == ["a@b.example", "c@d.example"])
        #expect(found("<>").isEmpty)
        #expect(found("<a@b.example>") == ["a@b.example"])
    }
}
