import Foundation

extension ArticlePage {
    /// Canonical URL (always our own, also for a republished story), OpenGraph, Twitter card, hreflang alternates
    /// and schema.org `NewsArticle` for one article, with its source and translation.
    static func head(for row: ArticleRow, description: String, context: ViewContext) -> PageHead {
        let url = context.siteURL + row.path
        let zone = context.dates.timeZone
        let published = CivilTime.rfc3339(row.publishedAt, in: zone)
        let modified = CivilTime.rfc3339(max(row.updatedAt, row.publishedAt), in: zone)
        var openGraph = [
            OpenGraphProperty(property: "og:type", content: "article"),
            OpenGraphProperty(property: "og:site_name", content: context.siteName),
            OpenGraphProperty(property: "og:title", content: row.title),
            OpenGraphProperty(property: "og:description", content: description),
            OpenGraphProperty(property: "og:url", content: url),
            OpenGraphProperty(property: "og:locale", content: row.language.replacingOccurrences(of: "-", with: "_")),
            OpenGraphProperty(property: "article:published_time", content: published),
            OpenGraphProperty(property: "article:modified_time", content: modified),
        ]
        if let category = row.category {
            openGraph.append(OpenGraphProperty(property: "article:section", content: category.name))
        }
        openGraph += row.tags.map { OpenGraphProperty(property: "article:tag", content: $0.name) }
        let dates = (published: published, modified: modified)
        let data = newsArticle(row, description: description, url: url, dates: dates, context: context)
        // hreflang only makes sense with a second language; each alternate lists every version, itself included.
        let alternates = row.alternates.count > 1 ? row.alternates.map { ($0.language, $0.path) } : []
        return PageHead(
            canonicalPath: row.path, openGraph: openGraph,
            twitterCard: PageHead.twitterCard(title: row.title, description: description),
            languageAlternates: alternates, structuredData: StructuredData(data))
    }
}

extension ArticlePage {
    /// schema.org `NewsArticle` (CONTRACTS.md, "JSON-LD"): `isBasedOn` is the original URL, else the source URL;
    /// a translation adds `translationOfWork` and `translator`; an agency credit is an `Organization`.
    static func newsArticle(
        _ row: ArticleRow, description: String, url: String, dates: (published: String, modified: String),
        context: ViewContext
    ) -> JSONValue {
        let basedOn = row.originalURL.isEmpty ? row.sourceURL : row.originalURL
        let original: JSONValue? =
            row.originalLanguage.isEmpty
            ? nil
            : .object(dropping: [
                ("@type", .string("CreativeWork")), ("url", .text(basedOn)),
                ("name", .text(row.sourceName)), ("inLanguage", .string(row.originalLanguage)),
            ])
        return .object(dropping: [
            ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")),
            ("headline", .string(row.title)), ("description", .text(description)), ("url", .string(url)),
            ("mainEntityOfPage", .object([("@type", .string("WebPage")), ("@id", .string(url))])),
            ("inLanguage", .string(row.language)), ("datePublished", .string(dates.published)),
            ("dateModified", .string(dates.modified)),
            ("author", credit(row.authorCredit, isStaff: row.isStaffCredit, source: row.sourceName)),
            ("editor", person(row.editorName)), ("publisher", publisher(context)),
            ("isBasedOn", .text(basedOn)), ("translator", person(row.translator)), ("translationOfWork", original),
            ("articleSection", .text(row.category?.name)),
            ("keywords", row.tags.isEmpty ? nil : .array(row.tags.map { .string($0.name) })),
        ])
    }

    private static func person(_ name: String) -> JSONValue? {
        name.isEmpty ? nil : .object([("@type", .string("Person")), ("name", .string(name))])
    }

    /// The author credit as a `Person`, or an `Organization` when it names an agency (`AgencyCredit`).
    static func credit(_ name: String, isStaff: Bool, source: String) -> JSONValue? {
        guard !name.isEmpty else { return nil }
        let type = !isStaff && AgencyCredit.isAgency(name, source: source) ? "Organization" : "Person"
        return .object([("@type", .string(type)), ("name", .string(name))])
    }

    /// The site as publisher; a logo joins it when the site has one (the media library's logo setting).
    private static func publisher(_ context: ViewContext) -> JSONValue {
        .object([
            ("@type", .string("Organization")), ("name", .string(context.siteName)),
            ("url", .string(context.siteURL + "/")),
        ])
    }
}

/// Whether a free-text author credit names a news agency or outlet rather than a person (docs/adr/020): it is the
/// story's source itself (`author: Reuters`, `source: Reuters`), or a wire service by its usual name.
enum AgencyCredit {
    static let wireServices: Set<String> = [
        "antara", "lkbn antara", "kantor berita antara", "reuters", "afp", "agence france-presse", "ap",
        "associated press", "the associated press", "bernama", "xinhua", "kyodo", "kyodo news", "yonhap", "dpa",
        "efe", "ansa", "upi", "bloomberg", "pti", "aap", "tass", "anadolu", "anadolu agency",
    ]

    static func isAgency(_ credit: String, source: String) -> Bool {
        let name = credit.trimmingCharacters(in: .whitespaces).lowercased()
        if !source.isEmpty, name == source.trimmingCharacters(in: .whitespaces).lowercased() { return true }
        return wireServices.contains(name)
    }
}
