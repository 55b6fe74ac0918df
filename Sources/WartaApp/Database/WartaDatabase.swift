import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit

/// The database connection pool for one app, and the migrations run on it.
public final class WartaDatabase: Sendable {
    let databases: Databases
    let choice: DatabaseChoice
    let logger: Logger
    private let handles: [any Database]
    private let handleCursor = RoundRobin()
    let writeTurns = WriteTurns()
    let lockTurns = LockTurns()

    /// Registers the configured driver; nothing connects until the first query.
    public init(
        _ choice: DatabaseChoice, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        self.choice = choice
        // Capped at info: below it FluentKit logs every query's input (password hashes), SQLKit its binds (session
        // key hashes, tokens' hashes) and PostgresNIO the rows it reads. WARTA_LOG_LEVEL=trace must not dump them.
        var logger = logger
        logger.logLevel = max(logger.logLevel, Self.lowestLevel)
        self.logger = logger
        databases = Databases(threadPool: NIOThreadPool.singleton, on: eventLoopGroup)
        switch choice {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            let configuration = try SQLPostgresConfiguration(url: url)
            databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
        }
        let databases = databases
        handles = eventLoopGroup.makeIterator().compactMap { databases.database(logger: logger, on: $0) }
    }

    /// The most detailed level the database drivers log at (see `init`).
    static let lowestLevel = Logger.Level.info

    /// A handle for queries, preferring the calling event loop; the pool behind it is shared. Handles are made
    /// once at start so a query after shutdown fails with an error instead of finding no driver.
    var db: any Database {
        handles.first { $0.eventLoop.inEventLoop } ?? handles[handleCursor.next() % handles.count]
    }

    /// Both drivers are SQL drivers; the error only guards against a future non-SQL driver.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            return sql
        }
    }

    var isPostgres: Bool {
        if case .postgres = choice { return true }
        return false
    }

    func migrator() -> Migrator {
        let migrations = Migrations()
        migrations.add(allMigrations)
        // Fluent logs every step at info; operators need only what goes wrong.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        return Migrator(databases: databases, migrations: migrations, logger: quiet, on: databases.eventLoopGroup.any())
    }

    /// One query with a silent logger, so an unreachable database is reported once, by the caller.
    func probe() async throws {
        var silent = logger
        silent.logLevel = .critical
        guard let handle = databases.database(logger: silent, on: databases.eventLoopGroup.any()) as? any SQLDatabase
        else {
            throw DatabaseSetupError.notSQL
        }
        if case .sqlite = choice {
            _ = try await handle.raw("PRAGMA journal_mode=WAL").all()
        } else {
            _ = try await handle.raw("SELECT 1").all()
        }
    }

    /// Brings the schema to the latest version, as one batch; returns the names of the migrations it applied, in
    /// order. On PostgreSQL an advisory lock lets instances start together.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await probe()
        let applied = try await withMigrationLock {
            let migrator = self.migrator()
            try await migrator.setupIfNeeded().get()
            let before = Set(try await MigrationLog.query(on: self.db).all().map(\.name))
            try await migrator.prepareBatch().get()
            return allMigrations.map(\.name).filter { !before.contains($0) }
        }
        if case .sqlite = choice {
            // Gathers planner statistics where they are missing or stale (cheap with the 0x10002 limit), so SQLite
            // keeps choosing the narrow indexes on large tables. It writes, so it waits its turn like any write; if
            // another process holds the file that long, it is skipped rather than holding up the start.
            do {
                try await write { tx in _ = try await (tx as? any SQLDatabase)?.raw("PRAGMA optimize=0x10002").all() }
            } catch {
                logger.notice("skipped SQLite statistics update", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        return applied
    }

    /// Runs `work` alone across instances: on PostgreSQL under a session-level advisory lock held on one pooled
    /// connection while the work uses others.
    func withMigrationLock<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        guard isPostgres else { return try await work() }
        let lockKey = 0x5741_5254_41
        return try await db.withConnection { connection in
            guard let locked = connection as? any SQLDatabase else { return try await work() }
            _ = try await locked.raw("SELECT pg_advisory_lock(\(literal: lockKey))").all()
            let result: T
            do {
                result = try await work()
            } catch {
                _ = try? await locked.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").all()
                throw error
            }
            _ = try await locked.raw("SELECT pg_advisory_unlock(\(literal: lockKey))").all()
            return result
        }
    }

    /// True when a trivial query succeeds (`/readyz`).
    func isReachable() async -> Bool {
        do {
            _ = try await sql.raw("SELECT 1").all()
            return true
        } catch {
            return false
        }
    }

    public func shutdown() async {
        await databases.shutdownAsync()
    }
}

/// Spreads queries from outside the event loops over every loop's pool.
final class RoundRobin: Sendable {
    private let counter = NIOLockedValueBox(0)

    func next() -> Int {
        counter.withLockedValue { value in
            value &+= 1
            return value & Int.max
        }
    }
}

enum DatabaseSetupError: Error {
    case notSQL
}
