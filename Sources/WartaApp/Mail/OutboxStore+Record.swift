import FluentKit
import Foundation
import SQLKit
import WartaMail

extension OutboxStore {
    /// Writes a batch's outcomes in one write: sent, deferred to their next try, failed (3 days of 4xx become a
    /// failure here), suppressed; hard bounces join the suppression list and a delivery clears an address's run of
    /// soft bounces. Only rows this worker still holds change: a row whose lease ran out belongs to its new owner.
    func record(_ results: [OutboxResult], suppressed: [OutboxRow] = [], worker: String) async throws {
        guard !results.isEmpty || !suppressed.isEmpty else { return }
        let now = world.now()
        var updates: [Update: [UUID]] = [:]
        if !suppressed.isEmpty { updates[Self.suppressedUpdate] = suppressed.map(\.id) }
        var bounced: [(address: String, detail: String)] = []
        var delivered: [String] = []
        for result in results {
            let update = Self.update(for: result, now: now)
            updates[update, default: []].append(result.row.id)
            if case .failed(let reason, true) = result.outcome { bounced.append((result.row.recipient, reason)) }
            if case .sent = result.outcome { delivered.append(Suppressions.key(result.row.recipient)) }
        }
        let (groups, bounces, deliveredKeys) = (updates, bounced, delivered)
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            for (update, ids) in groups.sorted(by: { $0.key.state < $1.key.state }) {
                try await Self.apply(update, to: ids, worker: worker, now: now, on: sql)
            }
            for bounce in bounces {
                try await Suppressions.add(bounce.address, reason: .hardBounce, detail: bounce.detail, now: now, on: tx)
            }
            if !deliveredKeys.isEmpty {
                try await sql.raw("DELETE FROM mail_soft_bounces WHERE address IN (\(binds: deliveredKeys))").run()
            }
        }
    }

    /// One UPDATE's worth: rows that end the same way share a statement.
    struct Update: Hashable {
        let state: String
        let runAt: Date?
        let error: String?
    }

    static func update(for result: OutboxResult, now: Date) -> Update {
        switch result.outcome {
        case .sent:
            return Update(state: OutboxState.sent.rawValue, runAt: nil, error: nil)
        case .failed(let reason, _):
            return Update(state: OutboxState.failed.rawValue, runAt: nil, error: String(reason.prefix(500)))
        case .deferred(let reason):
            guard
                let next = RetrySchedule.nextTry(
                    afterAttempts: result.row.attempts, queuedAt: result.row.queuedAt, now: now)
            else {
                return Update(
                    state: OutboxState.failed.rawValue, runAt: nil,
                    error: String("gave up after 3 days: \(reason)".prefix(500)))
            }
            return Update(state: OutboxState.deferred.rawValue, runAt: next, error: String(reason.prefix(500)))
        }
    }

    /// A row found suppressed before sending is not tried.
    static let suppressedUpdate = Update(
        state: OutboxState.suppressed.rawValue, runAt: nil, error: "address is on the suppression list")

    private static func apply(_ update: Update, to ids: [UUID], worker: String, now: Date, on sql: any SQLDatabase)
        async throws
    {
        let sentAt: Date? = update.state == OutboxState.sent.rawValue ? now : nil
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
            try await sql.raw(
                """
                UPDATE mail_outbox SET state = \(bind: update.state), run_at = COALESCE(\(bind: update.runAt), run_at),
                  last_error = \(bind: update.error), sent_at = \(bind: sentAt), lease_until = NULL,
                  claimed_by = NULL, updated_at = \(bind: now)
                WHERE state = 'sending' AND claimed_by = \(bind: worker) AND id IN (\(binds: part))
                """
            ).run()
        }
    }
}

/// Addresses never mailed again: hard bounces, complaints, runs of soft bounces (issue 12). Kept lower-cased.
enum Suppressions {
    enum Reason: String, Sendable {
        case hardBounce = "hard-bounce"
        case complaint
        case softBounces = "soft-bounces"
    }

    /// Soft bounces in a row (with no delivery between) that suppress an address.
    static let softBounceLimit = 5

    static func key(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func add(_ address: String, reason: Reason, detail: String?, now: Date, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        try await sql.raw(
            """
            INSERT INTO mail_suppressions (address, reason, detail, created_at)
            VALUES (\(bind: key(address)), \(bind: reason.rawValue), \(bind: detail.map { String($0.prefix(500)) }),
              \(bind: now))
            ON CONFLICT (address) DO NOTHING
            """
        ).run()
    }

    /// Counts one more soft bounce; true when that reaches the limit and the address is now suppressed.
    @discardableResult
    static func addSoftBounce(_ address: String, detail: String?, now: Date, on tx: any Database) async throws -> Bool {
        guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        let rows = try await sql.raw(
            """
            INSERT INTO mail_soft_bounces (address, count, last_at) VALUES (\(bind: key(address)), 1, \(bind: now))
            ON CONFLICT (address) DO UPDATE SET count = mail_soft_bounces.count + 1, last_at = excluded.last_at
            RETURNING count
            """
        ).all()
        let count = try rows.first?.decode(column: "count", as: Int.self) ?? 0
        guard count >= softBounceLimit else { return false }
        try await add(address, reason: .softBounces, detail: detail, now: now, on: tx)
        return true
    }
}
