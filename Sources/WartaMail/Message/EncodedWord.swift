/// RFC 2047 encoded words (`=?UTF-8?Q?…?=` / `=?UTF-8?B?…?=`) for non-ASCII header text.
enum EncodedWord {
    /// RFC 2047 §2: an encoded word is at most 75 characters, delimiters included.
    static let maxLength = 75
    static let overhead = "=?UTF-8?Q??=".utf8.count

    enum Scheme {
        case q, b

        /// Encoded length of `bytes` in this scheme, delimiters excluded.
        func length(of bytes: [UInt8]) -> Int {
            switch self {
            case .q: bytes.reduce(0) { $0 + (EncodedWord.isQLiteral($1) ? 1 : 3) }
            case .b: (bytes.count + 2) / 3 * 4
            }
        }
    }

    /// Encodes all of `text` (whitespace included) as encoded words, one scheme for all, the shorter of Q and B.
    /// The first word fits in `firstRoom` characters, the others in 75; a word never ends inside a character
    /// unless the character alone is too long for a word, and then it ends between Unicode scalars, never inside
    /// a UTF-8 sequence.
    static func encode(_ text: String, firstRoom: Int) -> [String] {
        let all = Array(text.utf8)
        let scheme: Scheme = Scheme.q.length(of: all) <= Scheme.b.length(of: all) ? .q : .b
        var units: [[UInt8]] = []
        for character in text {
            let bytes = Array(character.utf8)
            if scheme.length(of: bytes) + overhead <= maxLength {
                units.append(bytes)
            } else {
                units += character.unicodeScalars.map { Array(String($0).utf8) }
            }
        }
        var words: [String] = []
        var current: [UInt8] = []
        for unit in units {
            let room = words.isEmpty ? max(firstRoom, overhead + 12) : maxLength
            if !current.isEmpty, scheme.length(of: current + unit) + overhead > room {
                words.append(word(current, scheme))
                current = []
            }
            current += unit
        }
        if !current.isEmpty || words.isEmpty { words.append(word(current, scheme)) }
        return words
    }

    static func word(_ bytes: [UInt8], _ scheme: Scheme) -> String {
        switch scheme {
        case .q:
            var out = "=?UTF-8?Q?"
            for byte in bytes {
                if byte == 32 {
                    out += "_"
                } else if isQLiteral(byte) {
                    out += String(UnicodeScalar(byte))
                } else {
                    out +=
                        "=" + String(UnicodeScalar(QuotedPrintable.hexDigit(byte >> 4)))
                        + String(UnicodeScalar(QuotedPrintable.hexDigit(byte & 0x0F)))
                }
            }
            return out + "?="
        case .b:
            return "=?UTF-8?B?" + Base64.encode(bytes) + "?="
        }
    }

    /// Characters a Q word may carry as they are (RFC 2047 §5 rule 3); space travels as `_`, one character too.
    static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"), 32:
            true
        default: false
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4), for encoded words and DKIM tags.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            out.append(alphabet[Int(value >> 18 & 63)])
            out.append(alphabet[Int(value >> 12 & 63)])
            out.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(value >> 6 & 63)])
            out.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(value & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
