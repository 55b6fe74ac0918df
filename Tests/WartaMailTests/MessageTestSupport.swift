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
