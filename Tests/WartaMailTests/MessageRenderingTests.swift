import Foundation
import SMTPTestSupport
import Testing

@testable import WartaMail

@Suite struct MessageRenderingTests {
    @Test func newsletterHasTheStandardAndListHeaders() throws {
        let lines = MessageFixture.headerLines(try MessageFixture.render(try MessageFixture.newsletter()))
        #expect(lines.first == "Date: Tue, 08 Dec 2026 07:06:18 +0700")
        #expect(lines.contains("From: Kabar Harian <redaksi@kabar.example>"))
        #expect(lines.contains("To: Rina <rina@pembaca.example>"))
        #expect(lines.contains("Subject: Berita pagi"))
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("List-Id: Harian <harian.kabar.example>"))
        #expect(lines.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(lines.contains { $0.hasPrefix("List-Unsubscribe: <https://kabar.example/newsletter/unsubscribe?") })
        #expect(!lines.contains { $0.lowercased().hasPrefix("return-path:") })
        let messageID = try #require(lines.first { $0.hasPrefix("Message-ID: ") })
        #expect(messageID.wholeMatch(of: /Message-ID: <[0-9a-f]{32}@kabar\.example>/) != nil)
    }

    @Test func everyHeaderLineFitsIn78() throws {
        var message = try MessageFixture.newsletter(
            subject: String(repeating: "Berita terkini dari Jakarta ", count: 9))
        message.to.append(Mailbox(try MessageFixture.address("dodi@pembaca.example"), displayName: "Dodi Ñusantara"))
        let text = MessageFixture.text(try MessageFixture.render(message))
        let head = try #require(text.components(separatedBy: "\r\n\r\n").first)
        // Only a line holding one unbreakable token (the long unsubscribe URL) may pass 78.
        let long = head.components(separatedBy: "\r\n").filter { $0.utf8.count > 78 }
        #expect(long.allSatisfy { $0.split(separator: " ").count <= 2 }, "\(long)")
        #expect(long.count == 1)
        #expect(head.contains("List-Unsubscribe: <https:"))
    }

    @Test func textOnlyMessageIsExactlyThis() throws {
        var message = try MessageFixture.newsletter(html: nil)
        message.extraHeaders = [MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
        message.replyTo = Mailbox(try MessageFixture.address("balas@kabar.example"), displayName: "Meja Redaksi")
        let expected = [
            "Date: Tue, 08 Dec 2026 07:06:18 +0700",
            "From: Kabar Harian <redaksi@kabar.example>",
            "To: Rina <rina@pembaca.example>",
            "Reply-To: Meja Redaksi <balas@kabar.example>",
            "Subject: Berita pagi",
            "Message-ID: <d71c02cbda11f6fe6169eb2c4e30e6f8@kabar.example>",
            "MIME-Version: 1.0",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 7bit",
            "",
            "Halo Rina,",
            "",
            "Berita hari ini.",
            "",
        ]
        #expect(MessageFixture.text(try MessageFixture.render(message)) == expected.joined(separator: "\r\n"))
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let message = try MessageFixture.newsletter(subject: "Kabar 😀 hari ini")
        #expect(try MessageFixture.render(message, seed: 1) == MessageFixture.render(message, seed: 1))
        #expect(try MessageFixture.render(message, seed: 1) != MessageFixture.render(message, seed: 2))
    }

    @Test func textAndHTMLGoAsMultipartAlternativeTextFirst() throws {
        let text = MessageFixture.text(try MessageFixture.render(try MessageFixture.newsletter()))
        let boundaryLine = try #require(text.firstMatch(of: /boundary="([^"]+)"/))
        let boundary = String(boundaryLine.1)
        #expect(
            text.contains("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n--\(boundary)\r\n"))
        let parts = text.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4)
        #expect(
            parts[1].hasPrefix("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n"))
        #expect(parts[2].hasPrefix("\r\nContent-Type: text/html; charset=utf-8\r\n"))
        #expect(parts[3] == "--\r\n")
    }

    @Test func textOnlyIsOneTextPlainPart() throws {
        let text = MessageFixture.text(try MessageFixture.render(try MessageFixture.newsletter(html: nil)))
        #expect(!text.contains("multipart"))
        #expect(text.contains("MIME-Version: 1.0\r\n"))
        #expect(
            text.hasSuffix(
                "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                    + "Halo Rina,\r\n\r\nBerita hari ini.\r\n"))
    }

    @Test func boundaryIsRedrawnWhenAPartHoldsIt() throws {
        var message = try MessageFixture.newsletter()
        let first = MessageFixture.text(try MessageFixture.render(message))
        let boundary = String(try #require(first.firstMatch(of: /boundary="([^"]+)"/)).1)
        message.textBody = "Lihat:\n--\(boundary)\nselesai\n"
        let second = MessageFixture.text(try MessageFixture.render(message))
        let redrawn = String(try #require(second.firstMatch(of: /boundary="([^"]+)"/)).1)
        #expect(redrawn != boundary)
        #expect(second.contains("\r\n--\(boundary)\r\n"))
        let parsed = try PythonCheck.parse(Array(second.utf8))
        let parts = try #require(parsed["parts"] as? [[String]])
        #expect(parts.map { $0[0] } == ["text/plain", "text/html"])
        #expect(parts.first?[1] == "Lihat:\n--\(boundary)\nselesai\n")
        #expect(parts.last?[1] == "<p>Halo</p>\n")
    }

    @Test func pythonEmailReadsBackSubjectNamesAndBodies() throws {
        let subject =
            "Banjir surut 🙏🏽 — warga Kampung Melayu kembali ke rumah; “terima kasih” kata lurah Ñ "
            + String(repeating: "dan seterusnya ", count: 6) + "selesai"
        var message = try MessageFixture.newsletter(subject: subject, html: "<p>Selamat pagi, café = kopi 😀</p>")
        message.from.displayName = "Redaksi Kabar Ñusantara 📰"
        message.textBody = "Halo,\nBerita: " + String(repeating: "air naik setinggi 50 cm, ", count: 10) + "\nakhir \n"
        let parsed = try PythonCheck.parse(try MessageFixture.render(message))
        #expect(parsed["subject"] as? String == subject)
        #expect(parsed["from"] as? String == "Redaksi Kabar Ñusantara 📰 <redaksi@kabar.example>")
        #expect(parsed["type"] as? String == "multipart/alternative")
        #expect(parsed["defects"] as? Int == 0)
        let parts = try #require(parsed["parts"] as? [[String]])
        #expect(parts.count == 2)
        #expect(parts.first?[1] == message.textBody)
        #expect(parts.last?[1] == "<p>Selamat pagi, café = kopi 😀</p>\n")
    }

    @Test func boundarySearchEndsEvenWithARepeatingGenerator() {
        struct Constant: RandomNumberGenerator {
            mutating func next() -> UInt64 { 0 }
        }
        var random = Constant()
        let taken = "--=_warta_" + MailMessage.randomHex(12, &random)
        let boundary = MailMessage.boundary(notIn: [Array((taken + "\r\n" + taken + "_1").utf8)], random: &random)
        #expect(boundary == String(taken.dropFirst(2)) + "_2")
    }

    @Test func internationalAddressesAreWrittenAsUTF8AndFlagged() throws {
        var message = try MessageFixture.newsletter(html: nil)
        #expect(!message.needsSMTPUTF8)
        message.to = [Mailbox(try MessageFixture.address("pembaca@contoh.example"), displayName: "Büro")]
        #expect(!message.needsSMTPUTF8)
        message.to = [Mailbox(try MessageFixture.address("rédaction@exemple.fr"), displayName: "Rédaction")]
        #expect(message.needsSMTPUTF8)
        let lines = MessageFixture.headerLines(try MessageFixture.render(message))
        #expect(lines.contains("To: =?UTF-8?Q?R=C3=A9daction?= <rédaction@exemple.fr>"))
    }

    @Test(arguments: [
        "promo =?UTF-8?B?SGFsbw==?= gratis", "Harga naik 5% = rugi? _x_", "Ñ", "😀 😀  😀", "akhir é",
        String(repeating: "Kabar café ", count: 12) + "🇮🇩",
    ])
    func pythonEmailReadsBackTrickySubjects(subject: String) throws {
        let parsed = try PythonCheck.parse(try MessageFixture.render(try MessageFixture.newsletter(subject: subject)))
        let collapsed = subject.split(separator: " ").joined(separator: " ")
        #expect(parsed["subject"] as? String == collapsed)
        #expect(parsed["defects"] as? Int == 0)
    }

    @Test func lineBreaksInAnyHeaderAreRefused() throws {
        var message = try MessageFixture.newsletter(subject: "Halo\r\nBcc: semua@korban.example")
        #expect(throws: MessageError.lineBreakInHeader(field: "Subject")) { try MessageFixture.render(message) }
        message = try MessageFixture.newsletter()
        message.from.displayName = "Kabar\nBcc: semua@korban.example"
        #expect(throws: MessageError.lineBreakInHeader(field: "From")) { try MessageFixture.render(message) }
        message = try MessageFixture.newsletter()
        message.to[0].displayName = "Rina\u{2028}X"
        #expect(throws: MessageError.lineBreakInHeader(field: "To")) { try MessageFixture.render(message) }
        message = try MessageFixture.newsletter()
        message.extraHeaders = [MailHeader("List-Id", "x\rBcc: y@z.example")]
        #expect(throws: MessageError.lineBreakInHeader(field: "List-Id")) { try MessageFixture.render(message) }
    }

    @Test func badExtraHeadersAndControlCharactersAreRefused() throws {
        var message = try MessageFixture.newsletter()
        message.extraHeaders = [MailHeader("Bcc: x@y.example\r\nX", "1")]
        #expect(throws: MessageError.invalidHeaderName("Bcc: x@y.example\r\nX")) { try MessageFixture.render(message) }
        message.extraHeaders = [MailHeader("Return-Path", "<bounce@kabar.example>")]
        #expect(throws: MessageError.reservedHeader("Return-Path")) { try MessageFixture.render(message) }
        message.extraHeaders = [MailHeader("content-type", "text/html")]
        #expect(throws: MessageError.reservedHeader("content-type")) { try MessageFixture.render(message) }
        message.extraHeaders = [MailHeader("List-Id", "Berita Café <x.example>")]
        #expect(throws: MessageError.nonASCIIHeaderValue(field: "List-Id")) { try MessageFixture.render(message) }
        message = try MessageFixture.newsletter(subject: "Halo\u{0}")
        #expect(throws: MessageError.controlCharacterInHeader(field: "Subject")) { try MessageFixture.render(message) }
        message = try MessageFixture.newsletter()
        message.to = []
        #expect(throws: MessageError.noRecipients) { try MessageFixture.render(message) }
    }
}
