import Foundation
import PostgresNIO
import SQLKit

/// The article page's query on PostgreSQL as a named prepared statement (ADR 011). Sent through SQLKit, every
/// request made PostgreSQL parse and plan it again; pgbench on this query: 3,008 → 12,778 queries/s prepared.
struct PublishedArticleStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT \(ArticleStore.pageColumnsText(postgres: true))
        FROM articles a LEFT JOIN categories c ON c.id = a.category_id WHERE a.slug = $1 AND a.status = 'published'
        """

    typealias Row = PostgresRow

    let slug: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(slug)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension ArticleStore {
    /// The published article with this slug, as the page reads it: prepared on PostgreSQL, through SQLKit on SQLite
    /// (which plans in-process in ~36 µs; sqlite-nio keeps no statements).
    func pageRow(slug: String, columns: SQLQueryString, tables: SQLQueryString) async throws -> (any SQLRow)? {
        if let rows = try await database.preparedRows(PublishedArticleStatement(slug: slug)) { return rows.first }
        return try await database.sql.raw(
            "SELECT \(columns) FROM \(tables) WHERE a.slug = \(bind: slug) AND a.status = 'published'"
        ).first()
    }
}
