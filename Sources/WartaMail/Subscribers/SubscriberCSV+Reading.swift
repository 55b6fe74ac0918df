import Foundation

extension SubscriberCSV {
    enum Column: Hashable {
        case email, name, lists, consentDate
    }

    /// Header names after lowercasing and turning spaces and `-` into `_`.
    static let columnNames: [String: Column] = [
        "email": .email, "e_mail": .email, "name": .name, "nama": .name, "lists": .lists, "list": .lists,
        "consent_date": .consentDate, "consent": .consentDate, "consented_at": .consentDate,
    ]

    /// Reads an uploaded file.
    /// - Parameters:
    ///   - bytes: the file as uploaded.
    ///   - timeZone: the zone of consent dates without an offset (the site's zone).
    ///   - limits: bounds on rows and fields.
    /// - Returns: the good rows and every problem by line; never throws, since every problem is the file's.
    public static func read(_ bytes: [UInt8], timeZone: TimeZone, limits: Limits = Limits()) -> Report {
        var report = Report()
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let line = firstLineNotUTF8(bytes) {
            report.problems.append(Problem(line: line, .notUTF8))
            return report
        }
        let separator = CSVRecords.separator(ofHeader: bytes)
        report.separator = Character(Unicode.Scalar(separator))
        var records = CSVRecords(bytes, separator: separator)
        var firstRecord = records.next()
        while let record = firstRecord, record.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) {
            firstRecord = records.next()
        }
        guard let headerRecord = firstRecord else {
            report.problems.append(Problem(line: 1, .emptyFile))
            return report
        }
        guard let columns = header(headerRecord, limits: limits, problems: &report.problems) else { return report }
        var reader = RowReader(columns: columns, timeZone: timeZone, limits: limits)
        while let record = records.next() {
            if record.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) && !record.isUnterminated { continue }
            guard report.rows.count + reader.badRows < limits.maxRows else {
                report.problems.append(Problem(line: record.line, .tooManyRows(limit: limits.maxRows)))
                break
            }
            let (row, problems) = reader.row(record)
            report.problems += problems.map { Problem(line: record.line, $0) }
            if let row { report.rows.append(row) }
        }
        return report
    }

    /// The 1-based line of the first byte that is not UTF-8, or nil when all are. A character never spans a line
    /// end, so lines can be checked one by one.
    static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int? {
        guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
        var line = 1
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end + 1
        }
        return line
    }

    /// The column of each header field (nil: ignored), or nil when the file cannot be read without `email`.
    static func header(_ record: CSVRecords.Record, limits: Limits, problems: inout [Problem]) -> [Column?]? {
        guard record.fields.count <= limits.maxColumns else {
            problems.append(
                Problem(line: record.line, .tooManyHeaderColumns(count: record.fields.count, limit: limits.maxColumns)))
            return nil
        }
        var columns: [Column?] = []
        for field in record.fields {
            let name = String(field.trimmingWhitespace()).lowercased()
            let key = name.replacing(" ", with: "_").replacing("-", with: "_")
            guard let column = columnNames[key] else {
                problems.append(Problem(line: record.line, .unknownColumn(name)))
                columns.append(nil)
                continue
            }
            if columns.contains(column) {
                problems.append(Problem(line: record.line, .duplicateColumn(name)))
                columns.append(nil)
            } else {
                columns.append(column)
            }
        }
        guard columns.contains(.email) else {
            problems.append(Problem(line: record.line, .missingEmailColumn))
            return nil
        }
        return columns
    }
}

/// Turns records into rows, remembering addresses already seen.
struct RowReader {
    let columns: [SubscriberCSV.Column?]
    let timeZone: TimeZone
    let limits: SubscriberCSV.Limits
    private(set) var badRows = 0
    private var seen: [String: Int] = [:]

    init(columns: [SubscriberCSV.Column?], timeZone: TimeZone, limits: SubscriberCSV.Limits) {
        self.columns = columns
        self.timeZone = timeZone
        self.limits = limits
    }

    mutating func row(_ record: CSVRecords.Record) -> (SubscriberCSV.Row?, [SubscriberCSV.ProblemKind]) {
        var problems: [SubscriberCSV.ProblemKind] = []
        if record.isUnterminated { problems.append(.unterminatedQuote) }
        if record.fields.count > columns.count {
            problems.append(.tooManyColumns(count: record.fields.count, expected: columns.count))
        }
        if record.longestFieldBytes > limits.maxFieldBytes {
            problems.append(.fieldTooLong(limit: limits.maxFieldBytes))
        }
        var values: [SubscriberCSV.Column: String] = [:]
        for (column, field) in zip(columns, record.fields) {
            if let column { values[column] = Self.unprotected(String(field.trimmingWhitespace())) }
        }
        let email = values[.email] ?? ""
        let address = try? MailAddress(email)
        if address == nil { problems.append(.badAddress(Self.shown(email))) }
        let name = values[.name].flatMap { $0.isEmpty ? nil : $0 }
        if let name { problems += nameProblems(name) }
        let (lists, badSlugs) = Self.lists(values[.lists] ?? "")
        problems += badSlugs.map { .badListSlug(Self.shown($0)) }
        let consentText = values[.consentDate] ?? ""
        let consentDate = consentText.isEmpty ? nil : ISO8601Text.date(consentText, timeZone: timeZone)
        if !consentText.isEmpty, consentDate == nil { problems.append(.badDate(Self.shown(consentText))) }
        if let address {
            let key = address.description.lowercased()
            if let first = seen[key] {
                problems.append(.duplicateAddress(address.description, firstLine: first))
            } else {
                seen[key] = record.line
            }
        }
        guard problems.isEmpty, let address else {
            badRows += 1
            return (nil, problems)
        }
        return (
            SubscriberCSV.Row(line: record.line, address: address, name: name, lists: lists, consentDate: consentDate),
            []
        )
    }

    private func nameProblems(_ name: String) -> [SubscriberCSV.ProblemKind] {
        var problems: [SubscriberCSV.ProblemKind] = []
        if name.unicodeScalars.contains(where: {
            $0.value < 32 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}"
        }) {
            problems.append(.controlCharacterInName)
        }
        if name.count > limits.maxNameCharacters { problems.append(.nameTooLong(limit: limits.maxNameCharacters)) }
        return problems
    }

    /// Slugs separated by `|` or whitespace, lowercased and deduplicated, and the ones that are not slugs.
    static func lists(_ text: String) -> (slugs: [String], bad: [String]) {
        var slugs: [String] = []
        var bad: [String] = []
        for item in text.lowercased().split(whereSeparator: { $0 == "|" || $0 == " " || $0 == "\t" }) {
            let slug = String(item)
            let isSlug =
                slug.utf8.count <= 64
                && slug.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
            if !isSlug {
                bad.append(slug)
            } else if !slugs.contains(slug) {
                slugs.append(slug)
            }
        }
        return (slugs, bad)
    }

    /// Cell text as a problem quotes it: control characters as spaces, at most 100 characters, so a message stays
    /// one readable line whatever the file held.
    static func shown(_ text: String) -> String {
        let clean = SubscriberCSV.withoutControlCharacters(text)
        return clean.count > 100 ? String(clean.prefix(100)) + "…" : clean
    }

    /// Undoes the `'` that ``SubscriberCSV/write(_:)`` puts before a cell a spreadsheet would run as a formula.
    static func unprotected(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, SubscriberCSV.formulaStarts.contains(second)
        else { return text }
        return String(text.dropFirst())
    }
}
