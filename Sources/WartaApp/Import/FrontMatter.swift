import Foundation

/// The YAML subset `warta import` reads between `---` lines: `key: value` scalars (optionally quoted) and
/// one list form, `[a, b]` or `- item` lines. Every value remembers its line for `FILE:LINE` errors.
struct FrontMatter: Sendable {
    struct Value: Sendable {
        let text: String
        let list: [String]?
        let line: Int
    }

    struct ParseError: Error, Equatable, Sendable {
        let line: Int
        let message: String
    }

    var values: [String: Value] = [:]
    var order: [String] = []
    /// The line of the closing `---`: missing keys are reported there.
    var closingLine = 0
    var body = ""
    var bodyStartLine = 0

    static func parse(_ source: String) throws -> FrontMatter {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            throw ParseError(line: 1, message: "expected front matter starting with '---'")
        }
        var matter = FrontMatter()
        var index = 1
        var openListKey: String?
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                matter.closingLine = number
                matter.bodyStartLine = number + 1
                matter.body = lines[index...].joined(separator: "\n")
                return matter
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("- "), let key = openListKey, let existing = matter.values[key] {
                let item = try unquote(String(trimmed.dropFirst(2)), line: number)
                matter.values[key] = Value(
                    text: existing.text, list: (existing.list ?? []) + [item], line: existing.line)
                continue
            }
            guard !line.hasPrefix(" "), !line.hasPrefix("\t"), let colon = line.firstIndex(of: ":") else {
                throw ParseError(line: number, message: "expected 'key: value'")
            }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let raw = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) else {
                throw ParseError(line: number, message: "'\(key)' is not a key")
            }
            guard matter.values[key] == nil else { throw ParseError(line: number, message: "duplicate key '\(key)'") }
            matter.order.append(key)
            openListKey = nil
            if raw.isEmpty {
                matter.values[key] = Value(text: "", list: [], line: number)
                openListKey = key
            } else if raw.hasPrefix("[") {
                guard raw.hasSuffix("]") else { throw ParseError(line: number, message: "unclosed list for '\(key)'") }
                let items = try raw.dropFirst().dropLast().split(separator: ",").map {
                    try unquote($0.trimmingCharacters(in: .whitespaces), line: number)
                }.filter { !$0.isEmpty }
                matter.values[key] = Value(text: raw, list: items, line: number)
            } else {
                matter.values[key] = Value(text: try unquote(raw, line: number), list: nil, line: number)
            }
        }
        throw ParseError(line: lines.count, message: "front matter is not closed with '---'")
    }

    private static func unquote(_ text: String, line: Int) throws -> String {
        for quote in ["\"", "'"] where text.hasPrefix(quote) {
            guard text.count >= 2, text.hasSuffix(quote) else {
                throw ParseError(line: line, message: "unclosed quote")
            }
            let inner = String(text.dropFirst().dropLast())
            return quote == "\""
                ? inner.replacingOccurrences(of: "\\\"", with: "\"") : inner.replacingOccurrences(of: "''", with: "'")
        }
        return text
    }
}
