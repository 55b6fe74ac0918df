import WartaMarkup

/// An attribute whose name is fixed in code and whose value is always escaped on output.
struct Attribute {
    let name: StaticString
    let value: String?

    init(_ name: StaticString, _ value: String?) {
        self.name = name
        self.value = value
    }

    /// A link target; anything but relative, http, https or mailto becomes `#`.
    static func href(_ url: String) -> Attribute { Attribute("href", URLPolicy.isSafeLink(url) ? url : "#") }
    static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    static func id(_ value: String) -> Attribute { Attribute("id", value) }
    static func name(_ value: String) -> Attribute { Attribute("name", value) }
    static func type(_ value: String) -> Attribute { Attribute("type", value) }
    static func value(_ value: String) -> Attribute { Attribute("value", value) }
    static func lang(_ value: String) -> Attribute { Attribute("lang", value) }
    /// A boolean attribute such as `required`; omitted when false.
    static func flag(_ name: StaticString, _ isOn: Bool = true) -> Attribute? { isOn ? Attribute(name, nil) : nil }
}

/// The escaping HTML writer (VIEWS.md): text and attribute values are escaped by construction,
/// tag and attribute names are static, and markup from data only enters as `SanitizedHTML`.
struct HTML {
    private(set) var output: String

    init(capacity: Int = 16 * 1024) {
        output = ""
        output.reserveCapacity(capacity)
    }

    /// Static markup written in code, such as the doctype or an inline stylesheet.
    mutating func markup(_ fixed: StaticString) { output += fixed.description }

    mutating func text(_ text: String) { Self.escape(text, into: &output) }

    mutating func sanitized(_ html: SanitizedHTML) { output += html.html }

    /// JSON-LD, escaped for a script element when it was made (`StructuredData`).
    mutating func appendVerified(_ data: StructuredData) { output += data.json }

    mutating func open(_ tag: StaticString, _ attributes: [Attribute?] = []) {
        output += "<"
        output += tag.description
        for case let attribute? in attributes {
            output += " "
            output += attribute.name.description
            if let value = attribute.value {
                output += "=\""
                Self.escape(value, into: &output)
                output += "\""
            }
        }
        output += ">"
    }

    mutating func close(_ tag: StaticString) {
        output += "</"
        output += tag.description
        output += ">"
    }

    /// An element holding only text.
    mutating func element(_ tag: StaticString, _ attributes: [Attribute?] = [], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// An element whose content the closure writes.
    mutating func element(_ tag: StaticString, _ attributes: [Attribute?] = [], _ content: (inout HTML) -> Void) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    static func escape(_ text: String, into output: inout String) {
        let utf8 = text.utf8
        var pending = utf8.startIndex
        var cursor = utf8.startIndex
        while cursor != utf8.endIndex {
            let replacement: String? =
                switch utf8[cursor] {
                case UInt8(ascii: "&"): "&amp;"
                case UInt8(ascii: "<"): "&lt;"
                case UInt8(ascii: ">"): "&gt;"
                case UInt8(ascii: "\""): "&quot;"
                case UInt8(ascii: "'"): "&#39;"
                default: nil
                }
            if let replacement {
                output += text[pending..<cursor]
                output += replacement
                pending = utf8.index(after: cursor)
            }
            cursor = utf8.index(after: cursor)
        }
        output += text[pending..<text.endIndex]
    }
}
