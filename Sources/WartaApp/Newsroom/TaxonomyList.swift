import Foundation
import SQLKit

/// One page of the newsroom's category or tag list: by name, 100 a page, optionally only names containing a
/// fragment, each with how many articles (any status) carry it. Counts are taken for the shown names only, so a
/// page costs the same with 20 tags or 20,000.
struct TaxonomyList: Sendable {
    let database: WartaDatabase
    static let pageSize = 100

    struct Row: Sendable, Equatable {
        let id: UUID
        let name: String
        let path: String
        let articleCount: Int
    }

    /// Which list, and what the admin is looking for.
    struct Query: Sendable, Equatable {
        var kind: Taxonomy.Kind
        var search = ""
        var page = 1

        /// This list's address for another page, keeping the search.
        func path(page number: Int) -> String { AdminListRequest.path(base, search: search, page: number) }

        var base: String { kind == .category ? "/admin/categories" : "/admin/tags" }
    }

    func rows(_ query: Query) async throws -> (rows: [Row], hasMore: Bool) {
        let sql = try database.sql
        let table: SQLQueryString = query.kind == .category ? "categories" : "tags"
        let filter: SQLQueryString = query.search.isEmpty ? "" : "WHERE \(database.contains("name", query.search))"
        let found = try await sql.raw(
            """
            SELECT id, name, slug FROM \(table) \(filter) ORDER BY name, id
            LIMIT \(bind: Self.pageSize + 1) OFFSET \(bind: (query.page - 1) * Self.pageSize)
            """
        ).all().map { row in
            (
                id: try row.decode(column: "id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                slug: try row.decode(column: "slug", as: String.self)
            )
        }
        let shown = Array(found.prefix(Self.pageSize))
        let counts = try await articleCounts(query.kind, ids: shown.map(\.id), on: sql)
        let rows = shown.map { name in
            Row(
                id: name.id, name: name.name,
                path: (query.kind == .category ? SitePath.category(name.slug) : SitePath.tag(name.slug)).path,
                articleCount: counts[name.id] ?? 0)
        }
        return (rows, found.count > Self.pageSize)
    }

    /// How many articles (any status) carry each of `ids`: what renaming or deleting it would touch.
    private func articleCounts(_ kind: Taxonomy.Kind, ids: [UUID], on sql: any SQLDatabase) async throws
        -> [UUID: Int]
    {
        guard !ids.isEmpty else { return [:] }
        let query: SQLQueryString =
            switch kind {
            case .category:
                """
                SELECT category_id AS id, COUNT(*) AS n FROM articles WHERE category_id IN (\(binds: ids))
                GROUP BY category_id
                """
            case .tag:
                "SELECT tag_id AS id, COUNT(*) AS n FROM article_tags WHERE tag_id IN (\(binds: ids)) GROUP BY tag_id"
            }
        var counts: [UUID: Int] = [:]
        for row in try await sql.raw(query).all() {
            counts[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
