import Foundation
import SQLKit

extension JobQueue {
    /// How many jobs are in each state.
    func counts() async throws -> [JobState: Int] {
        let rows = try await database.sql.raw("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all()
        var counts: [JobState: Int] = [:]
        for row in rows {
            guard let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            counts[state] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// The newest jobs in `state`, or every unfinished job.
    func list(state: JobState?, limit: Int = 200) async throws -> [JobSummary] {
        let filter: SQLQueryString =
            state.map { "WHERE state = \(bind: $0.rawValue)" } ?? "WHERE state <> 'done'"
        let rows = try await database.sql.raw(
            """
            SELECT id, kind, state, attempts, max_attempts, run_at, last_error, claimed_by FROM jobs \(filter)
            ORDER BY run_at DESC LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map { row in
            JobSummary(
                id: try row.decode(column: "id", as: UUID.self),
                kind: try row.decode(column: "kind", as: String.self),
                state: JobState(rawValue: try row.decode(column: "state", as: String.self)) ?? .queued,
                attempts: try row.decode(column: "attempts", as: Int.self),
                maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
                runAt: try row.decode(column: "run_at", as: Date.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                claimedBy: try row.decode(column: "claimed_by", as: String?.self))
        }
    }
}
