import FluentKit
import Foundation
import SQLKit

/// Fixed one-minute windows of attempts per key (an account, a client address), kept in the database so limits
/// hold across restarts and instances.
struct RateLimiter: Sendable {
    let database: WartaDatabase
    let world: World
    var limit = 5
    var window: TimeInterval = 60

    /// Counts one attempt against every key and says whether it may go ahead: false when any key is over the
    /// limit. Counted before the work it guards (bcrypt), each key in one atomic upsert that returns the new count,
    /// so parallel attempts cannot all read "not blocked" and go on (at most `limit` per window get through).
    func admit(_ keys: [String]) async throws -> Bool {
        let (now, windowOpenedBefore) = (world.now(), world.now().addingTimeInterval(-window))
        let limit = limit
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            var admitted = true
            for key in keys {
                let row = try await sql.raw(
                    """
                    INSERT INTO rate_limits ("key", window_start, "count") VALUES (\(bind: key), \(bind: now), 1)
                    ON CONFLICT ("key") DO UPDATE SET
                      "count" = CASE WHEN rate_limits.window_start <= \(bind: windowOpenedBefore) THEN 1
                                ELSE rate_limits."count" + 1 END,
                      window_start = CASE WHEN rate_limits.window_start <= \(bind: windowOpenedBefore) THEN \(bind: now)
                                     ELSE rate_limits.window_start END
                    RETURNING "count"
                    """
                ).first()
                let count = try row?.decode(column: "count", as: Int.self) ?? 1
                if count > limit { admitted = false }
            }
            return admitted
        }
    }

    /// Takes back one counted attempt per key, for an attempt that turned out not to count (a right password).
    func refund(_ keys: [String]) async throws {
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.update("rate_limits").set("count", to: SQLRaw("\"count\" - 1"))
                .where("key", .in, keys).where("count", .greaterThan, 0).run()
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

/// The rate-limit keys of a password check: the account and the client address (an IPv6 client by its /64).
enum SignInLimits {
    static func keys(email: String, client: IPAddress?) -> [String] {
        ["signin:account:\(TokenHash.sha256Hex(email))", "signin:ip:\(client?.rateLimitKey ?? "unknown")"]
    }
}
