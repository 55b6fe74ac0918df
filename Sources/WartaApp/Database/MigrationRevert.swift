import FluentKit
import SQLKit

/// A table a revert drops, and the rows it held.
public struct DroppedTable: Sendable, Equatable {
    public let name: String
    public let rows: Int
}

/// What `warta migrate --revert` reverted, or would have.
public struct RevertReport: Sendable, Equatable {
    /// Newest first, in the order they are reverted.
    public let migrations: [String]
    /// By name.
    public let droppedTables: [DroppedTable]

    public var tablesWithRows: [DroppedTable] { droppedTables.filter { $0.rows > 0 } }
}

public enum RevertOutcome: Sendable, Equatable {
    /// No migration has run (or none of this version's).
    case nothingToRevert
    case reverted(RevertReport)
    /// It would drop tables that hold rows and was not told to: nothing changed.
    case refused(RevertReport)

    /// What the command prints, and whether it is an error (stderr, exit 1).
    public var lines: (text: [String], isError: Bool) {
        switch self {
        case .nothingToRevert:
            return (["nothing to revert: no migration has run on this database"], false)
        case .reverted(let report):
            var text = report.migrations.map { "reverted \($0)" }
            text += report.droppedTables.map { "dropped table \($0.name) (\(Self.rows($0.rows)))" }
            if report.droppedTables.isEmpty { text.append("dropped no tables") }
            return (text, false)
        case .refused(let report):
            let tables = report.tablesWithRows.map { "\($0.name) (\(Self.rows($0.rows)))" }.joined(separator: ", ")
            return (
                [
                    "refusing to revert \(report.migrations.count) migration(s): it would drop tables that hold rows: "
                        + tables,
                    "nothing was changed; run again with --yes to revert and drop them",
                ], true
            )
        }
    }

    private static func rows(_ count: Int) -> String { count == 1 ? "1 row" : "\(count) rows" }
}

/// Raised inside the revert transaction to roll it back.
private struct RevertRefusal: Error {
    let report: RevertReport
}

extension WartaDatabase {
    /// Reverts the last batch, or every batch with `all`, in one transaction. When that would drop a table holding
    /// rows and `droppingRows` is false, it is rolled back and nothing changes (CONTRACTS.md, "Command line"). The
    /// dropped tables are learnt by reverting, not declared by each migration, so a new migration cannot forget to.
    public func revert(all: Bool, droppingRows: Bool = false) async throws -> RevertOutcome {
        try await probe()
        return try await withMigrationLock {
            try await self.migrator().setupIfNeeded().get()
            let db = self.db
            let names = try await Self.namesToRevert(all: all, on: db)
            let migrations = allMigrations.reversed().filter { names.contains($0.name) }
            guard !migrations.isEmpty else { return .nothingToRevert }
            let work: @Sendable () async throws -> RevertReport = {
                try await db.transaction { tx in
                    try await Self.revert(migrations, droppingRows: droppingRows, on: tx)
                }
            }
            do {
                let report = self.isPostgres ? try await work() : try await self.writeTurns.withTurn(work)
                return .reverted(report)
            } catch let refusal as RevertRefusal {
                return .refused(refusal.report)
            }
        }
    }

    private static func namesToRevert(all: Bool, on db: any Database) async throws -> Set<String> {
        let logs = try await MigrationLog.query(on: db).all()
        let lastBatch = logs.map(\.batch).max() ?? 0
        return Set(logs.filter { all || $0.batch == lastBatch }.map(\.name))
    }

    private static func revert(_ migrations: [any Migration], droppingRows: Bool, on tx: any Database) async throws
        -> RevertReport
    {
        guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        if sql.dialect.name == "sqlite" { try await sql.raw("PRAGMA busy_timeout = 10000").run() }
        var before: [String: Int] = [:]
        for table in try await tableNames(on: sql) {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
            before[table] = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        for migration in migrations { try await migration.revert(on: tx).get() }
        let after = Set(try await tableNames(on: sql))
        let dropped = before.filter { !after.contains($0.key) }.map { DroppedTable(name: $0.key, rows: $0.value) }
        let report = RevertReport(
            migrations: migrations.map(\.name), droppedTables: dropped.sorted { $0.name < $1.name })
        if !droppingRows, !report.tablesWithRows.isEmpty { throw RevertRefusal(report: report) }
        let names = migrations.map(\.name)
        try await MigrationLog.query(on: tx).filter(\.$name ~~ names).delete()
        return report
    }

    /// The app's tables; Fluent's migration log is never dropped.
    private static func tableNames(on sql: any SQLDatabase) async throws -> [String] {
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
            .filter { $0 != MigrationLog.schema }
    }
}
