/// Deterministic generator of hostile tag soup for property tests.
struct TagSoupGenerator {
    /// SplitMix64: tiny, seedable, and the same on every platform.
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[Int(nextRandom() % UInt64(items.count))]
    }

    private mutating func chance(_ percent: UInt64) -> Bool {
        nextRandom() % 100 < percent
    }

    static let tags = [
        "p", "a", "b", "i", "em", "strong", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li", "br",
        "h2", "h3", "h6", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "td",
        "th", "hr", "sub", "sup", "div", "span", "h1", "script", "style", "svg", "math", "template", "iframe",
        "object", "embed", "noscript", "textarea", "title", "xmp", "form", "input", "button", "base", "meta",
        "SCRIPT", "Img", "A", "foreignObject", "mglyph", "annotation-xml", "select", "option", "plaintext",
    ]
    static let attributeNames = [
        "href", "src", "title", "alt", "width", "height", "loading", "align", "colspan", "rowspan", "rel",
        "onclick", "onerror", "ONLOAD", "style", "class", "id", "srcdoc", "formaction", "xlink:href", "data-x",
        "/onerror", "on", "HREF",
    ]
    static let values = [
        "https://ok.example/", "http://ok.example/a?b=1&c=2", "mailto:x@example.com", "/relative", "//host/x",
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)", "data:text/html,x", "vbscript:x", " \u{1}javascript:x", "12", "12px", "lazy",
        "eager", "CENTER", "middle", "x\" onclick=\"alert(1)", "'><script>alert(1)</script>", "&amp;&lt;&gt;",
        "&#0;", "&#x80;", "🐭 café", "", "a=b", "`x`",
    ]
    static let texts = [
        "hello", " ", "\n", "Tom & Jerry", "<", ">", "&", "&amp;", "&lt;script&gt;", "&nbsp;", "&copy", "&#60;",
        "\"", "'", "=", "/", "--", "<!--", "-->", "<!", "<?", "]]>", "<![CDATA[", "</", "café 🐭", "Ĳ", "\u{0}",
        "\r\n", "\u{1}",
    ]

    /// One random document of `pieces` fragments.
    mutating func document(pieces: Int) -> String {
        var html = ""
        for _ in 0..<pieces {
            switch nextRandom() % 10 {
            case 0...3: html += startTag()
            case 4...5: html += "</\(pick(Self.tags))>"
            case 6: html += chance(50) ? "<!--\(pick(Self.texts))-->" : "<\(pick(Self.tags))"
            default: html += pick(Self.texts)
            }
        }
        return html
    }

    private mutating func startTag() -> String {
        var tag = "<" + pick(Self.tags)
        for _ in 0..<(nextRandom() % 4) {
            tag += pick([" ", "/", "\t", "\n", " "]) + pick(Self.attributeNames)
            guard chance(85) else { continue }
            let value = pick(Self.values)
            switch nextRandom() % 4 {
            case 0: tag += "=\"\(value)\""
            case 1: tag += "='\(value)'"
            case 2: tag += "=\(value)"
            default: tag += " = \"\(value)\""
            }
        }
        return tag + pick([">", ">", ">", "/>", " >", ""])
    }
}
