import FluentKit
import SQLKit

/// The cleanup chore deletes sessions and rate-limit counters by expiry, and "sign out everywhere" deletes a
/// user's sessions: without these indexes each of them scanned its whole table.
struct IndexSessionsAndRateLimits: AsyncMigration {
    var name: String { "0021_index_sessions_and_rate_limits" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "sessions_expires_at").on("sessions").column("expires_at").run()
        try await sql.create(index: "sessions_user_id").on("sessions").column("user_id").run()
        try await sql.create(index: "rate_limits_window_start").on("rate_limits").column("window_start").run()
        try await sql.create(index: "one_time_tokens_expires_at").on("one_time_tokens").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "one_time_tokens_expires_at").run()
        try await sql.drop(index: "rate_limits_window_start").run()
        try await sql.drop(index: "sessions_user_id").run()
        try await sql.drop(index: "sessions_expires_at").run()
    }
}
