/// RFC 4180 records: fields separated by one byte, optionally in double quotes (which may hold the separator, line
/// breaks and `""` for a quote), records ended by CRLF or LF. Lenient where spreadsheets are sloppy: a quote inside
/// an unquoted field is kept, text after a closing quote is appended.
struct CSVRecords {
    /// One record, the 1-based line it starts on, and whether a quoted field ran to the end of the input.
    struct Record {
        var line: Int
        var fields: [String]
        var isUnterminated = false
        var longestFieldBytes = 0
    }

    /// Bytes kept of one field; longer fields are only measured (the reader refuses them anyway).
    static let fieldCap = 64 * 1024

    private let bytes: [UInt8]
    private let separator: UInt8
    private var index = 0
    private var line = 1

    init(_ bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
    }

    /// The separator of a header line: `;` when it has more semicolons than commas outside quotes, else `,`.
    static func separator(ofHeader bytes: [UInt8]) -> UInt8 {
        var quoted = false
        var commas = 0
        var semicolons = 0
        for byte in bytes {
            if byte == 34 { quoted.toggle() }
            if quoted { continue }
            if byte == 10 { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// The next record, or nil at the end. Every call consumes at least one byte.
    mutating func next() -> Record? {
        guard index < bytes.count else { return nil }
        var record = Record(line: line, fields: [])
        var field: [UInt8] = []
        var fieldBytes = 0
        var quoted = false
        var wasQuoted = false
        func append(_ byte: UInt8) {
            fieldBytes += 1
            if field.count < Self.fieldCap { field.append(byte) }
        }
        func endField() {
            if field.last == 13, !quoted { field.removeLast() }
            record.longestFieldBytes = max(record.longestFieldBytes, fieldBytes)
            record.fields.append(String(decoding: field, as: UTF8.self))
            field = []
            fieldBytes = 0
            wasQuoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == 34 {
                    if index < bytes.count, bytes[index] == 34 {
                        append(34)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 10 { line += 1 }
                    append(byte)
                }
            } else if byte == 34, field.isEmpty, !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if byte == separator {
                endField()
            } else if byte == 10 {
                line += 1
                endField()
                return record
            } else {
                append(byte)
            }
        }
        record.isUnterminated = quoted
        endField()
        return record
    }
}
