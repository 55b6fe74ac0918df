import FluentKit
import Foundation
import SQLKit

/// Fixed one-minute windows of failed sign-ins per account and per address, kept in the database so
/// limits hold across restarts and instances.
struct RateLimiter: Sendable {
    let database: WartaDatabase
    let world: World
    var limit = 5
    var window: TimeInterval = 60

    func isBlocked(_ keys: [String]) async throws -> Bool {
        let now = world.now()
        for key in keys {
            if let counter = try await RateLimitCounter.find(key, on: database.db),
                now.timeIntervalSince(counter.windowStart) < window, counter.count >= limit
            {
                return true
            }
        }
        return false
    }

    /// One atomic upsert per key: parallel failures cannot overwrite each other's count.
    func recordFailure(_ keys: [String]) async throws {
        let now = world.now()
        let windowOpenedBefore = now.addingTimeInterval(-window)
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            for key in keys {
                try await sql.raw(
                    """
                    INSERT INTO rate_limits ("key", window_start, "count") VALUES (\(bind: key), \(bind: now), 1)
                    ON CONFLICT ("key") DO UPDATE SET
                      "count" = CASE WHEN rate_limits.window_start <= \(bind: windowOpenedBefore) THEN 1
                                ELSE rate_limits."count" + 1 END,
                      window_start = CASE WHEN rate_limits.window_start <= \(bind: windowOpenedBefore) THEN \(bind: now)
                                     ELSE rate_limits.window_start END
                    """
                ).run()
            }
        }
    }

    /// Drops counters whose window ended (run by the scheduler).
    func removeExpired() async throws {
        let cutoff = world.now().addingTimeInterval(-window)
        try await database.write { tx in
            try await RateLimitCounter.query(on: tx).filter(\.$windowStart < cutoff).delete()
        }
    }
}
