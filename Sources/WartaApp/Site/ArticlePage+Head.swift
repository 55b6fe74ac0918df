import Foundation

extension ArticlePage {
    /// Canonical URL, OpenGraph and schema.org `NewsArticle` for one article, with its source and translation.
    static func head(for row: ArticleRow, description: String, context: ViewContext) -> PageHead {
        let url = context.siteURL + row.path
        let published = row.publishedAt.formatted(.iso8601)
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
        let data = NewsArticleData(
            headline: row.title, description: description, url: url, inLanguage: row.language,
            datePublished: published,
            author: row.authorCredit.isEmpty ? nil : .init(type: "Person", name: row.authorCredit),
            editor: row.editorName.isEmpty ? nil : .init(type: "Person", name: row.editorName),
            publisher: .init(type: "Organization", name: context.siteName, url: context.siteURL + "/"),
            isBasedOn: row.sourceName.isEmpty && row.sourceURL.isEmpty
                ? nil : .init(type: "CreativeWork", name: row.sourceName.nonEmpty, url: row.sourceURL.nonEmpty),
            translator: row.translator.isEmpty ? nil : .init(type: "Person", name: row.translator),
            translationOfWork: row.originalLanguage.isEmpty
                ? nil
                : .init(
                    type: "CreativeWork", name: nil, url: (row.originalURL.nonEmpty ?? row.sourceURL.nonEmpty),
                    inLanguage: row.originalLanguage),
            articleSection: row.category?.name, keywords: row.tags.isEmpty ? nil : row.tags.map(\.name))
        return PageHead(canonicalPath: row.path, openGraph: openGraph, structuredData: try? StructuredData(data))
    }
}

extension String {
    /// nil for an empty string, so optional JSON keys are left out.
    var nonEmpty: String? { isEmpty ? nil : self }
}
