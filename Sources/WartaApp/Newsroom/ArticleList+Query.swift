import Foundation
import SQLKit

/// The newsroom's article list: newest edit first, 50 a page, optionally one status and a title fragment.
/// Reads only the columns it shows, on the (status,) updated_at indexes of migration 0013.
struct AdminArticleList: Sendable {
    let database: WartaDatabase
    static let pageSize = 50

    func page(_ page: Int, status: ArticleStatus?, titleContains search: String) async throws
        -> (rows: [AdminArticleRow], hasMore: Bool)
    {
        let sql = try database.sql
        var conditions: [SQLQueryString] = []
        if let status { conditions.append("a.status = \(bind: status.rawValue)") }
        if !search.isEmpty {
            // The fragment is matched literally: LIKE's own wildcards are removed from it.
            let pattern = "%" + search.filter { $0 != "%" && $0 != "_" && $0 != "\\" } + "%"
            let like: SQLQueryString = database.isPostgres ? "ILIKE" : "LIKE"
            conditions.append("a.title \(like) \(bind: pattern)")
        }
        let filter: SQLQueryString =
            conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await sql.raw(
            """
            SELECT a.id, a.title, a.status, a.updated_at, a.published_at FROM articles a \(filter)
            ORDER BY a.updated_at DESC, a.id DESC LIMIT \(bind: Self.pageSize + 1)
            OFFSET \(bind: (page - 1) * Self.pageSize)
            """
        ).all().compactMap { row -> AdminArticleRow? in
            guard let status = ArticleStatus(rawValue: try row.decode(column: "status", as: String.self)) else {
                return nil
            }
            return AdminArticleRow(
                id: try row.decode(column: "id"), title: try row.decode(column: "title"), status: status,
                updatedAt: try row.decode(column: "updated_at"),
                publishedAt: try row.decode(column: "published_at", as: Date?.self))
        }
        return (Array(rows.prefix(Self.pageSize)), rows.count > Self.pageSize)
    }
}

/// What the article list page shows.
struct AdminArticleListPage: Sendable {
    let rows: [AdminArticleRow]
    let status: ArticleStatus?
    let search: String
    let page: Int
    let hasMore: Bool
    var notice: L10nKey?

    /// This list's address for another page, keeping the filter.
    func path(page number: Int) -> String {
        var query: [String] = []
        if let status { query.append("status=" + status.rawValue) }
        if !search.isEmpty { query.append("q=" + SitePath.queryEncoded(search)) }
        if number > 1 { query.append("page=\(number)") }
        return "/admin/articles" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
}
