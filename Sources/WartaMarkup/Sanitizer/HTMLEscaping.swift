/// Output escaping for sanitized markup.
enum HTMLEscaping {
    /// Appends element text: `&`, `<` and `>` escaped.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        append(text, escapingQuotes: false, to: &out)
    }

    /// Appends a double-quoted attribute value's content: also `"` and `'` escaped.
    static func appendAttributeValue(_ value: String, to out: inout [UInt8]) {
        append(value, escapingQuotes: true, to: &out)
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)

    private static func append(_ string: String, escapingQuotes: Bool, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            // Copy runs of ordinary bytes in one go; only the few special bytes are handled singly.
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x3F, needsEscape(byte, escapingQuotes) else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(byte, to: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    @inline(__always) private static func needsEscape(_ byte: UInt8, _ escapingQuotes: Bool) -> Bool {
        switch byte {
        case Byte.ampersand, Byte.lessThan, Byte.greaterThan: return true
        case Byte.quote, Byte.apostrophe: return escapingQuotes
        case Byte.tab, Byte.lineFeed: return false
        default: return byte < Byte.space
        }
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case Byte.ampersand: out.append(contentsOf: ampersand)
        case Byte.lessThan: out.append(contentsOf: lessThan)
        case Byte.greaterThan: out.append(contentsOf: greaterThan)
        case Byte.quote: out.append(contentsOf: quote)
        case Byte.apostrophe: out.append(contentsOf: apostrophe)
        case 0: out.append(contentsOf: Byte.replacement)
        // Other C0 controls (from `&#1;`, `&#13;`, FF …) become spaces: a literal CR
        // would be rewritten on the next parse and most controls are invalid in XML feeds.
        default: out.append(Byte.space)
        }
    }
}
