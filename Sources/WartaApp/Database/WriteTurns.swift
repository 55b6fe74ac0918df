import FluentKit
import SQLKit

/// Writes take turns on SQLite (docs/adr/006-sqlite-writes-take-turns.md).
///
/// SQLite has one writer at a time. A deferred transaction that read before another connection committed fails
/// at its first write with "database is locked", and sqlite-nio's busy handler retries without sleeping on the
/// small blocking pool, where enough waiters can starve the writer they wait for. So within one process every
/// write runs as a transaction after the previous one finished; readers never wait (WAL).
actor WriteTurns {
    private var isTaken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Set while a task holds the turn: a nested write would wait for itself.
    @TaskLocal static var isHeld = false

    nonisolated func withTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard !Self.isHeld else { throw WriteError.nestedWrite }
        await acquire()
        do {
            let result = try await body()
            await handOver()
            return result
        } catch {
            await handOver()
            throw error
        }
    }

    /// Writes waiting for the turn now.
    var waitingCount: Int { waiting.count }

    private func acquire() async {
        guard isTaken else {
            isTaken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func handOver() {
        if waiting.isEmpty {
            isTaken = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    enum WriteError: Error, CustomStringConvertible {
        case nestedWrite
        var description: String { "a database write was started inside another write" }
    }
}

extension WartaDatabase {
    /// Runs `body` as one transaction; on SQLite after every earlier write in this process has finished.
    /// Every write goes through here. `body` must use the database it is given, never `self.db`.
    /// Work registered with `AfterCommit.run` inside `body` runs once the transaction has committed.
    ///
    /// `lock`: a kind of write that must not interleave with another of its kind (`WriteLock`). On PostgreSQL the
    /// write first waits for its turn in this process, holding no connection, then takes the lock across instances
    /// at the start of its transaction. Waiting inside the transaction instead held a pooled connection per waiter:
    /// a dozen publishes at once took every connection and left page reads queueing until the pool's 10 s timeout.
    func write<T: Sendable>(
        taking lock: WriteLock? = nil, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        let db = self.db
        let afterCommit = AfterCommit()
        // Fluent runs the body in a task of its own, which does not inherit task-locals: set them in there.
        let isSQLite = !isPostgres
        let inside: @Sendable (any Database) async throws -> T = { tx in
            if isSQLite { try await Self.takeSQLiteWriteLock(tx) }
            if let lock, let sql = tx as? any SQLDatabase { try await lock.take(on: sql) }
            return try await WriteTurns.$isHeld.withValue(true) {
                try await AfterCommit.$current.withValue(afterCommit) { try await body(tx) }
            }
        }
        let result: T
        if isPostgres, let lock {
            result = try await lockTurns.turns(for: lock).withTurn { try await db.transaction(inside) }
        } else if isPostgres {
            result = try await db.transaction(inside)
        } else {
            result = try await writeTurns.withTurn { try await db.transaction(inside) }
        }
        afterCommit.runAll()
        return result
    }

    /// Another process (say `warta import` while `warta serve` runs) may hold SQLite's one write lock. A deferred
    /// transaction that reads first and writes after that process committed fails at once with "database is
    /// locked" (its snapshot is stale), so the lock is taken before the first read: a write to no rows does that.
    /// `busy_timeout` makes the wait sleep, up to 10 s, instead of sqlite-nio's handler, which spins on the
    /// blocking pool; after it the error is a 503 page or a CLI message, and the transaction writes nothing.
    private static func takeSQLiteWriteLock(_ tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA busy_timeout = 10000").run()
        try await sql.raw("DELETE FROM settings WHERE 0").run()
    }
}

/// One turn queue per `WriteLock`, for PostgreSQL (on SQLite every write already takes the one `WriteTurns`).
struct LockTurns: Sendable {
    private let relatedLists = WriteTurns()
    private let staffRoster = WriteTurns()

    func turns(for lock: WriteLock) -> WriteTurns {
        switch lock {
        case .relatedLists: relatedLists
        case .staffRoster: staffRoster
        }
    }
}

/// Kinds of write that must not interleave with another of their kind, even across instances.
enum WriteLock: Int64 {
    /// Two publishes refreshing each other's related lists in opposite order would deadlock on the list rows.
    case relatedLists = 0x57_4152_5452
    /// Two admins switching each other off or demoting each other at once could leave the site without an admin.
    case staffRoster = 0x5741_5254_4155_5352

    /// Waits until no other transaction holds this lock; it is released when this transaction ends. PostgreSQL
    /// only: on SQLite every write already runs alone (`WriteTurns`).
    func take(on tx: any SQLDatabase) async throws {
        guard tx.dialect.name == "postgresql" else { return }
        _ = try await tx.raw("SELECT pg_advisory_xact_lock(\(literal: rawValue))").all()
    }
}
