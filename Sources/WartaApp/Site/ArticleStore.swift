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
        case missing
    }

    typealias ListResult = (rows: [ArticleSummaryRow], hasMore: Bool)

    /// The article at `/{year}/{month}/{slug}`, or where it lives now (an old slug or month), or nothing.
    /// Three indexed reads: the article with its category, its tags, its stored related list.
    func publishedArticle(year: Int, month: Int, slug: String) async throws -> Lookup {
        let sql = try database.sql
        var found = try await sql.raw(
            "SELECT \(Self.pageColumns) FROM \(Self.pageTables) WHERE a.slug = \(bind: slug) AND a.status = 'published'"
        ).first()
        if found == nil {
            found = try await sql.raw(
                """
                SELECT \(Self.pageColumns) FROM old_slugs o JOIN articles a ON a.id = o.article_id
                LEFT JOIN categories c ON c.id = a.category_id
                WHERE o.slug = \(bind: slug) AND a.status = 'published'
                """
            ).first()
        }
        guard let found, let row = try Self.articleRow(found) else { return .missing }
        guard row.slug == slug, row.urlYear == year, row.urlMonth == month else { return .moved(row.path) }
        let tags = try await sql.raw(
            """
            SELECT t.name AS name, t.slug AS slug FROM article_tags x JOIN tags t ON t.id = x.tag_id
            WHERE x.article_id = \(bind: row.id) ORDER BY t.name
            """
        ).all().map { NamedLink(name: try $0.decode(column: "name"), slug: try $0.decode(column: "slug")) }
        let relatedArticles = RelatedArticles(world: world)
        var related = try await relatedArticles.stored(for: row.id, on: sql)
        if related == nil {
            // Published before lists were stored (or seeded in bulk): compute it once, now.
            let ids = try await relatedArticles.ranking(for: row.id, categoryID: row.categoryID, on: sql)
            try await database.write { tx in
                guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
                try await relatedArticles.store(ids, for: row.id, on: sql)
            }
            related = try await relatedArticles.stored(for: row.id, on: sql)
        }
        return .found(row.with(tags: tags, related: related ?? []))
    }

    private static let pageTables: SQLQueryString = "articles a LEFT JOIN categories c ON c.id = a.category_id"
    // Body last: on SQLite it sits in overflow pages, read only after the narrow columns.
    private static let pageColumns: SQLQueryString = """
        a.id, a.slug, a.language, a.title, a.summary, a.author_credit, a.author_slug, a.editor_name, a.source_name,
        a.source_url, a.original_language, a.original_url, a.translator, a.category_id, a.published_at, a.created_at,
        a.url_year, a.url_month, c.name AS category_name, c.slug AS category_slug, a.body_html
        """

    private static func articleRow(_ row: any SQLRow) throws -> ArticleRow? {
        guard let year = try row.decode(column: "url_year", as: Int?.self),
            let month = try row.decode(column: "url_month", as: Int?.self)
        else { return nil }
        let slug = try row.decode(column: "slug", as: String.self)
        var category: NamedLink?
        if let name = try row.decode(column: "category_name", as: String?.self),
            let categorySlug = try row.decode(column: "category_slug", as: String?.self)
        {
            category = NamedLink(name: name, slug: categorySlug)
        }
        return ArticleRow(
            id: try row.decode(column: "id"), slug: slug, language: try row.decode(column: "language"),
            title: try row.decode(column: "title"), summary: try row.decode(column: "summary"),
            // The stored HTML came from the sanitizer at save time; sanitizing again is idempotent and about
            // ten times cheaper than rendering the Markdown, and keeps the "only WartaMarkup makes markup" rule.
            body: Sanitizer.sanitize(try row.decode(column: "body_html", as: String.self), policy: .article),
            authorCredit: try row.decode(column: "author_credit"), authorSlug: try row.decode(column: "author_slug"),
            editorName: try row.decode(column: "editor_name"), sourceName: try row.decode(column: "source_name"),
            sourceURL: try row.decode(column: "source_url"),
            originalLanguage: try row.decode(column: "original_language"),
            originalURL: try row.decode(column: "original_url"), translator: try row.decode(column: "translator"),
            categoryID: try row.decode(column: "category_id"), category: category, tags: [], related: [],
            publishedAt: try row.decode(column: "published_at", as: Date?.self)
                ?? row.decode(column: "created_at", as: Date.self),
            urlYear: year, urlMonth: month, path: SitePath.article(year: year, month: month, slug: slug).path)
    }

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
        let list = try await summaries(
            from: "articles a JOIN article_tags t ON t.article_id = a.id",
            where: "t.tag_id = \(bind: id) AND a.status = 'published'", page: page)
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
        let offset = (max(page, 1) - 1) * Self.pageSize
        let rows = try await database.sql.raw(
            """
            SELECT \(Self.summaryColumns) FROM \(tables) WHERE \(filter)
            ORDER BY a.published_at DESC, a.id LIMIT \(bind: Self.pageSize + 1) OFFSET \(bind: offset)
            """
        ).all()
        let summaries = try rows.compactMap(Self.summary)
        return (Array(summaries.prefix(Self.pageSize)), summaries.count > Self.pageSize)
    }

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
