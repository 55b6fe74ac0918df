import Foundation
import Testing

@testable import WartaMail

@Suite struct SubscriberCSVTests {
    static let jakarta = TimeZone(secondsFromGMT: 7 * 3600) ?? .current

    static func read(_ text: String, limits: SubscriberCSV.Limits = .init()) -> SubscriberCSV.Report {
        SubscriberCSV.read(Array(text.utf8), timeZone: jakarta, limits: limits)
    }

    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test func goodFileWithBOMAndCRLFIsRead() throws {
        let text =
            "\u{FEFF}Email,Name,Lists,Consent_Date\r\nrina@pembaca.example,Rina Wati,harian|breaking,2025-03-03\r\n"
            + "budi@pembaca.example,,,2025-03-04T10:30:00Z\r\n"
        let report = Self.read(text)
        #expect(report.problems.isEmpty)
        #expect(report.canImport)
        #expect(report.separator == ",")
        #expect(report.rows.count == 2)
        let rina = try #require(report.rows.first)
        #expect(rina.line == 2)
        #expect(rina.address.description == "rina@pembaca.example")
        #expect(rina.name == "Rina Wati")
        #expect(rina.lists == ["harian", "breaking"])
        #expect(rina.consentDate == (try Self.date("2025-03-02T17:00:00Z")))
        #expect(report.rows[1].name == nil)
        #expect(report.rows[1].lists.isEmpty)
        #expect(report.rows[1].consentDate == (try Self.date("2025-03-04T10:30:00Z")))
    }

    @Test func semicolonFileWithQuotedFieldsIsRead() throws {
        let text = """
            email;nama;list;consent
            "siti@pembaca.example";"Rahma, Siti ""Ibu"" ; Jakarta";"harian  Breaking harian";2025-03-03 09:00
            """
        let report = Self.read(text)
        #expect(report.separator == ";")
        #expect(report.problems.isEmpty)
        #expect(report.rows.first?.name == "Rahma, Siti \"Ibu\" ; Jakarta")
        #expect(report.rows.first?.lists == ["harian", "breaking"])
        #expect(report.rows.first?.consentDate == (try Self.date("2025-03-03T02:00:00Z")))
    }

    @Test func badRowsAreReportedByLineAndGoodOnesKept() {
        let text = """
            email,name,lists,consent_date
            rina@pembaca.example,Rina,harian,2025-03-03
            bukan-alamat,Budi,,
            ,Kosong,,
            RINA@Pembaca.Example,Rina lagi,,
            dewi@pembaca.example,Dewi,harian|Berita Utama!,
            eko@pembaca.example,Eko,,03/03/2025
            fajar@pembaca.example,Fajar,,2025-02-30
            gita@pembaca.example,Gita,harian,2025-03-03,lebih

            hana@pembaca.example,Hana,,
            """
        let report = Self.read(text)
        #expect(report.rows.map(\.address.description) == ["rina@pembaca.example", "hana@pembaca.example"])
        #expect(report.rows.map(\.line) == [2, 11])
        #expect(report.canImport)
        #expect(
            report.problems == [
                .init(line: 3, .badAddress("bukan-alamat")),
                .init(line: 4, .badAddress("")),
                .init(line: 5, .duplicateAddress("RINA@Pembaca.Example", firstLine: 2)),
                .init(line: 6, .badListSlug("utama!")),
                .init(line: 7, .badDate("03/03/2025")),
                .init(line: 8, .badDate("2025-02-30")),
                .init(line: 9, .tooManyColumns(count: 5, expected: 4)),
            ])
        #expect(report.problems[0].description == "line 3: \"bukan-alamat\" is not an email address")
    }

    @Test func headerProblems() {
        let missing = Self.read("nama,lists\nRina,harian\n")
        #expect(missing.problems == [.init(line: 1, .missingEmailColumn)])
        #expect(!missing.canImport)
        #expect(missing.rows.isEmpty)
        let unknown = Self.read("email,phone,email\nrina@pembaca.example,0812,x@y.example\n")
        #expect(
            unknown.problems == [.init(line: 1, .unknownColumn("phone")), .init(line: 1, .duplicateColumn("email"))])
        #expect(unknown.canImport)
        #expect(unknown.rows.map(\.address.description) == ["rina@pembaca.example"])
        #expect(Self.read("").problems == [.init(line: 1, .emptyFile)])
        #expect(Self.read("\u{FEFF}\n\n").problems == [.init(line: 1, .emptyFile)])
        let wide = Self.read(Array(repeating: "email", count: 40).joined(separator: ","))
        #expect(wide.problems == [.init(line: 1, .tooManyHeaderColumns(count: 40, limit: 32))])
    }

    @Test func fileThatIsNotUTF8NamesTheFirstBadLine() {
        let latin1: [UInt8] =
            Array("email,name\nrina@pembaca.example,Rina\njose@pembaca.example,Jos".utf8) + [0xE9, 10]
        let report = SubscriberCSV.read(latin1, timeZone: Self.jakarta)
        #expect(report.problems == [.init(line: 3, .notUTF8)])
        #expect(report.rows.isEmpty)
        #expect(!report.canImport)
        #expect(report.problems[0].description.contains("must be UTF-8"))
        let utf16 = SubscriberCSV.read([0xFF, 0xFE] + Array("e\0m\0".utf8), timeZone: Self.jakarta)
        #expect(utf16.problems == [.init(line: 1, .notUTF8)])
    }

    @Test func lineBreaksInNamesAreRefusedAndLineNumbersStayRight() {
        let text =
            "email,name\r\n\"a@pembaca.example\",\"Rina\r\nBcc: korban@lain.example\"\r\nb@pembaca.example,\"Budi\u{0}\"\r\n"
            + "c@pembaca.example,Citra\r\n\"d@pembaca.example\r\nBcc: korban@lain.example\",Dewi\r\n"
        let report = Self.read(text)
        #expect(
            report.problems == [
                .init(line: 2, .controlCharacterInName), .init(line: 4, .controlCharacterInName),
                .init(line: 6, .badAddress("d@pembaca.example  Bcc: korban@lain.example")),
            ])
        #expect(report.rows.map(\.line) == [5])
    }

    @Test func unterminatedQuoteIsFatal() {
        let report = Self.read("email,name\na@pembaca.example,\"Rina\nb@pembaca.example,Budi\n")
        #expect(report.problems.first == .init(line: 2, .unterminatedQuote))
        #expect(!report.canImport)
    }

    @Test func limitsOnRowsAndFields() {
        var limits = SubscriberCSV.Limits()
        limits.maxRows = 3
        limits.maxFieldBytes = 40
        let rows = (1...5).map { "orang\($0)@pembaca.example" }.joined(separator: "\n")
        let report = Self.read(
            "email\n" + rows + "\n" + String(repeating: "x", count: 50) + "@p.example\n", limits: limits)
        #expect(report.rows.count == 3)
        #expect(report.problems == [.init(line: 5, .tooManyRows(limit: 3))])
        let long = Self.read("email,name\na@pembaca.example," + String(repeating: "n", count: 50), limits: limits)
        #expect(long.problems == [.init(line: 2, .fieldTooLong(limit: 40))])
        var names = SubscriberCSV.Limits()
        names.maxNameCharacters = 5
        #expect(
            Self.read("email,name\na@pembaca.example,Rinawati\n", limits: names).problems == [
                .init(line: 2, .nameTooLong(limit: 5))
            ])
    }

    @Test func datesInTheFormsOfISO8601() throws {
        let cases: [(String, String?)] = [
            ("2025-03-03", "2025-03-02T17:00:00Z"),
            ("2025-03-03T09:00", "2025-03-03T02:00:00Z"),
            ("2025-03-03T09:00:00Z", "2025-03-03T09:00:00Z"),
            ("2025-03-03T09:00:00.250+07:00", "2025-03-03T02:00:00Z"),
            ("2025-03-03 09:00:00-0300", "2025-03-03T12:00:00Z"),
            ("2024-02-29", "2024-02-28T17:00:00Z"),
            ("2025-02-29", nil), ("2025-13-01", nil), ("2025-03-03T25:00", nil), ("2025-03-03T09:00+99:00", nil),
            ("2025-3-3", nil), ("03/03/2025", nil), ("2025-03-03Tjunk", nil), ("2025-03-03T09:00:00 Z", nil),
        ]
        for (text, expected) in cases {
            let parsed = ISO8601Text.date(text, timeZone: Self.jakarta)
            #expect(parsed == (try expected.map(Self.date)), "\(text)")
        }
    }
}
