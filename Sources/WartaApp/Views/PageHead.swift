import Foundation

/// Tags in `<head>` for sharing and search engines: the canonical URL, OpenGraph properties and schema.org data.
struct PageHead: Sendable {
    /// Site-relative; the layout makes it absolute with the site URL.
    var canonicalPath: String?
    var openGraph: [OpenGraphProperty] = []
    var structuredData: StructuredData?
}

struct OpenGraphProperty: Sendable, Equatable {
    let property: String
    let content: String
}

/// A JSON value for structured data; objects keep their keys in the order given.
indirect enum JSONValue: Sendable {
    case string(String)
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

    private static func writeString(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = Array("0123456789abcdef")
                out += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xf)])
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension HTML {
    mutating func structuredData(_ data: StructuredData) {
        markup("<script type=\"application/ld+json\">")
        appendVerified(data)
        close("script")
    }
}
