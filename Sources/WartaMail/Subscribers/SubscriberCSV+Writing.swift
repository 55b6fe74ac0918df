import Foundation

extension SubscriberCSV {
    /// First characters that make a spreadsheet run a cell as a formula (OWASP "CSV injection"); tab and CR are on
    /// OWASP's list too, and cannot start a trimmed cell here.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@"]

    /// The rows as a CSV file with a header (`email,name,lists,consent_date`), CRLF line ends (RFC 4180), lists
    /// joined by `|`, consent dates as ISO 8601 in UTC. Fields holding `,`, `"` or line breaks are quoted; a cell
    /// starting with `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet shows it as text (``read(_:timeZone:limits:)``
    /// removes it again); line breaks and control characters in names become spaces.
    public static func write(_ rows: [Row]) -> String {
        var out = "email,name,lists,consent_date\r\n"
        for row in rows {
            let fields = [
                row.address.description,
                row.name.map(withoutControlCharacters) ?? "",
                row.lists.joined(separator: "|"),
                row.consentDate.map(ISO8601Text.string) ?? "",
            ]
            out += fields.map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func cell(_ text: String) -> String {
        let safe = text.first.map { formulaStarts.contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return safe
        }
        return "\"" + safe.replacing("\"", with: "\"\"") + "\""
    }

    static func withoutControlCharacters(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    let isControl = scalar.value < 32 || (0x7F...0x9F).contains(scalar.value)
                    return isControl || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
                }))
    }
}
