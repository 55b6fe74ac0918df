import Foundation
import SQLKit

/// "Anda mungkin tertarik": related lists computed when articles are published and stored in `article_related`
/// (DESIGN.md §4), so a page render reads five rows instead of ranking thousands of candidates.
///
/// Ranking: shared tags (2 points each) and same category (1 point), then recency; too few overlaps are filled
/// with the newest articles. The search issue replaces the ranking; the storage stays. See docs/adr/005.
struct RelatedArticles: Sendable {
    static let limit = 5
    /// Lists older than this are recomputed in the background, a few per scheduler scan.
    static let maximumAge: TimeInterval = 24 * 3600
    /// How many neighbouring lists one publish or unpublish recomputes at most.
    static let neighbourLimit = 20

    let world: World

    /// The stored list of a published article, best first; nil when none has been stored yet.
    func stored(for articleID: UUID, on sql: any SQLDatabase) async throws -> [RelatedLink]? {
        let rows = try await sql.raw(
            """
            SELECT a.title, a.language, a.slug, a.url_year, a.url_month, a.status FROM article_related r
            JOIN articles a ON a.id = r.related_id
            WHERE r.article_id = \(bind: articleID) ORDER BY r.slot
            """
        ).all()
        guard !rows.isEmpty else { return nil }
        // An unpublished article keeps its slot until its neighbours are refreshed; it is never shown.
        return try rows.compactMap { row in
            guard try row.decode(column: "status", as: String.self) == "published",
                let year = try row.decode(column: "url_year", as: Int?.self),
                let month = try row.decode(column: "url_month", as: Int?.self)
            else { return nil }
            return RelatedLink(
                title: try row.decode(column: "title"), language: try row.decode(column: "language"),
                path: SitePath.article(year: year, month: month, slug: try row.decode(column: "slug")).path)
        }
    }

    /// Recomputes and stores the list of one article; returns the related ids (empty when it is not published).
    @discardableResult
    func refresh(_ articleID: UUID, on sql: any SQLDatabase) async throws -> [UUID] {
        guard
            let article = try await sql.raw(
                "SELECT category_id FROM articles WHERE id = \(bind: articleID) AND status = 'published'"
            ).first()
        else {
            try await store([], for: articleID, on: sql)
            return []
        }
        let ids = try await ranking(
            for: articleID, categoryID: article.decode(column: "category_id", as: UUID?.self), on: sql)
        try await store(ids, for: articleID, on: sql)
        return ids
    }

    /// Replaces the stored list of one article.
    func store(_ ids: [UUID], for articleID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM article_related WHERE article_id = \(bind: articleID)").run()
        let now = world.now()
        for (slot, relatedID) in ids.enumerated() {
            try await sql.raw(
                """
                INSERT INTO article_related (article_id, slot, related_id, computed_at)
                VALUES (\(bind: articleID), \(bind: slot), \(bind: relatedID), \(bind: now)) ON CONFLICT DO NOTHING
                """
            ).run()
        }
    }

    /// After an article was published, unpublished or edited: its own list, the lists it now names (they may
    /// rank it) and the lists that named it before.
    /// Callers write with `database.write(taking: .relatedLists)`; taking the lock here again (a no-op then) keeps
    /// a caller that forgot it from deadlocking with another publish.
    func refreshAround(_ articleID: UUID, on sql: any SQLDatabase) async throws {
        try await WriteLock.relatedLists.take(on: sql)
        let namedBy = try await sql.raw(
            "SELECT DISTINCT article_id FROM article_related WHERE related_id = \(bind: articleID)"
        ).all().map { try $0.decode(column: "article_id", as: UUID.self) }
        let names = try await refresh(articleID, on: sql)
        var seen: Set<UUID> = [articleID]
        for neighbour in (names + namedBy) where seen.insert(neighbour).inserted {
            if seen.count > Self.neighbourLimit + 1 { break }
            try await refresh(neighbour, on: sql)
        }
    }

    /// Recomputes up to `count` lists older than `maximumAge`, stalest first; returns how many. Each ranking is
    /// read outside the write, so editors' saves wait for a few inserts, not for the ranking.
    @discardableResult
    func refreshStale(count: Int, in database: WartaDatabase) async throws -> Int {
        let cutoff = world.now().addingTimeInterval(-Self.maximumAge)
        let sql = try database.sql
        let stale = try await sql.raw(
            """
            SELECT r.article_id AS article_id, a.category_id AS category_id, a.status AS status
            FROM article_related r JOIN articles a ON a.id = r.article_id
            WHERE r.slot = 0 AND r.computed_at < \(bind: cutoff) ORDER BY r.computed_at LIMIT \(bind: count)
            """
        ).all()
        for row in stale {
            let id = try row.decode(column: "article_id", as: UUID.self)
            let isPublished = try row.decode(column: "status", as: String.self) == "published"
            let categoryID = try row.decode(column: "category_id", as: UUID?.self)
            let ids = isPublished ? try await ranking(for: id, categoryID: categoryID, on: sql) : []
            try await database.write(taking: .relatedLists) { tx in
                guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
                try await store(ids, for: id, on: sql)
            }
        }
        return stale.count
    }

    /// Ranked ids, best first. Ranking reads only indexes (article_tags_tag_article, articles_id_status_published);
    /// category candidates are capped so a busy category cannot turn it into a table scan.
    func ranking(for articleID: UUID, categoryID: UUID?, on sql: any SQLDatabase) async throws -> [UUID] {
        var ids = try await sql.raw(
            """
            SELECT c.article_id AS id FROM (
              SELECT article_id, SUM(score) AS score FROM (
                SELECT t2.article_id AS article_id, 2 AS score FROM article_tags t1
                  JOIN article_tags t2 ON t2.tag_id = t1.tag_id
                  WHERE t1.article_id = \(bind: articleID) AND t2.article_id <> \(bind: articleID)
                UNION ALL
                SELECT r.id AS article_id, 1 AS score FROM (
                  SELECT id FROM articles WHERE category_id = \(bind: categoryID) AND status = 'published'
                    AND id <> \(bind: articleID) ORDER BY published_at DESC LIMIT 200) r
              ) candidates GROUP BY article_id
            ) c JOIN articles x ON x.id = c.article_id
            WHERE x.status = 'published'
            ORDER BY c.score DESC, x.published_at DESC, x.id LIMIT \(bind: Self.limit)
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
        if ids.count < Self.limit {
            let newest = try await sql.raw(
                """
                SELECT id FROM articles WHERE status = 'published' AND id <> \(bind: articleID)
                ORDER BY published_at DESC, id LIMIT \(bind: Self.limit * 2)
                """
            ).all().map { try $0.decode(column: "id", as: UUID.self) }
            ids += newest.filter { !ids.contains($0) }
        }
        return Array(ids.prefix(Self.limit))
    }
}
