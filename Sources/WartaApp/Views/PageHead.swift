import Foundation

/// Tags in `<head>` for sharing and search engines: the canonical URL, OpenGraph properties and schema.org data.
struct PageHead: Sendable {
    /// Site-relative; the layout makes it absolute with the site URL.
    var canonicalPath: String?
    var openGraph: [OpenGraphProperty] = []
    /// `twitter:*` meta tags (by `name`, not `property`).
    var twitterCard: [OpenGraphProperty] = []
    /// The same page in other languages: `hreflang` → site-relative path (this page included).
    var languageAlternates: [(language: String, path: String)] = []
    /// Feeds of this page's list: media type, title, site-relative path (feed autodiscovery).
    var feeds: [(type: String, title: String, path: String)] = []
    var structuredData: StructuredData?
}

extension PageHead {
    /// Twitter reads OpenGraph for what it lacks; the card type and the texts are its own tags.
    static func twitterCard(title: String, description: String) -> [OpenGraphProperty] {
        [
            OpenGraphProperty(property: "twitter:card", content: "summary"),
            OpenGraphProperty(property: "twitter:title", content: title),
        ] + (description.isEmpty ? [] : [OpenGraphProperty(property: "twitter:description", content: description)])
    }

    /// RSS, Atom and JSON Feed links for the list at `listPath` (empty for the whole site).
    static func feedLinks(listPath: String, title: String) -> [(type: String, title: String, path: String)] {
        [
            ("application/rss+xml", title, listPath + "/feed"),
            ("application/atom+xml", title, listPath + "/feed.atom"),
            ("application/feed+json", title, listPath + "/feed.json"),
        ]
    }
}

struct OpenGraphProperty: Sendable, Equatable {
    let property: String
    let content: String
}

/// A JSON value for structured data; objects keep their keys in the order given.
indirect enum JSONValue: Sendable {
    case string(String)
    case number(Int)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// An object without the keys whose value is nil.
    static func object(dropping pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// nil for an empty string, so optional keys are left out.
    static func text(_ value: String?) -> JSONValue? {
        guard let value, !value.isEmpty else { return nil }
        return .string(value)
    }
}

/// JSON-LD for `<script type="application/ld+json">`, only ever made by serializing a `JSONValue`. `<`, `>` and `&`
/// are written as `\u` escapes, so no title or name can close the element or open a comment inside it.
struct StructuredData: Sendable {
    let json: String

    init(_ value: JSONValue) {
        var out = ""
        Self.write(value, into: &out)
        json = out
    }

    private static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .string(let text): writeString(text, into: &out)
        case .number(let value): out += String(value)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, (key, item)) in pairs.enumerated() {
                if index > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(item, into: &out)
            }
            out += "}"
        }
    }

    /// Copies runs of bytes that need no escape whole; every escape is of an ASCII byte or of U+2028/U+2029
    /// (bytes E2 80 A8/A9), so each run starts and ends on a character boundary.
    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var cursor = utf8.startIndex
        while cursor != utf8.endIndex {
            let byte = utf8[cursor]
            var width = 1
            let escape: String?
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "<"): escape = "\\u003c"
            case UInt8(ascii: ">"): escape = "\\u003e"
            case UInt8(ascii: "&"): escape = "\\u0026"
            case 0..<0x20: escape = "\\u00" + Digits.hex([byte])
            case 0xE2:
                escape = lineSeparatorEscape(utf8[cursor...])
                width = escape == nil ? 1 : 3
            default: escape = nil
            }
            if let escape {
                out += text[runStart..<cursor]
                out += escape
                runStart = utf8.index(cursor, offsetBy: width)
            }
            cursor = utf8.index(cursor, offsetBy: width)
        }
        out += text[runStart..<utf8.endIndex]
        out += "\""
    }

    /// `\u2028` or `\u2029` when the bytes start with that character: valid in JSON, a line break in old scripts.
    private static func lineSeparatorEscape(_ bytes: Substring.UTF8View) -> String? {
        var iterator = bytes.dropFirst().makeIterator()
        guard iterator.next() == 0x80 else { return nil }
        switch iterator.next() {
        case 0xA8: return "\\u2028"
        case 0xA9: return "\\u2029"
        default: return nil
        }
    }
}

extension HTML {
    mutating func structuredData(_ data: StructuredData) {
        markup("<script type=\"application/ld+json\">")
        appendVerified(data)
        close("script")
    }
}
