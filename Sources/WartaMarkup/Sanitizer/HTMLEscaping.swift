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
        for byte in string.utf8 {
            switch byte {
            case Byte.ampersand: out.append(contentsOf: ampersand)
            case Byte.lessThan: out.append(contentsOf: lessThan)
            case Byte.greaterThan: out.append(contentsOf: greaterThan)
            case Byte.quote where escapingQuotes: out.append(contentsOf: quote)
            case Byte.apostrophe where escapingQuotes: out.append(contentsOf: apostrophe)
            case 0: out.append(contentsOf: Byte.replacement)
            case Byte.tab, Byte.lineFeed: out.append(byte)
            // Other C0 controls (from `&#1;`, `&#13;`, FF …) become spaces: a literal CR
            // would be rewritten on the next parse and most controls are invalid in XML feeds.
            case 1..<Byte.space: out.append(Byte.space)
            default: out.append(byte)
            }
        }
    }
}
