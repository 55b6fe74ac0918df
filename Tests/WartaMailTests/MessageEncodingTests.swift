import Foundation
import Testing

@testable import WartaMail

@Suite struct MessageEncodingTests {
    /// Decodes quoted-printable lines (soft breaks joined), to check the encoder round-trips.
    static func decodeQP(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 61, index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                index += 3
            } else if bytes[index] == 61, index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// The bytes one encoded word carries.
    static func decodeWord(_ word: String) -> [UInt8]? {
        guard word.hasPrefix("=?UTF-8?"), word.hasSuffix("?="), word.count > 12 else { return nil }
        let scheme = word.dropFirst(8).prefix(1)
        let payload = String(word.dropFirst(10).dropLast(2))
        if scheme == "B" { return Data(base64Encoded: payload).map(Array.init) }
        return decodeQP(Array(payload.replacingOccurrences(of: "_", with: " ").utf8))
    }

    @Test func quotedPrintableEncodesEqualsNonASCIIAndTrailingWhitespace() {
        let (encoding, bytes) = TransferEncoding.encode("a=b café \nakhir\t\nbiasa")
        #expect(encoding == .quotedPrintable)
        #expect(MessageFixture.text(bytes) == "a=3Db caf=C3=A9=20\r\nakhir=09\r\nbiasa\r\n")
    }

    @Test func quotedPrintableSoftBreaksLongLinesAt76() {
        let line = String(repeating: "Jakarta é= ", count: 40)
        let (encoding, bytes) = TransferEncoding.encode(line + "\r\n" + String(repeating: "x", count: 300))
        #expect(encoding == .quotedPrintable)
        let lines = MessageFixture.text(bytes).components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.filter { $0.hasSuffix("=") }.count > 5)
        #expect(Self.decodeQP(bytes) == Array((line + "\r\n" + String(repeating: "x", count: 300) + "\r\n").utf8))
    }

    @Test func plainShortASCIIStaysSevenBitWithCRLF() {
        let (encoding, bytes) = TransferEncoding.encode("Halo Rina,\n\rBaris dua\r\nBaris tiga")
        #expect(encoding == .sevenBit)
        #expect(MessageFixture.text(bytes) == "Halo Rina,\r\n\r\nBaris dua\r\nBaris tiga\r\n")
        #expect(TransferEncoding.encode(String(repeating: "a", count: 77)).encoding == .quotedPrintable)
    }

    @Test func asciiSubjectStaysReadableAndFoldsAt78() throws {
        let subject = Array(repeating: "Banjir surut di Jakarta Utara,", count: 8).joined(separator: " ")
        var field = HeaderField("Subject")
        field.append(contentsOf: HeaderText.unstructuredTokens(subject, firstRoom: 69))
        let rendered = try field.rendered()
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(rendered.replacingOccurrences(of: "\r\n ", with: " ") == "Subject: \(subject)\r\n")
    }

    @Test func longIndonesianSubjectBecomesShortWordsOnShortLines() throws {
        let subject =
            "Pemerintah menyiapkan bantuan untuk korban banjir — warga Kampung Melayu, Bidara Cina "
            + "dan Cawang diminta waspada karena hujan deras diperkirakan berlanjut hingga akhir pekan ini “kata BMKG”"
        var field = HeaderField("Subject")
        field.append(contentsOf: HeaderText.unstructuredTokens(subject, firstRoom: 69))
        let lines = try field.rendered().components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let tokens = lines.map { $0.hasPrefix("Subject: ") ? String($0.dropFirst(9)) : String($0.dropFirst()) }
            .flatMap { $0.split(separator: " ").map(String.init) }
        #expect(tokens.allSatisfy { $0.utf8.count <= 75 })
        #expect(tokens.contains("Pemerintah") && tokens.contains("=?UTF-8?B?4oCU?="))
        #expect(Self.displayed(tokens) == subject)
    }

    /// What a reader shows: encoded words decoded, the space between two adjacent encoded words dropped.
    static func displayed(_ tokens: [String]) -> String? {
        var out = ""
        var previousWasEncoded = false
        for (index, token) in tokens.enumerated() {
            let decoded = decodeWord(token).flatMap { String(validating: $0, as: UTF8.self) }
            if index > 0, !(previousWasEncoded && decoded != nil) { out += " " }
            out += decoded ?? token
            previousWasEncoded = decoded != nil
        }
        return out
    }

    @Test(arguments: [0, 1, 2, 3, 40, 41, 42, 43, 44, 60, 61, 62, 63, 64, 65])
    func emojiAtWordBoundariesIsNeverSplit(padding: Int) throws {
        let subjects = [
            String(repeating: "a", count: padding) + "🇮🇩🙏🏽👨‍👩‍👧‍👦 Selamat 😀😀😀😀😀😀😀😀😀😀😀😀",
            String(repeating: "é", count: padding) + String(repeating: "😀", count: 30),
        ]
        for subject in subjects {
            let words = EncodedWord.encode(subject, firstRoom: 69)
            #expect(words.allSatisfy { $0.utf8.count <= 75 })
            #expect(words.first.map { $0.utf8.count <= 69 } == true)
            for word in words {
                let bytes = try #require(Self.decodeWord(word))
                #expect(String(validating: bytes, as: UTF8.self) != nil, "word \(word) splits a UTF-8 sequence")
            }
            #expect(String(decoding: words.compactMap(Self.decodeWord).reduce([], +), as: UTF8.self) == subject)
        }
    }

    @Test func mostlyNonLatinTextPicksBase64() {
        let words = EncodedWord.encode("ニュース速報：大雨警報", firstRoom: 69)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") })
    }

    @Test func asciiLookingLikeAnEncodedWordIsEncoded() {
        #expect(HeaderText.needsEncoding("promo =?UTF-8?B?SGFsbw==?="))
        #expect(!HeaderText.needsEncoding("Harga naik 5% = rugi?"))
    }

    @Test func displayNamesArePlainQuotedOrEncoded() throws {
        let address = try MessageFixture.address("redaksi@kabar.example")
        let plain = try HeaderText.mailboxField("From", [Mailbox(address, displayName: "Kabar Harian")])
        #expect(plain == "From: Kabar Harian <redaksi@kabar.example>\r\n")
        let quoted = try HeaderText.mailboxField("From", [Mailbox(address, displayName: #"Kabar, "Harian" \ Pagi"#)])
        #expect(quoted == #"From: "Kabar, \"Harian\" \\ Pagi" <redaksi@kabar.example>"# + "\r\n")
        let encoded = try HeaderText.mailboxField("From", [Mailbox(address, displayName: "Rédaction Jūrnal")])
        #expect(encoded == "From: =?UTF-8?B?UsOpZGFjdGlvbiBKxatybmFs?= <redaksi@kabar.example>\r\n")
        let mostlyLatin = try HeaderText.mailboxField(
            "From", [Mailbox(address, displayName: "Redaksi Kabar Ñusantara")])
        #expect(mostlyLatin == "From: =?UTF-8?Q?Redaksi_Kabar_=C3=91usantara?= <redaksi@kabar.example>\r\n")
        let bare = try HeaderText.mailboxField("To", [Mailbox(address), Mailbox(address, displayName: " ")])
        #expect(bare == "To: redaksi@kabar.example, redaksi@kabar.example\r\n")
    }

    @Test func datesAreRFC5322InTheGivenZone() throws {
        #expect(
            MailDate.format(MessageFixture.date, timeZone: MessageFixture.jakarta) == "Tue, 08 Dec 2026 07:06:18 +0700")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(
            MailDate.format(Date(timeIntervalSince1970: 951_825_600), timeZone: utc)
                == "Tue, 29 Feb 2000 12:00:00 +0000")
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(MailDate.format(MessageFixture.date, timeZone: newYork) == "Mon, 07 Dec 2026 19:06:18 -0500")
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(MailDate.format(Date(timeIntervalSince1970: 0), timeZone: kolkata) == "Thu, 01 Jan 1970 05:30:00 +0530")
    }
}
