import FluentKit
import Foundation
import SQLKit
import WartaMarkup

/// One published article as a feed item needs it: the body and the attribution, no related list or tags.
struct FeedRow: Sendable {
    let id: UUID
    let title: String
    let summary: String
    let body: SanitizedHTML
    let language: String
    let authorCredit: String
    let sourceName: String
    let sourceURL: String
    let originalLanguage: String
    let translator: String
    let categoryName: String?
    let publishedAt: Date
    let updatedAt: Date
    let path: String
}

/// Which list a feed follows.
enum FeedScope: Sendable, Equatable {
    case site
    case category(String)
    case tag(String)
    case author(String)

    /// `/category/ekonomi`; empty for the whole site.
    var listPath: String {
        switch self {
        case .site: ""
        case .category(let slug): SitePath.category(slug).path
        case .tag(let slug): SitePath.tag(slug).path
        case .author(let slug): SitePath.author(slug).path
        }
    }
}

/// Reads for feeds and sitemaps. Each list runs on the index its filter and order have (0016, 0018).
struct SyndicationStore: Sendable {
    let database: WartaDatabase

    /// Items per feed: readers poll often, so a short feed is enough, and bodies make items wide.
    static let feedSize = 20

    private static let feedColumns: SQLQueryString = """
        a.id, a.title, a.summary, a.language, a.author_credit, a.source_name, a.source_url, a.original_language,
        a.translator, a.published_at, a.updated_at, a.slug, a.url_year, a.url_month, c.name AS category_name,
        a.body_html_revision, a.body_html
        """

    /// The newest items of a list with its display name; nil when the category, tag or author does not exist.
    func feed(_ scope: FeedScope) async throws -> (name: String?, rows: [FeedRow])? {
        let from: SQLQueryString = "articles a LEFT JOIN categories c ON c.id = a.category_id"
        let order: SQLQueryString = "ORDER BY a.published_at DESC, a.id LIMIT \(bind: Self.feedSize)"
        switch scope {
        case .site:
            return (
                nil, try await rows("SELECT \(Self.feedColumns) FROM \(from) WHERE a.status = 'published' \(order)")
            )
        case .category(let slug):
            guard let category = try await Category.query(on: database.db).filter(\.$slug == slug).first(),
                let id = category.id
            else { return nil }
            let query: SQLQueryString =
                "SELECT \(Self.feedColumns) FROM \(from) WHERE a.category_id = \(bind: id) AND a.status = 'published' \(order)"
            return (category.name, try await rows(query))
        case .tag(let slug):
            guard let tag = try await Tag.query(on: database.db).filter(\.$slug == slug).first(), let id = tag.id else {
                return nil
            }
            let query: SQLQueryString = """
                SELECT \(Self.feedColumns) FROM (
                  SELECT article_id, listed_at FROM article_tags WHERE tag_id = \(bind: id) AND listed_at IS NOT NULL
                  ORDER BY listed_at DESC, article_id LIMIT \(bind: Self.feedSize)
                ) t JOIN articles a ON a.id = t.article_id LEFT JOIN categories c ON c.id = a.category_id
                WHERE a.status = 'published'
                ORDER BY t.listed_at DESC, t.article_id
                """
            return (tag.name, try await rows(query))
        case .author(let slug):
            let query: SQLQueryString =
                "SELECT \(Self.feedColumns) FROM \(from) WHERE a.author_slug = \(bind: slug) AND a.status = 'published' \(order)"
            let found = try await rows(query)
            guard let first = found.first else { return nil }
            return (first.authorCredit, found)
        }
    }

    private func rows(_ query: SQLQueryString) async throws -> [FeedRow] {
        try await database.sql.raw(query).all().compactMap(Self.feedRow)
    }

    private static func feedRow(_ row: any SQLRow) throws -> FeedRow? {
        guard let year = try row.decode(column: "url_year", as: Int?.self),
            let month = try row.decode(column: "url_month", as: Int?.self),
            let published = try row.decode(column: "published_at", as: Date?.self)
        else { return nil }
        let revision = try row.decode(column: "body_html_revision", as: Int?.self)
        return FeedRow(
            id: try row.decode(column: "id"), title: try row.decode(column: "title"),
            summary: try row.decode(column: "summary"),
            body: SanitizedHTML.stored(try row.decode(column: "body_html"), revision: revision, policy: .article),
            language: try row.decode(column: "language"), authorCredit: try row.decode(column: "author_credit"),
            sourceName: try row.decode(column: "source_name"), sourceURL: try row.decode(column: "source_url"),
            originalLanguage: try row.decode(column: "original_language"),
            translator: try row.decode(column: "translator"),
            categoryName: try row.decode(column: "category_name", as: String?.self), publishedAt: published,
            updatedAt: try row.decode(column: "updated_at", as: Date.self),
            path: SitePath.article(year: year, month: month, slug: try row.decode(column: "slug")).path)
    }
}
