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
    /// False when the stored body came from an older sanitizer (or a bulk load) and `body` was sanitized again.
    let storedBodyIsCurrent: Bool
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
    /// The stored related list (part 6), best first.
    var related: [RelatedLink]
    /// False when no list has been stored for this article yet (it is computed on first view).
    var hasStoredRelated: Bool
    let publishedAt: Date
    /// The last save; schema.org's `dateModified`.
    var updatedAt: Date
    /// Linked to a staff user with the credit's name (so a person, never an agency).
    var isStaffCredit = false
    var translationGroup: String?
    /// The same story in other languages, this one included (`translation_group`); empty when it has none.
    var alternates: [RelatedLink] = []
    let urlYear: Int
    let urlMonth: Int
    let path: String

    func with(related: [RelatedLink]) -> ArticleRow {
        var copy = self
        copy.related = related
        copy.hasStoredRelated = true
        return copy
    }
}

/// A category, tag or author: a display name and its slug.
struct NamedLink: Sendable, Equatable {
    let name: String
    let slug: String
}

/// One item of an article's related list.
struct RelatedLink: Sendable, Equatable {
    let title: String
    let language: String
    let path: String
}

/// One line of a list page.
struct ArticleSummaryRow: Sendable, Equatable {
    let title: String
    let summary: String
    let language: String
    let authorCredit: String
    let publishedAt: Date
    let path: String
}

extension Article {
    /// A draft or an article in review that never had a URL: nobody outside the newsroom has seen it.
    var isNeverPublished: Bool { [.draft, .review].contains(status) && urlYear == nil }

    var publicPath: String? {
        guard let year = urlYear, let month = urlMonth else { return nil }
        return SitePath.article(year: year, month: month, slug: slug).path
    }
}
