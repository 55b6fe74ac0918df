import Foundation
import Testing

@testable import WartaMail

@Suite struct MailboxSourceTests {
    static let mbox = """
        From MAILER-DAEMON Tue Dec  8 01:12:03 2026
        From: MAILER-DAEMON@mx1.kabar.example
        Subject: satu

        Badan satu.

        From MAILER-DAEMON Tue Dec  8 01:13:00 2026
        From: MAILER-DAEMON@mx1.kabar.example
        Subject: dua

        >From the desk of the postmaster.
        >>From stays quoted once.

        From fbl@arf.pembaca.example Tue Dec  8 02:15:00 2026
        Subject: tiga

        Badan tiga.

        """

    @Test func mboxSplitsIntoThreeMessagesAndUnquotesFromLines() {
        let messages = MailboxSource.messages(in: Array(Self.mbox.utf8))
        #expect(messages.count == 3)
        #expect(messages.map(\.origin) == ["message 1, line 2", "message 2, line 8", "message 3, line 15"])
        #expect(String(decoding: messages[0].bytes, as: UTF8.self).hasSuffix("Badan satu.\n"))
        let second = String(decoding: messages[1].bytes, as: UTF8.self)
        #expect(second.hasSuffix("\nFrom the desk of the postmaster.\n>From stays quoted once.\n"))
        #expect(second.hasPrefix("From: MAILER-DAEMON@mx1.kabar.example\nSubject: dua\n"))
    }

    @Test func mboxWithCRLFLineEndsSplitsToo() {
        let messages = MailboxSource.messages(in: FeedbackSamples.crlf(Self.mbox))
        #expect(messages.count == 3)
        #expect(String(decoding: messages[2].bytes, as: UTF8.self) == "Subject: tiga\r\n\r\nBadan tiga.\r\n")
    }

    @Test func oneMessageIsOneMessage() throws {
        let bounce = try FeedbackSamples.postfixUserUnknown()
        #expect(MailboxSource.messages(in: bounce) == [MailboxMessage(origin: "message", bytes: bounce)])
        #expect(MailboxSource.messages(in: []).isEmpty)
    }

    @Test func maildirIsReadFromNewAndCurInNameOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("warta-maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let files = [
            ("cur/1796690100.M2P1.mx1:2,S", "Subject: kedua\n\nb\n"),
            ("new/1796690000.M1P1.mx1", "Subject: pertama\n\na\n"),
            ("new/1796690200.M3P1.mx1", "Subject: ketiga\n\nc\n"),
            ("new/.hidden", "x"),
            ("tmp/1796690300.M4P1.mx1", "Subject: belum selesai\n\nd\n"),
        ]
        for (path, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(path)) }
        let messages = try MailboxSource.messages(atPath: root.path)
        #expect(
            messages.map(\.origin) == [
                "new/1796690000.M1P1.mx1", "cur/1796690100.M2P1.mx1:2,S", "new/1796690200.M3P1.mx1",
            ])
        #expect(String(decoding: messages[0].bytes, as: UTF8.self) == "Subject: pertama\n\na\n")
    }

    @Test func fileAndMissingPathAndPlainDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("warta-mbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("bounces.mbox")
        try Data(Self.mbox.utf8).write(to: file)
        #expect(try MailboxSource.messages(atPath: file.path).count == 3)
        #expect(throws: MailboxError.notAMaildir(path: root.path)) { try MailboxSource.messages(atPath: root.path) }
        let missing = root.appendingPathComponent("tidak-ada").path
        #expect(throws: MailboxError.unreadable(path: missing)) { try MailboxSource.messages(atPath: missing) }
    }
}
