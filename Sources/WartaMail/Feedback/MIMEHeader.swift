/// The next line of a byte slice: its content without the line end (LF, or CR LF), and where the next line starts.
/// A lone CR is kept as content; mail with bare CR line ends is too rare to pay for.
struct LineCursor {
    let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>, from position: Int? = nil) {
        self.bytes = bytes
        self.position = position ?? bytes.startIndex
    }

    mutating func next() -> (content: Range<Int>, start: Int)? {
        guard position < bytes.endIndex else { return nil }
        let start = position
        guard let lf = bytes[start...].firstIndex(of: 10) else {
            position = bytes.endIndex
            return (start..<bytes.endIndex, start)
        }
        position = lf + 1
        let end = lf > start && bytes[lf - 1] == 13 ? lf - 1 : lf
        return (start..<end, start)
    }
}

/// Header fields of a message or body part (RFC 5322 §2.2), unfolded, in order. Names are compared without case.
struct MIMEHeader {
    /// Bounds that keep a hostile header from costing more than reading it once.
    static let maxFields = 1000
    static let maxValueBytes = 16 * 1024

    private(set) var fields: [(name: String, value: String)] = []

    /// The first value of the field `name`, trimmed.
    func value(_ name: String) -> String? {
        let name = name.lowercased()
        return fields.first { $0.name == name }?.value
    }

    /// Every value of the field `name`, in order.
    func values(_ name: String) -> [String] {
        let name = name.lowercased()
        return fields.filter { $0.name == name }.map(\.value)
    }

    var isEmpty: Bool { fields.isEmpty }

    /// Reads fields from the start of `bytes` up to the first empty line and returns them with the index where the
    /// body starts (the end when there is no empty line). Lines that are neither a field nor a continuation are
    /// skipped, as most readers do; values are decoded as UTF-8 with replacement characters (RFC 6532).
    static func parse(_ bytes: ArraySlice<UInt8>) -> (header: MIMEHeader, bodyStart: Int) {
        var header = MIMEHeader()
        var cursor = LineCursor(bytes)
        var current: (name: String, value: [UInt8])?
        func flush() {
            guard let field = current, header.fields.count < maxFields else { return }
            let value = String(decoding: field.value, as: UTF8.self).trimmingWhitespace()
            header.fields.append((field.name, String(value)))
            current = nil
        }
        while let line = cursor.next() {
            if line.content.isEmpty { break }
            let first = bytes[line.content.lowerBound]
            if first == 32 || first == 9 {
                // Unfolding (RFC 5322 §2.2.3) drops only the line end; the whitespace stays.
                if let count = current?.value.count, count < maxValueBytes {
                    current?.value.append(32)
                    current?.value.append(contentsOf: bytes[line.content].drop(while: { $0 == 32 || $0 == 9 }))
                }
                continue
            }
            flush()
            current = field(bytes[line.content])
        }
        flush()
        return (header, cursor.position)
    }

    /// `name: value` when `line` starts with a valid field name (printable ASCII without `:`).
    private static func field(_ line: ArraySlice<UInt8>) -> (name: String, value: [UInt8])? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var name = line[line.startIndex..<colon]
        while let last = name.last, last == 32 || last == 9 { name = name.dropLast() }
        guard !name.isEmpty, name.count <= 76, name.allSatisfy({ (33...126).contains($0) }) else { return nil }
        let value = line[(colon + 1)...].prefix(maxValueBytes)
        return (String(decoding: name, as: UTF8.self).lowercased(), Array(value))
    }
}

/// A `Content-Type` value (RFC 2045 §5.1): `type/subtype` lowercase and parameters with lowercase names; quoted
/// values are unquoted. A missing or broken value is `text/plain` (RFC 2045 §5.2).
struct ContentType: Equatable {
    var mediaType: String
    var parameters: [String: String]

    init(mediaType: String, parameters: [String: String] = [:]) {
        self.mediaType = mediaType
        self.parameters = parameters
    }

    init(_ value: String?) {
        guard let value else {
            self.init(mediaType: "text/plain")
            return
        }
        var scanner = ParameterScanner(Array(value.utf8))
        let type = scanner.token().lowercased()
        self.init(mediaType: type.contains("/") ? type : "text/plain", parameters: scanner.parameters())
    }

    var isMultipart: Bool { mediaType.hasPrefix("multipart/") }

    subscript(parameter: String) -> String? { parameters[parameter] }
}

/// Reads `; name=value` pairs after a media type, tolerating spaces, comments and bad input.
private struct ParameterScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let special = Set("()<>@,;:\\\"/[]?= \t".utf8).subtracting("/".utf8)

    mutating func skipSpace() {
        while index < bytes.count {
            if bytes[index] == 32 || bytes[index] == 9 {
                index += 1
            } else if bytes[index] == UInt8(ascii: "(") {
                skipComment()
            } else {
                return
            }
        }
    }

    mutating func skipComment() {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "\\"): index += 1
            default: break
            }
            index += 1
            if depth == 0 { return }
        }
    }

    mutating func token() -> String {
        skipSpace()
        let start = index
        while index < bytes.count, !Self.special.contains(bytes[index]), bytes[index] > 32 { index += 1 }
        return String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
    }

    mutating func quoted() -> String {
        var out: [UInt8] = []
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
            out.append(bytes[index])
            index += 1
        }
        index += 1
        return String(decoding: out, as: UTF8.self)
    }

    mutating func parameters() -> [String: String] {
        var result: [String: String] = [:]
        while index < bytes.count, result.count < 32 {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ";") else {
                index += 1
                continue
            }
            index += 1
            let name = token().lowercased()
            skipSpace()
            guard !name.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipSpace()
            let value = index < bytes.count && bytes[index] == UInt8(ascii: "\"") ? quoted() : token()
            if result[name] == nil { result[name] = value }
        }
        return result
    }
}

/// Addresses as they appear in header fields and report fields: `Name <a@b>`, `<a@b>`, `rfc822; a@b`, `a@b, c@d`.
enum MailAddressText {
    /// Every address in `text` that `MailAddress` accepts: the ones in angle brackets when there are any,
    /// otherwise the comma-separated items.
    static func addresses(in text: String) -> [MailAddress] {
        var text = Substring(text)
        // A report field's address type (RFC 3464 §2.3.2: `rfc822;`, `utf-8;`) comes before a semicolon.
        if let semicolon = text.firstIndex(of: ";"), !text[..<semicolon].contains("@") {
            text = text[text.index(after: semicolon)...]
        }
        let bracketed = text.split(separator: "<", omittingEmptySubsequences: false).dropFirst().compactMap {
            $0.split(separator: ">").first
        }
        let candidates = bracketed.isEmpty ? text.split(separator: ",") : bracketed
        return candidates.prefix(100).compactMap { try? MailAddress(String($0)) }
    }

    static func firstAddress(in text: String) -> MailAddress? {
        addresses(in: text).first
    }
}
