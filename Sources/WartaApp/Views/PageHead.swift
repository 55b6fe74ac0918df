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

/// JSON-LD for `<script type="application/ld+json">`, only ever made by encoding a value. `<`, `>` and `&` are
/// written as `\u` escapes, so no title or name can close the element or open a comment inside it.
struct StructuredData: Sendable {
    let json: String

    init(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = ""
        for scalar in String(decoding: try encoder.encode(value), as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": json += "\\u003c"
            case ">": json += "\\u003e"
            case "&": json += "\\u0026"
            case "\u{2028}": json += "\\u2028"
            case "\u{2029}": json += "\\u2029"
            default: json.unicodeScalars.append(scalar)
            }
        }
        self.json = json
    }
}

extension HTML {
    mutating func structuredData(_ data: StructuredData) {
        markup("<script type=\"application/ld+json\">")
        appendVerified(data)
        close("script")
    }
}

/// schema.org `NewsArticle`, with the attribution a republished or translated story carries on the page.
struct NewsArticleData: Encodable {
    struct Thing: Encodable {
        let type: String
        let name: String?
        var url: String? = nil
        var inLanguage: String? = nil

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, url, inLanguage
        }
    }

    let context = "https://schema.org"
    let type = "NewsArticle"
    let headline: String
    let description: String
    let url: String
    let inLanguage: String
    let datePublished: String
    let author: Thing?
    let editor: Thing?
    let publisher: Thing
    /// The story this one republishes (the source line).
    let isBasedOn: Thing?
    let translator: Thing?
    let translationOfWork: Thing?
    let articleSection: String?
    let keywords: [String]?

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case type = "@type"
        case headline, description, url, inLanguage, datePublished, author, editor, publisher, isBasedOn, translator
        case translationOfWork, articleSection, keywords
    }
}
