import Foundation

/// The subscribers export: `email,name,lists,consent_date,status`, one subscriber a line, CRLF line ends and
/// quoting as RFC 4180 says. Lists are slugs joined by `|`, as `warta newsletter import` reads them; the consent date is ISO 8601 in UTC.
enum SubscriberExport {
    static let header = ["email", "name", "lists", "consent_date", "status"]

    static func document(_ rows: [SubscriberRow]) -> String {
        var output = line(header)
        output.reserveCapacity(rows.count * 64)
        for row in rows {
            output += line([
                row.email, row.name, row.lists.joined(separator: "|"),
                row.consentAt.map(CivilTime.iso8601UTC) ?? "", row.status,
            ])
        }
        return output
    }

    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One field. A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some take a
    /// leading tab or CR the same way), so those get a leading apostrophe (OWASP, "CSV Injection"); then a field
    /// with a comma, a quote or a line break is quoted, its quotes doubled.
    static func cell(_ value: String) -> String {
        var text = value
        // Scalars, not Characters: "\r\n" is one Character that equals neither "\r" nor "\n".
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
