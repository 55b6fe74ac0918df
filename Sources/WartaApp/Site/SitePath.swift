import Foundation

/// Every public link Warta prints (CONTRACTS.md, "URLs").
enum SitePath: Equatable {
    case home(page: Int)
    case article(year: Int, month: Int, slug: String)
    case category(String)
    case tag(String)
    case author(String)
    case language(UILanguage, returnTo: String)
    case adminArticle(UUID)

    var path: String {
        switch self {
        case .home(let page): page <= 1 ? "/" : "/?page=\(page)"
        case .article(let year, let month, let slug):
            "/" + Digits.padded(year, width: 4) + "/" + Digits.padded(month, width: 2) + "/" + slug
        case .category(let slug): "/category/\(slug)"
        case .tag(let slug): "/tag/\(slug)"
        case .author(let slug): "/author/\(slug)"
        case .language(let language, let returnTo):
            "/lang/\(language.rawValue)?return=" + Self.queryEncoded(returnTo)
        case .adminArticle(let id): "/admin/articles/\(id.uuidString.lowercased())"
        }
    }

    /// Percent-encodes everything but ASCII letters, digits and `-._~` (RFC 3986 unreserved), byte by byte.
    static func queryEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Slugs: lower-case ASCII letters, digits and hyphens, derived from titles and credit names.
enum Slug {
    static let reserved: Set<String> = [
        "admin", "assets", "category", "tag", "author", "search", "lang", "healthz", "readyz", "metrics", "feed",
        "feeds", "sitemap", "sitemap.xml", "robots.txt", "reader", "newsletter", "comments",
    ]

    /// `Banjir Surut di Ciliwung!` → `banjir-surut-di-ciliwung`; accents folded, at most 80 characters.
    static func make(from text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        var lastWasHyphen = true
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
                lastWasHyphen = false
            } else if !lastWasHyphen {
                slug += "-"
                lastWasHyphen = true
            }
            if slug.count >= 80 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    static func isValid(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug.count <= 120, !slug.hasPrefix("-"), !slug.hasSuffix("-") else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
