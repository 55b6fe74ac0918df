/// One header field as it stands in a message: its name and its raw value (folding kept), without the final CRLF.
struct RawHeaderField {
    var name: [UInt8]
    var value: [UInt8]
}

/// The "relaxed" canonicalization of RFC 6376 §3.4.2 (headers) and §3.4.4 (body).
enum DKIMCanonicalization {
    static func isWSP(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }

    /// Splits a message at the first empty line into its header fields and its body.
    static func split(_ message: [UInt8]) throws(DKIMError) -> (fields: [RawHeaderField], body: ArraySlice<UInt8>) {
        var fields: [RawHeaderField] = []
        var lineStart = 0
        var index = 0
        var current: [UInt8]?
        while index + 1 < message.count {
            guard message[index] == 13, message[index + 1] == 10 else {
                index += 1
                continue
            }
            let line = Array(message[lineStart..<index])
            if line.isEmpty {
                if let current { fields.append(try field(current)) }
                return (fields, message[(index + 2)...])
            }
            if let first = line.first, isWSP(first) {
                guard current != nil else { throw .malformedMessage }
                current? += [13, 10] + line
            } else {
                if let current { fields.append(try field(current)) }
                current = line
            }
            index += 2
            lineStart = index
        }
        throw .malformedMessage
    }

    private static func field(_ line: [UInt8]) throws(DKIMError) -> RawHeaderField {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedMessage }
        return RawHeaderField(name: Array(line[..<colon]), value: Array(line[(colon + 1)...]))
    }

    /// The field name lowercased, trailing WSP removed.
    static func name(_ field: RawHeaderField) -> [UInt8] {
        var name = field.name.map { (65...90).contains($0) ? $0 + 32 : $0 }
        while let last = name.last, isWSP(last) { name.removeLast() }
        return name
    }

    /// `name:value` CRLF with the name lowercased, the value unfolded, WSP runs made one space, ends trimmed.
    static func header(_ field: RawHeaderField) -> [UInt8] {
        let name = name(field)
        var value: [UInt8] = []
        var pendingSpace = false
        for byte in field.value where byte != 13 && byte != 10 {
            if isWSP(byte) {
                pendingSpace = true
            } else {
                if pendingSpace, !value.isEmpty { value.append(32) }
                pendingSpace = false
                value.append(byte)
            }
        }
        return name + [UInt8(ascii: ":")] + value + [13, 10]
    }

    /// Each line with WSP runs made one space and trailing WSP removed, empty lines at the end dropped, every line
    /// ending in CRLF. An empty body stays empty (RFC 6376 §3.4.4; dkimpy does the same).
    static func body(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var pendingSpace = false
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            if byte == 13, index + 1 < body.endIndex, body[index + 1] == 10 {
                lines.append(line)
                line = []
                pendingSpace = false
                index += 2
                continue
            }
            if isWSP(byte) {
                pendingSpace = true
            } else {
                if pendingSpace { line.append(32) }
                pendingSpace = false
                line.append(byte)
            }
            index += 1
        }
        if !line.isEmpty { lines.append(line) }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        var out: [UInt8] = []
        for line in lines { out += line + [13, 10] }
        return out
    }
}
