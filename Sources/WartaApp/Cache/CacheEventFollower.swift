import Foundation
import Logging
import NIOConcurrencyHelpers
import SQLKit
import ServiceLifecycle

/// On SQLite, keeps this process's page cache in step with writes made by other processes on the same file
/// (`warta worker`, `warta import`): it reads the `cache_events` rows they wrote every half second. If rows it has
/// not seen were already cleaned up, it cannot know what changed and empties the cache.
struct CacheEventFollower: Service {
    let cache: PageCache
    let database: WartaDatabase
    let logger: Logger
    var interval: Duration = .milliseconds(500)
    private let lastSeen = NIOLockedValueBox<Int?>(nil)

    init(cache: PageCache, database: WartaDatabase, logger: Logger) {
        self.cache = cache
        self.database = database
        self.logger = logger
    }

    /// Rows kept for followers; the cleanup chore removes older ones.
    static let kept = 10_000

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                try await checkOnce()
            } catch {
                logger.warning("page-cache events: read failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Applies the events written since the last look; the first look only notes where the log stands.
    func checkOnce() async throws {
        let sql = try database.sql
        guard let last = lastSeen.withLockedValue({ $0 }) else {
            let newest = try await sql.raw("SELECT MAX(id) AS n FROM cache_events").first()
            lastSeen.withLockedValue { $0 = (try? newest?.decode(column: "n", as: Int?.self)) ?? 0 }
            return
        }
        let rows = try await sql.raw(
            "SELECT id, payload, origin FROM cache_events WHERE id > \(bind: last) ORDER BY id LIMIT 1000"
        ).all()
        guard let first = rows.first else { return }
        let firstID = try first.decode(column: "id", as: Int.self)
        if firstID > last + 1, last > 0, try await isGap(after: last, on: sql) { cache.dropAll() }
        var newest = last
        for row in rows {
            newest = try row.decode(column: "id", as: Int.self)
            guard try row.decode(column: "origin", as: String.self) != cache.origin else { continue }
            let payload = try row.decode(column: "payload", as: String.self)
            if let event = CacheEvent(payload: payload) { event.apply(to: cache) } else { cache.dropAll() }
        }
        lastSeen.withLockedValue { $0 = newest }
    }

    /// Ids skip when a write rolled back; rows are only missing for good when the cleanup took them.
    private func isGap(after last: Int, on sql: any SQLDatabase) async throws -> Bool {
        let oldest = try await sql.raw("SELECT MIN(id) AS n FROM cache_events").first()
        return (try oldest?.decode(column: "n", as: Int?.self) ?? 0) > last + 1
    }

    /// Keeps the newest `kept` rows (run by the cleanup chore).
    static func removeOld(in database: WartaDatabase) async throws {
        guard !database.isPostgres else { return }
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                "DELETE FROM cache_events WHERE id <= (SELECT MAX(id) FROM cache_events) - \(literal: kept)"
            ).run()
        }
    }
}
