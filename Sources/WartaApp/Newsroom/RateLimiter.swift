import FluentKit
import Foundation

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

    func recordFailure(_ keys: [String]) async throws {
        let now = world.now()
        for key in keys {
            if let counter = try await RateLimitCounter.find(key, on: database.db) {
                if now.timeIntervalSince(counter.windowStart) >= window {
                    counter.windowStart = now
                    counter.count = 1
                } else {
                    counter.count += 1
                }
                try await counter.update(on: database.db)
            } else {
                try await RateLimitCounter(key: key, windowStart: now, count: 1).create(on: database.db)
            }
        }
    }

    /// Drops counters whose window ended (run by the scheduler).
    func removeExpired() async throws {
        try await RateLimitCounter.query(on: database.db).filter(
            \.$windowStart < world.now().addingTimeInterval(-window)
        )
        .delete()
    }
}
