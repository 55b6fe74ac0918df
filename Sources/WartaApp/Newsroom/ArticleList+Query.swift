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
        if !search.isEmpty { conditions.append(database.contains("a.title", search)) }
        let filter: SQLQueryString =
            conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await sql.raw(
            """
            SELECT a.id, a.title, a.status, a.updated_at, a.published_at, a.created_by, a.author_user_id FROM articles a \(filter)
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
                publishedAt: try row.decode(column: "published_at", as: Date?.self),
                createdBy: try row.decode(column: "created_by", as: UUID?.self),
                creditedUser: try row.decode(column: "author_user_id", as: UUID?.self))
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
    /// The signed-in user: authors see colleagues' articles listed, but not as links they may not follow.
    let viewer: StaffIdentity?
    var notice: L10nKey?

    func mayOpen(_ row: AdminArticleRow) -> Bool {
        guard let viewer else { return false }
        return ArticleWriter.mayWork(createdBy: row.createdBy, creditedUser: row.creditedUser, viewer)
    }

    /// This list's address for another page, keeping the filter.
    func path(page number: Int) -> String {
        let filters = status.map { ["status=" + $0.rawValue] } ?? []
        return AdminListRequest.path("/admin/articles", filters: filters, search: search, page: number)
    }
}
