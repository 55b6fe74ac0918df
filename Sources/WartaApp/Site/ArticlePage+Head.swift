import Foundation

extension ArticlePage {
    /// Canonical URL, OpenGraph and schema.org `NewsArticle` for one article, with its source and translation.
    static func head(for row: ArticleRow, description: String, context: ViewContext) -> PageHead {
        let url = context.siteURL + row.path
        let published = CivilTime.iso8601UTC(row.publishedAt)
        var openGraph = [
            OpenGraphProperty(property: "og:type", content: "article"),
            OpenGraphProperty(property: "og:site_name", content: context.siteName),
            OpenGraphProperty(property: "og:title", content: row.title),
            OpenGraphProperty(property: "og:description", content: description),
            OpenGraphProperty(property: "og:url", content: url),
            OpenGraphProperty(property: "article:published_time", content: published),
        ]
        if let category = row.category {
            openGraph.append(OpenGraphProperty(property: "article:section", content: category.name))
        }
        openGraph += row.tags.map { OpenGraphProperty(property: "article:tag", content: $0.name) }
        let data = newsArticle(row, description: description, url: url, published: published, context: context)
        return PageHead(canonicalPath: row.path, openGraph: openGraph, structuredData: StructuredData(data))
    }
}

extension ArticlePage {
    /// schema.org `NewsArticle`, with the attribution a republished or translated story carries on the page:
    /// `isBasedOn` is the source, `translationOfWork` the original.
    static func newsArticle(
        _ row: ArticleRow, description: String, url: String, published: String, context: ViewContext
    ) -> JSONValue {
        func person(_ name: String) -> JSONValue? {
            name.isEmpty ? nil : .object([("@type", .string("Person")), ("name", .string(name))])
        }
        let source: JSONValue? =
            row.sourceName.isEmpty && row.sourceURL.isEmpty
            ? nil
            : .object(dropping: [
                ("@type", .string("CreativeWork")), ("name", .text(row.sourceName)), ("url", .text(row.sourceURL)),
            ])
        let original: JSONValue? =
            row.originalLanguage.isEmpty
            ? nil
            : .object(dropping: [
                ("@type", .string("CreativeWork")),
                ("url", .text(row.originalURL.isEmpty ? row.sourceURL : row.originalURL)),
                ("inLanguage", .string(row.originalLanguage)),
            ])
        return .object(dropping: [
            ("@context", .string("https://schema.org")), ("@type", .string("NewsArticle")),
            ("headline", .string(row.title)), ("description", .text(description)), ("url", .string(url)),
            ("inLanguage", .string(row.language)), ("datePublished", .string(published)),
            ("author", person(row.authorCredit)), ("editor", person(row.editorName)),
            (
                "publisher",
                .object([
                    ("@type", .string("Organization")), ("name", .string(context.siteName)),
                    ("url", .string(context.siteURL + "/")),
                ])
            ),
            ("isBasedOn", source), ("translator", person(row.translator)), ("translationOfWork", original),
            ("articleSection", .text(row.category?.name)),
            ("keywords", row.tags.isEmpty ? nil : .array(row.tags.map { .string($0.name) })),
        ])
    }
}
