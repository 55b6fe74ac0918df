/// The JSON the article query builds for tags and related links (SQLite `json_group_array`, PostgreSQL
/// `json_agg`): an array of arrays of strings or nulls. A small parser for exactly that shape; Foundation's
/// `JSONDecoder` spent more time on these few bytes than the query did.
enum StringTable {
    struct Malformed: Error, Equatable {
        let offset: Int
    }

    static func parse(_ text: String) throws -> [[String?]] {
        var parser = Parser(bytes: Array(text.utf8))
        let rows = try parser.table()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw Malformed(offset: parser.index) }
        return rows
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func table() throws -> [[String?]] {
            try list { parser in try parser.list { try $0.value() } }
        }

        /// `[ item, item, … ]`
        mutating func list<Item>(_ item: (inout Parser) throws -> Item) throws -> [Item] {
            try expect(UInt8(ascii: "["))
            var items: [Item] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return items
            }
            while true {
                skipSpace()
                items.append(try item(&self))
                skipSpace()
                guard let next = peek() else { throw Malformed(offset: index) }
                index += 1
                if next == UInt8(ascii: "]") { return items }
                guard next == UInt8(ascii: ",") else { throw Malformed(offset: index - 1) }
            }
        }

        mutating func value() throws -> String? {
            if bytes[index...].starts(with: "null".utf8) {
                index += 4
                return nil
            }
            return try string()
        }

        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while let byte = peek() {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try escape(into: &out)
                default:
                    out.append(byte)
                }
            }
            throw Malformed(offset: index)
        }

        mutating func escape(into out: inout [UInt8]) throws {
            guard let code = peek() else { throw Malformed(offset: index) }
            index += 1
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: "\\u".utf8) {
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: index) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw Malformed(offset: index) }
                out += Array(String(Character(unicode)).utf8)
            default:
                throw Malformed(offset: index - 1)
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw Malformed(offset: index) }
            index += 4
            return value
        }

        mutating func expect(_ byte: UInt8) throws {
            skipSpace()
            guard peek() == byte else { throw Malformed(offset: index) }
            index += 1
        }

        mutating func skipSpace() {
            while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
    }
}
