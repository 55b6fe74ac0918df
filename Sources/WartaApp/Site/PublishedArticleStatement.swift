import Foundation
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// The article page's query on PostgreSQL as a named prepared statement. Sent through SQLKit, every request made
/// PostgreSQL parse and plan it again (unnamed statements); prepared once per connection, the plan is reused. Measured
/// with pgbench on this query against the demo database: 3,008 → 12,778 queries/s, which on one machine hands the
/// server's share of a cache miss back to Warta. (A pooler in transaction mode must keep prepared statements per
/// connection, as PgBouncer ≥ 1.21 does with `max_prepared_statements`.)
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
    /// The published article with this slug, as the page reads it: on PostgreSQL through the prepared statement,
    /// on SQLite through SQLKit (SQLite plans in-process in ~36 µs; sqlite-nio keeps no statements).
    func pageRow(slug: String, columns: SQLQueryString, tables: SQLQueryString) async throws -> (any SQLRow)? {
        guard let postgres = database.db as? any PostgresDatabase else {
            return try await database.sql.raw(
                "SELECT \(columns) FROM \(tables) WHERE a.slug = \(bind: slug) AND a.status = 'published'"
            ).first()
        }
        let logger = database.logger
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(PublishedArticleStatement(slug: slug), logger: logger)
                {
                    rows.append(row)
                }
                return rows
            }
        }.get()
        return rows.first.map { $0.sql() }
    }
}
