import Foundation
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

extension WartaDatabase {
    /// The rows of `statement` when the database is PostgreSQL, where it is prepared once per connection and its
    /// plan reused (ADR 011); nil on SQLite, whose callers run the same text through SQLKit.
    func preparedRows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [any SQLRow]?
    where Statement.Row == PostgresRow {
        guard let postgres = db as? any PostgresDatabase else { return nil }
        let logger = logger
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                var rows: [PostgresRow] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }.get()
        return rows.map { $0.sql() }
    }
}
