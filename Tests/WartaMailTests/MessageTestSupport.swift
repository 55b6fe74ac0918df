import Foundation
import Testing

@testable import WartaMail

/// A seeded generator (SplitMix64) so rendered messages are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum MessageFixture {
    /// 2026-12-08 07:06:18 in Jakarta (+0700).
    static let date = Date(timeIntervalSince1970: 1_796_688_378)
    static let jakarta = TimeZone(identifier: "Asia/Jakarta") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .current

    static func address(_ text: String) throws -> MailAddress {
        try MailAddress(text)
    }

    static func newsletter(subject: String = "Berita pagi", html: String? = "<p>Halo</p>") throws -> MailMessage {
        MailMessage(
            from: Mailbox(try address("redaksi@kabar.example"), displayName: "Kabar Harian"),
            to: [Mailbox(try address("rina@pembaca.example"), displayName: "Rina")],
            subject: subject,
            textBody: "Halo Rina,\n\nBerita hari ini.\n",
            htmlBody: html,
            extraHeaders: [
                MailHeader("List-Id", "Harian <harian.kabar.example>"),
                MailHeader(
                    "List-Unsubscribe",
                    "<https://kabar.example/newsletter/unsubscribe?token=abcdefghijklmnopqrstuvwxyz0123456789>, "
                        + "<mailto:unsubscribe@kabar.example?subject=harian>"),
                MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ]
        )
    }

    static func render(_ message: MailMessage, seed: UInt64 = 7) throws -> [UInt8] {
        var random = SeededGenerator(seed: seed)
        return try message.rendered(date: date, timeZone: jakarta, random: &random)
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The header block, unfolded, as `name: value` lines.
    static func headerLines(_ bytes: [UInt8]) -> [String] {
        let head = text(bytes).components(separatedBy: "\r\n\r\n").first ?? ""
        return head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
            .components(separatedBy: "\r\n")
    }
}

/// Runs Debian's `/usr/bin/python3` (which sees python3-dkim) on a script kept here, so no resource folder is needed.
enum PythonCheck {
    static let script = #"""
        import sys, json, email, email.policy
        mode = sys.argv[1]
        data = sys.stdin.buffer.read()
        if mode == "verify":
            import dkim
            record = sys.argv[2].encode()
            def dnsfunc(name, timeout=5):
                return record if name.startswith(sys.argv[3].encode()) else None
            sys.exit(0 if dkim.verify(data, dnsfunc=dnsfunc) else 1)
        msg = email.message_from_bytes(data, policy=email.policy.default)
        parts = [p for p in msg.walk() if not p.is_multipart()]
        print(json.dumps({
            "subject": str(msg["subject"]), "from": str(msg["from"]), "to": str(msg["to"]),
            "type": msg.get_content_type(), "defects": len(msg.defects) + sum(len(p.defects) for p in parts),
            "parts": [[p.get_content_type(), p.get_content().replace("\r\n", "\n")] for p in parts],
        }))
        """#

    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ arguments: [String], input: [UInt8]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warta-mail-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("check.py")
        let inputURL = directory.appendingPathComponent("message.eml")
        try Data(script.utf8).write(to: scriptURL)
        try Data(input).write(to: inputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [scriptURL.path] + arguments
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// What Python's `email` package reads from the message.
    static func parse(_ message: [UInt8]) throws -> [String: Any] {
        let result = try run(["parse"], input: message)
        try #require(result.status == 0, "python email parse failed: \(result.output)")
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        return try #require(object as? [String: Any])
    }

    /// True when dkimpy's `dkim.verify` accepts the message with `record` as the selector's TXT record.
    static func dkimVerifies(_ message: [UInt8], record: String, selector: String) throws -> Bool {
        try run(["verify", record, selector + "._domainkey."], input: message).status == 0
    }
}
