import Foundation
import SQLKit

extension SyndicationStore {
    /// Published articles, oldest first, so a new article only ever changes the last file.
    private static let sitemapOrder: SQLQueryString = "ORDER BY a.published_at, a.id"

    func publishedCount() async throws -> Int {
        let row = try await database.sql.raw("SELECT COUNT(*) AS n FROM articles a WHERE a.status = 'published'")
            .first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The newest change in each article sitemap of `perFile` URLs; one file (maybe empty) at least.
    func sitemapFiles(perFile: Int) async throws -> [Date?] {
        let count = try await publishedCount()
        let files = max(1, (count + perFile - 1) / perFile)
        var result: [Date?] = []
        for file in 0..<files {
            let row = try await database.sql.raw(
                """
                SELECT MAX(s.updated_at) AS newest FROM (
                  SELECT a.updated_at FROM articles a WHERE a.status = 'published' \(Self.sitemapOrder)
                  LIMIT \(bind: perFile) OFFSET \(bind: file * perFile)
                ) s
                """
            ).first()
            result.append(try row?.decode(column: "newest", as: Date?.self))
        }
        return result
    }

    /// The URLs of article sitemap `number` (from 1); empty past the last.
    func sitemapURLs(number: Int, perFile: Int) async throws -> [SitemapURL] {
        let rows = try await database.sql.raw(
            """
            SELECT a.slug, a.url_year, a.url_month, a.updated_at FROM articles a WHERE a.status = 'published'
            \(Self.sitemapOrder) LIMIT \(bind: perFile) OFFSET \(bind: (number - 1) * perFile)
            """
        ).all()
        return try rows.compactMap { row in
            guard let year = try row.decode(column: "url_year", as: Int?.self),
                let month = try row.decode(column: "url_month", as: Int?.self)
            else { return nil }
            let slug = try row.decode(column: "slug", as: String.self)
            return SitemapURL(
                path: SitePath.article(year: year, month: month, slug: slug).path,
                lastModified: try row.decode(column: "updated_at", as: Date.self))
        }
    }

    /// Articles published in the news window before `now`, newest first, at most `Sitemap.newsLimit`.
    func newsItems(now: Date) async throws -> [NewsSitemapItem] {
        let since = now.addingTimeInterval(-Sitemap.newsWindow)
        let rows = try await database.sql.raw(
            """
            SELECT a.slug, a.url_year, a.url_month, a.title, a.language, a.published_at FROM articles a
            WHERE a.status = 'published' AND a.published_at >= \(bind: since) AND a.published_at <= \(bind: now)
            ORDER BY a.published_at DESC, a.id LIMIT \(bind: Sitemap.newsLimit)
            """
        ).all()
        return try rows.compactMap { row in
            guard let year = try row.decode(column: "url_year", as: Int?.self),
                let month = try row.decode(column: "url_month", as: Int?.self),
                let published = try row.decode(column: "published_at", as: Date?.self)
            else { return nil }
            return NewsSitemapItem(
                path: SitePath.article(year: year, month: month, slug: try row.decode(column: "slug")).path,
                title: try row.decode(column: "title"), language: try row.decode(column: "language"),
                publishedAt: published)
        }
    }
}
