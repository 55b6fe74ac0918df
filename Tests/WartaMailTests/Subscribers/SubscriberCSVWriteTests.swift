import Foundation
import Testing

@testable import WartaMail

@Suite struct SubscriberCSVWriteTests {
    static func row(_ email: String, name: String?, lists: [String] = [], consent: Date? = nil) throws
        -> SubscriberCSV.Row
    {
        SubscriberCSV.Row(address: try MailAddress(email), name: name, lists: lists, consentDate: consent)
    }

    @Test func exportQuotesWhatNeedsQuotingWithCRLF() throws {
        let consent = Date(timeIntervalSince1970: 1_740_967_200)
        let text = SubscriberCSV.write([
            try Self.row("rina@pembaca.example", name: "Rina Wati", lists: ["harian", "breaking"], consent: consent),
            try Self.row("budi@pembaca.example", name: "Budi \"Bud\", S.H.; Jakarta"),
            try Self.row("citra@pembaca.example", name: nil),
        ])
        #expect(
            text == "email,name,lists,consent_date\r\n"
                + "rina@pembaca.example,Rina Wati,harian|breaking,2025-03-03T02:00:00Z\r\n"
                + "budi@pembaca.example,\"Budi \"\"Bud\"\", S.H.; Jakarta\",,\r\n"
                + "citra@pembaca.example,,,\r\n")
    }

    @Test func formulaCellsAreDefusedAndReadBackUnchanged() throws {
        let rows = [
            try Self.row("=cmd@pembaca.example", name: "=HYPERLINK(\"http://jahat.example\",\"klik\")"),
            try Self.row("plus@pembaca.example", name: "+62 812 3456"),
            try Self.row("minus@pembaca.example", name: "-2+3"),
            try Self.row("at@pembaca.example", name: "@SUM(A1:A9)"),
        ]
        let text = SubscriberCSV.write(rows)
        let lines = text.split(separator: "\r\n").dropFirst()
        #expect(
            lines.allSatisfy { line in
                line.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { cell in
                    let value = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                    return value.first.map { !"=+-@".contains($0) } ?? true
                }
            })
        #expect(lines.first?.hasPrefix("'=cmd@pembaca.example,\"'=HYPERLINK(") == true)
        let report = SubscriberCSV.read(Array(text.utf8), timeZone: TimeZone(secondsFromGMT: 0) ?? .current)
        #expect(report.problems.isEmpty)
        #expect(report.rows.map { SubscriberCSV.Row(address: $0.address, name: $0.name, lists: $0.lists) } == rows)
    }

    @Test func lineBreaksInExportedNamesBecomeSpaces() throws {
        let text = SubscriberCSV.write([
            try Self.row("a@pembaca.example", name: "Rina\r\nBcc: korban@lain.example\u{0}")
        ])
        #expect(text.hasSuffix("a@pembaca.example,Rina  Bcc: korban@lain.example ,,\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == 3)
    }

    @Test func exportReadsBackToTheSameRows() throws {
        let rows = [
            try Self.row(
                "rina@pembaca.example", name: "Rina, \"R\"", lists: ["harian"],
                consent: Date(timeIntervalSince1970: 1_740_967_200)),
            try Self.row("pembaca@contoh.example", name: "Ñoño Ümlaut 日本", lists: ["harian", "breaking"]),
            try Self.row("kosong@pembaca.example", name: nil),
        ]
        let report = SubscriberCSV.read(
            Array(SubscriberCSV.write(rows).utf8), timeZone: TimeZone(secondsFromGMT: 0) ?? .current)
        #expect(report.problems.isEmpty)
        #expect(report.rows.map(\.line) == [2, 3, 4])
        #expect(
            report.rows.map {
                SubscriberCSV.Row(address: $0.address, name: $0.name, lists: $0.lists, consentDate: $0.consentDate)
            } == rows)
    }
}
