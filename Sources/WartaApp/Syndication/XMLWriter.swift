/// The escaping XML writer for feeds and sitemaps (VIEWS.md: "Feeds, sitemaps and JSON-LD use the same writer"):
/// element and attribute names are static, text and attribute values are always escaped, and characters XML 1.0
/// forbids (C0 controls but tab, newline and return; U+FFFE, U+FFFF) are dropped, so no title or body can make a
/// feed reader report a malformed document.
struct XMLWriter {
    private(set) var output: String

    init(capacity: Int = 32 * 1024) {
        output = ""
        output.reserveCapacity(capacity)
        output += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    }

    /// Fixed markup written in code (namespaces, a processing instruction).
    mutating func markup(_ fixed: StaticString) { output += fixed.description }

    mutating func text(_ text: String) { Self.escape(text, into: &output) }

    mutating func open(_ tag: StaticString, _ attributes: [(StaticString, String)] = []) {
        output += "<"
        output += tag.description
        writeAttributes(attributes)
        output += ">"
    }

    mutating func close(_ tag: StaticString) {
        output += "</"
        output += tag.description
        output += ">\n"
    }

    /// `<tag a="v"/>`
    mutating func empty(_ tag: StaticString, _ attributes: [(StaticString, String)]) {
        output += "<"
        output += tag.description
        writeAttributes(attributes)
        output += "/>\n"
    }

    mutating func element(_ tag: StaticString, _ attributes: [(StaticString, String)] = [], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    mutating func element(
        _ tag: StaticString, _ attributes: [(StaticString, String)] = [], _ content: (inout XMLWriter) -> Void
    ) {
        open(tag, attributes)
        content(&self)
        close(tag)
    }

    private mutating func writeAttributes(_ attributes: [(StaticString, String)]) {
        for (name, value) in attributes {
            output += " "
            output += name.description
            output += "=\""
            Self.escape(value, into: &output)
            output += "\""
        }
    }

    static func escape(_ text: String, into output: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                guard isAllowed(scalar) else { continue }
                output.unicodeScalars.append(scalar)
            }
        }
    }

    /// XML 1.0 §2.2 `Char`, less the tab, newline and return handled above.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF
            && !(0x7F...0x9F).contains(scalar.value)
    }

    /// `text` without the characters XML cannot hold, for values that another writer escapes (JSON Feed).
    static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isAllowed($0) && !["\t", "\n", "\r"].contains($0) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isAllowed(scalar) || ["\t", "\n", "\r"].contains(scalar) {
            out.append(scalar)
        }
        return String(out)
    }
}
