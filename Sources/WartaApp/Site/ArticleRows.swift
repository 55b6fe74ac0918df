import Foundation
import WartaMarkup

/// A published article as the public article page needs it.
struct ArticleRow: Sendable {
    let id: UUID
    let slug: String
    let language: String
    let title: String
    let summary: String
    let body: SanitizedHTML
    let authorCredit: String
    let authorSlug: String
    let editorName: String
    let sourceName: String
    let sourceURL: String
    let originalLanguage: String
    let originalURL: String
    let translator: String
    let categoryID: UUID?
    let category: NamedLink?
    var tags: [NamedLink]
    /// The stored related list (parts 6), best first.
    var related: [ArticleSummaryRow]
    let publishedAt: Date
    let urlYear: Int
    let urlMonth: Int
    let path: String

    func with(tags: [NamedLink], related: [ArticleSummaryRow]) -> ArticleRow {
        var copy = self
        copy.tags = tags
        copy.related = related
        return copy
    }
}

/// A category, tag or author: a display name and its slug.
struct NamedLink: Sendable, Equatable {
    let name: String
    let slug: String
}

/// One line of a list page or related list.
struct ArticleSummaryRow: Sendable, Equatable {
    let title: String
    let summary: String
    let language: String
    let authorCredit: String
    let publishedAt: Date
    let path: String
}

extension Article {
    var publicPath: String? {
        guard let year = urlYear, let month = urlMonth else { return nil }
        return SitePath.article(year: year, month: month, slug: slug).path
    }

    func summaryRow() -> ArticleSummaryRow? {
        guard let path = publicPath, let publishedAt else { return nil }
        return ArticleSummaryRow(
            title: title, summary: summary, language: language, authorCredit: authorCredit, publishedAt: publishedAt,
            path: path)
    }
}
