import FluentKit
import Foundation
import SQLKit
import WartaMarkup

/// Reads of published articles for the public site.
struct ArticleStore: Sendable {
    let database: WartaDatabase

    static let pageSize = 10

    enum Lookup: Sendable {
        case found(ArticleRow)
        case moved(String)
        case missing
    }

    /// The article at `/{year}/{month}/{slug}`, or where it lives now (an old slug or month), or nothing.
    func publishedArticle(year: Int, month: Int, slug: String) async throws -> Lookup {
        let db = database.db
        var article = try await Article.query(on: db).filter(\.$slug == slug).filter(\.$status == .published).first()
        if article == nil, let old = try await OldSlug.query(on: db).filter(\.$slug == slug).first() {
            article = try await Article.query(on: db).filter(\.$id == old.articleID).filter(\.$status == .published)
                .first()
        }
        guard let article, let path = article.publicPath else { return .missing }
        guard article.slug == slug, article.urlYear == year, article.urlMonth == month else { return .moved(path) }
        return .found(try await row(for: article, path: path))
    }

    private func row(for article: Article, path: String) async throws -> ArticleRow {
        let db = database.db
        let articleID = try article.requireID()
        var category: NamedLink?
        if let categoryID = article.categoryID, let found = try await Category.find(categoryID, on: db) {
            category = NamedLink(name: found.name, slug: found.slug)
        }
        let tagIDs = try await ArticleTag.query(on: db).filter(\.$articleID == articleID).all().map(\.tagID)
        let tags = tagIDs.isEmpty ? [] : try await Tag.query(on: db).filter(\.$id ~~ tagIDs).sort(\.$name).all()
        return ArticleRow(
            id: articleID, slug: article.slug, language: article.language, title: article.title,
            summary: article.summary,
            // The stored HTML came from the sanitizer at save time; sanitizing again is idempotent and about
            // ten times cheaper than rendering the Markdown, and keeps the "only WartaMarkup makes markup" rule.
            body: Sanitizer.sanitize(article.bodyHTML, policy: .article), authorCredit: article.authorCredit,
            authorSlug: article.authorSlug, editorName: article.editorName, sourceName: article.sourceName,
            sourceURL: article.sourceURL, originalLanguage: article.originalLanguage, originalURL: article.originalURL,
            translator: article.translator, category: category,
            tags: tags.map { NamedLink(name: $0.name, slug: $0.slug) },
            publishedAt: article.publishedAt ?? article.createdAt, path: path)
    }

    /// Newest first; `page` starts at 1. Returns one extra row's worth of knowledge: whether an older page exists.
    func latest(page: Int) async throws -> (rows: [ArticleSummaryRow], hasMore: Bool) {
        try await list(Article.query(on: database.db), page: page)
    }

    func inCategory(slug: String, page: Int) async throws -> (name: String, rows: [ArticleSummaryRow], hasMore: Bool)? {
        guard let category = try await Category.query(on: database.db).filter(\.$slug == slug).first() else {
            return nil
        }
        let query = Article.query(on: database.db).filter(\.$categoryID == category.id)
        let (rows, hasMore) = try await list(query, page: page)
        return (category.name, rows, hasMore)
    }

    func tagged(slug: String, page: Int) async throws -> (name: String, rows: [ArticleSummaryRow], hasMore: Bool)? {
        let db = database.db
        guard let tag = try await Tag.query(on: db).filter(\.$slug == slug).first(), let tagID = tag.id else {
            return nil
        }
        let articleIDs = try await ArticleTag.query(on: db).filter(\.$tagID == tagID).all().map(\.articleID)
        let (rows, hasMore) = try await list(Article.query(on: db).filter(\.$id ~~ articleIDs), page: page)
        return (tag.name, rows, hasMore)
    }

    func byAuthor(slug: String, page: Int) async throws -> (name: String, rows: [ArticleSummaryRow], hasMore: Bool)? {
        let query = Article.query(on: database.db).filter(\.$authorSlug == slug)
        let (rows, hasMore) = try await list(query, page: page)
        guard
            let first = try await Article.query(on: database.db).filter(\.$authorSlug == slug)
                .filter(\.$status == .published).first()
        else { return nil }
        return (first.authorCredit, rows, hasMore)
    }

    private func list(_ query: QueryBuilder<Article>, page: Int) async throws -> ([ArticleSummaryRow], Bool) {
        let offset = (max(page, 1) - 1) * Self.pageSize
        let articles = try await query.filter(\.$status == .published)
            .sort(\.$publishedAt, .descending).sort(\.$id)
            .range(offset..<(offset + Self.pageSize + 1)).all()
        let rows = articles.prefix(Self.pageSize).compactMap { $0.summaryRow() }
        return (Array(rows), articles.count > Self.pageSize)
    }

    /// Up to `limit` published articles ranked by shared tags (2 points each) and same category (1 point),
    /// then by recency. Candidates are capped so a busy tag or category cannot make this a table scan.
    func related(to article: ArticleRow, limit: Int = 5) async throws -> [ArticleSummaryRow] {
        let sql = try database.sql
        let id = article.id
        let categoryID = try await Article.find(id, on: database.db)?.categoryID
        let rows = try await sql.raw(
            """
            SELECT c.article_id AS article_id, SUM(c.score) AS score FROM (
              SELECT t2.article_id AS article_id, 2 AS score FROM article_tags t1
                JOIN article_tags t2 ON t2.tag_id = t1.tag_id
                WHERE t1.article_id = \(bind: id) AND t2.article_id <> \(bind: id)
              UNION ALL
              SELECT r.id AS article_id, 1 AS score FROM (
                SELECT id FROM articles WHERE category_id = \(bind: categoryID) AND status = 'published'
                  AND id <> \(bind: id) ORDER BY published_at DESC LIMIT 200) r
            ) c GROUP BY c.article_id ORDER BY score DESC LIMIT 200
            """
        ).all()
        var scores: [UUID: Int] = [:]
        for row in rows {
            let candidate = try row.decode(column: "article_id", as: UUID.self)
            scores[candidate] = try row.decode(column: "score", as: Int.self)
        }
        var ranked: [Article] = []
        if !scores.isEmpty {
            ranked = try await Article.query(on: database.db).filter(\.$id ~~ Array(scores.keys))
                .filter(\.$status == .published).all()
        }
        ranked.sort { lhs, rhs in
            let left = scores[lhs.id ?? id] ?? 0
            let right = scores[rhs.id ?? id] ?? 0
            if left != right { return left > right }
            return (lhs.publishedAt ?? .distantPast) > (rhs.publishedAt ?? .distantPast)
        }
        if ranked.count < limit {
            // Too few overlaps: fill with the newest articles so the list is never empty on a young site.
            let known = Set(ranked.compactMap(\.id)).union([id])
            let newest = try await Article.query(on: database.db).filter(\.$status == .published)
                .sort(\.$publishedAt, .descending).limit(limit + known.count).all()
            ranked += newest.filter { !known.contains($0.id ?? id) }
        }
        return ranked.prefix(limit).compactMap { $0.summaryRow() }
    }
}
