import FluentKit
import Foundation
import SQLKit
import WartaMarkup

/// Reads of published articles for the public site. Lists select only the summary columns (bodies are wide)
/// and each runs on an index that matches its filter and order (see 0008_CreateArticles).
struct ArticleStore: Sendable {
    let database: WartaDatabase
    let world: World

    static let pageSize = 10

    enum Lookup: Sendable {
        case found(ArticleRow)
        case moved(String)
        /// Was published at this address and has been unpublished since.
        case withdrawn
        case missing
    }

    typealias ListResult = (rows: [ArticleSummaryRow], hasMore: Bool)

    /// Newest first; `page` starts at 1.
    func latest(page: Int) async throws -> ListResult {
        try await summaries(from: "articles a", where: "a.status = 'published'", page: page)
    }

    func inCategory(slug: String, page: Int) async throws -> (name: String, rows: [ArticleSummaryRow], hasMore: Bool)? {
        guard let category = try await Category.query(on: database.db).filter(\.$slug == slug).first(),
            let id = category.id
        else { return nil }
        let list = try await summaries(
            from: "articles a", where: "a.category_id = \(bind: id) AND a.status = 'published'", page: page)
        return (category.name, list.rows, list.hasMore)
    }

    func tagged(slug: String, page: Int) async throws -> (name: String, rows: [ArticleSummaryRow], hasMore: Bool)? {
        guard let tag = try await Tag.query(on: database.db).filter(\.$slug == slug).first(), let id = tag.id else {
            return nil
        }
        let list = try await summaries(TagListing.pageQuery(tagID: id, page: page))
        return (tag.name, list.rows, list.hasMore)
    }

    func byAuthor(slug: String, page: Int) async throws -> (name: String, rows: [ArticleSummaryRow], hasMore: Bool)? {
        let list = try await summaries(
            from: "articles a", where: "a.author_slug = \(bind: slug) AND a.status = 'published'", page: page)
        // The page heading shows the credit as written; past the last page, take it from the first page.
        var first = list.rows.first
        if first == nil, page > 1 { first = try await byAuthor(slug: slug, page: 1)?.rows.first }
        guard let first else { return nil }
        return (first.authorCredit, list.rows, list.hasMore)
    }

    static let summaryColumns: SQLQueryString =
        "a.title, a.summary, a.language, a.author_credit, a.published_at, a.slug, a.url_year, a.url_month"

    private func summaries(from tables: SQLQueryString, where filter: SQLQueryString, page: Int) async throws
        -> ListResult
    {
        try await summaries(Self.summariesQuery(from: tables, where: filter, page: page))
    }

    /// Runs a query of `summaryColumns` that asks for one row more than a page.
    private func summaries(_ query: SQLQueryString) async throws -> ListResult {
        let rows = try await database.sql.raw(query).all()
        let summaries = try rows.compactMap(Self.summary)
        return (Array(summaries.prefix(Self.pageSize)), summaries.count > Self.pageSize)
    }

    /// One page of a list and one row more (to know whether a next page exists). The order is the whole of the
    /// lists' indexes (0016), so a deep page reads index entries up to its offset and sorts nothing.
    static func summariesQuery(from tables: SQLQueryString, where filter: SQLQueryString, page: Int) -> SQLQueryString {
        let offset = offset(of: page)
        return """
            SELECT \(summaryColumns) FROM \(tables) WHERE \(filter)
            ORDER BY a.published_at DESC, a.id LIMIT \(bind: pageSize + 1) OFFSET \(bind: offset)
            """
    }

    static func offset(of page: Int) -> Int { (max(page, 1) - 1) * pageSize }

    static func summary(_ row: any SQLRow) throws -> ArticleSummaryRow? {
        guard let year = try row.decodeNil(column: "url_year") ? nil : row.decode(column: "url_year", as: Int.self),
            let month = try row.decodeNil(column: "url_month") ? nil : row.decode(column: "url_month", as: Int.self)
        else { return nil }
        return ArticleSummaryRow(
            title: try row.decode(column: "title", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            language: try row.decode(column: "language", as: String.self),
            authorCredit: try row.decode(column: "author_credit", as: String.self),
            publishedAt: try row.decode(column: "published_at", as: Date.self),
            path: SitePath.article(year: year, month: month, slug: try row.decode(column: "slug", as: String.self)).path
        )
    }
}
