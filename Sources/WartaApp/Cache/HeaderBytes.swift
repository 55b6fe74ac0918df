/// Byte-level readers for the request headers the cache-hit path looks at: comma-separated lists with weights
/// (RFC 9110 §5.6.1, §12.4.2), cookies (RFC 6265 §4.2) and entity-tags (RFC 9110 §8.8.3). They never allocate and
/// never fail: malformed parts are skipped, so any bytes at all give an answer in one pass.
enum HeaderBytes {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    typealias Part = Slice<UnsafeBufferPointer<UInt8>>

    /// Runs `body` on the UTF-8 bytes of `text` without copying them when the string is native.
    static func withBytes<Result>(_ text: String, _ body: (Bytes) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(body) ?? body(Bytes(start: nil, count: 0))
    }

    /// Calls `body` with each element of a weighted list (`gzip;q=0.8, *;q=0`): the element's first token and its
    /// weight in thousandths (1000 when absent). An element whose weight is malformed (`q=2`, `q=.5`, `q=abc`) is
    /// skipped, as RFC 9110 leaves it without meaning; so is an empty one.
    static func forEachWeighted(_ bytes: Bytes, _ body: (Part, Int) -> Void) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            index = skipSpace(bytes, from: index)
            let tokenStart = index
            while index < bytes.endIndex, !isDelimiter(bytes[index]) { index += 1 }
            let token = bytes[tokenStart..<index]
            var weight: Int? = 1000
            // Parameters until the element ends; only `q` matters.
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") {
                if bytes[index] == UInt8(ascii: ";") {
                    index = skipSpace(bytes, from: index + 1)
                    let nameStart = index
                    while index < bytes.endIndex, !isDelimiter(bytes[index]), bytes[index] != UInt8(ascii: "=") {
                        index += 1
                    }
                    let isWeight = index - nameStart == 1 && bytes[nameStart] | 0x20 == UInt8(ascii: "q")
                    index = skipSpace(bytes, from: index)
                    guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else {
                        if isWeight { weight = nil }
                        continue
                    }
                    index = skipSpace(bytes, from: index + 1)
                    let valueEnd = endOfValue(bytes, from: index)
                    if isWeight { weight = self.weight(bytes[index..<valueEnd]) }
                    index = valueEnd
                } else {
                    index += 1
                }
            }
            if let weight, !token.isEmpty { body(token, weight) }
            index += 1
        }
    }

    /// `0`, `0.5`, `1.000` → 0, 500, 1000; anything else (over 1, more than three decimals, signs) → nil.
    static func weight(_ value: Part) -> Int? {
        guard let first = value.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        var result = Int(first - UInt8(ascii: "0")) * 1000
        guard value.count > 1 else { return result }
        guard value[value.startIndex + 1] == UInt8(ascii: "."), value.count <= 5 else { return nil }
        var scale = 100
        for byte in value.dropFirst(2) {
            guard isDigit(byte) else { return nil }
            result += Int(byte - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return result <= 1000 ? result : nil
    }

    /// Calls `body` with each cookie's name and value (quotes kept off the value); stops when `body` says so.
    static func forEachCookie(_ bytes: Bytes, _ body: (Part, Part) -> Bool) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            index = skipSpace(bytes, from: index)
            let nameStart = index
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";") {
                index += 1
            }
            let name = trimmed(bytes[nameStart..<index])
            var value = bytes[index..<index]
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") {
                let valueStart = index + 1
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: ";") { index += 1 }
                value = trimmed(bytes[valueStart..<index])
                if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                    value = value.dropFirst().dropLast()
                }
            }
            if !name.isEmpty, !body(name, value) { return }
            index += 1
        }
    }

    /// Whether an `If-None-Match` value names `etag` (a quoted opaque tag) by weak comparison, or is `*`.
    static func ifNoneMatch(_ bytes: Bytes, matches etag: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ",") {
                index += 1
            } else if byte == UInt8(ascii: "*") {
                return true
            } else if byte == UInt8(ascii: "W"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "/") {
                index += 2
            } else if byte == UInt8(ascii: "\"") {
                // A comma may sit inside an opaque tag, so the tag ends at its closing quote.
                var end = index + 1
                while end < bytes.endIndex, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                guard end < bytes.endIndex else { return false }
                if bytes[index...end].elementsEqual(etag) { return true }
                index = end + 1
            } else {
                while index < bytes.endIndex, bytes[index] != UInt8(ascii: ",") { index += 1 }
            }
        }
        return false
    }

    /// ASCII case-insensitive comparison with a lower-case literal.
    static func equalsLowercase(_ part: Part, _ literal: String.UTF8View) -> Bool {
        part.count == literal.count && zip(part, literal).allSatisfy { lowered($0) == $1 }
    }

    static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ")
            || byte == UInt8(ascii: "\t")
    }

    private static func skipSpace(_ bytes: Bytes, from start: Int) -> Int {
        var index = start
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index
    }

    /// The end of a parameter value: a quoted string (which may hold `,` and `;`) or a token.
    private static func endOfValue(_ bytes: Bytes, from start: Int) -> Int {
        var index = start
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            return min(index + 1, bytes.endIndex)
        }
        while index < bytes.endIndex, !isDelimiter(bytes[index]) { index += 1 }
        return index
    }

    private static func trimmed(_ part: Part) -> Part {
        var part = part
        while let first = part.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            part = part.dropFirst()
        }
        while let last = part.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { part = part.dropLast() }
        return part
    }
}
