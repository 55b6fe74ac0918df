import FluentKit
import Foundation
import SQLKit
import WartaMail

/// A claimed outbox row: one message to one recipient.
struct OutboxRow: Sendable {
    let id: UUID
    let bodyID: UUID
    let kind: String
    let recipient: String
    let recipientName: String?
    let subscriberID: UUID?
    let attempts: Int
    let queuedAt: Date
}

/// A mail's stored content.
struct MailBody: Sendable {
    let subject: String
    let text: String
    let html: String?
    let listSlug: String?
}

/// What one try of one row came to.
struct OutboxResult: Sendable {
    let row: OutboxRow
    let outcome: DeliveryOutcome
}

/// The outbox's table side for the sender: claims in batches with a lease (one write turn a batch on SQLite,
/// `SKIP LOCKED` side by side on PostgreSQL), and records a batch's outcomes in one write.
struct OutboxStore: Sendable {
    let database: WartaDatabase
    let world: World

    /// A read, so an idle sender does not take SQLite's write lock.
    func hasDue() async throws -> Bool {
        let now = world.now()
        let rows = try await database.sql.raw(
            """
            SELECT id FROM mail_outbox WHERE (state IN ('queued', 'deferred') AND run_at <= \(bind: now))
              OR (state = 'sending' AND lease_until < \(bind: now)) LIMIT 1
            """
        ).all()
        return !rows.isEmpty
    }

    /// Takes up to `limit` due rows, and rows whose sender died mid-batch (lease run out), counting the try.
    func claim(limit: Int, lease: TimeInterval, worker: String) async throws -> [OutboxRow] {
        let now = world.now()
        let skipLocked = database.isPostgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let rows = try await sql.raw(
                """
                UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1,
                  lease_until = \(bind: now.addingTimeInterval(lease)), claimed_by = \(bind: worker),
                  updated_at = \(bind: now)
                WHERE id IN (
                  SELECT id FROM mail_outbox WHERE (state IN ('queued', 'deferred') AND run_at <= \(bind: now))
                    OR (state = 'sending' AND lease_until < \(bind: now))
                  ORDER BY run_at LIMIT \(bind: limit) \(unsafeRaw: skipLocked))
                RETURNING id, body_id, kind, recipient, recipient_name, subscriber_id, attempts, queued_at
                """
            ).all()
            return try rows.map { row in
                OutboxRow(
                    id: try row.decode(column: "id", as: UUID.self),
                    bodyID: try row.decode(column: "body_id", as: UUID.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    recipient: try row.decode(column: "recipient", as: String.self),
                    recipientName: try row.decode(column: "recipient_name", as: String?.self),
                    subscriberID: try row.decode(column: "subscriber_id", as: UUID?.self),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    queuedAt: try row.decode(column: "queued_at", as: Date.self))
            }
        }
    }

    func bodies(_ ids: [UUID]) async throws -> [UUID: MailBody] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw(
            "SELECT id, subject, text_body, html_body, list_slug FROM mail_bodies WHERE id IN (\(binds: ids))"
        ).all()
        var bodies: [UUID: MailBody] = [:]
        for row in rows {
            bodies[try row.decode(column: "id", as: UUID.self)] = MailBody(
                subject: try row.decode(column: "subject", as: String.self),
                text: try row.decode(column: "text_body", as: String.self),
                html: try row.decode(column: "html_body", as: String?.self),
                listSlug: try row.decode(column: "list_slug", as: String?.self))
        }
        return bodies
    }

    /// Which of `addresses` are suppressed (bounced hard, complained), as stored: lower-cased.
    func suppressed(among addresses: [String]) async throws -> Set<String> {
        let keys = Array(Set(addresses.map(Suppressions.key)))
        guard !keys.isEmpty else { return [] }
        let rows = try await database.sql.raw(
            "SELECT address FROM mail_suppressions WHERE address IN (\(binds: keys))"
        ).all()
        return Set(try rows.map { try $0.decode(column: "address", as: String.self) })
    }

    /// Gives rows this worker did not finish back to the queue, their try not counted (graceful shutdown).
    func release(_ ids: [UUID], worker: String) async throws {
        guard !ids.isEmpty else { return }
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                UPDATE mail_outbox SET state = CASE WHEN attempts > 1 THEN 'deferred' ELSE 'queued' END,
                  attempts = attempts - 1, lease_until = NULL, claimed_by = NULL, updated_at = \(bind: now)
                WHERE state = 'sending' AND claimed_by = \(bind: worker) AND id IN (\(binds: ids))
                """
            ).run()
        }
    }
}

extension OutboxStore {
    /// Finished one-off mail (confirmations, sign-in links, tests) goes after 30 days with its body, which holds a
    /// link; campaign and digest rows stay, their counts are the campaign's history.
    func removeOld() async throws {
        let cutoff = world.now().addingTimeInterval(-30 * 86_400)
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                DELETE FROM mail_outbox WHERE kind IN ('confirmation', 'sign-in', 'test')
                  AND state IN ('sent', 'failed', 'suppressed') AND updated_at < \(bind: cutoff)
                """
            ).run()
            try await sql.raw(
                """
                DELETE FROM mail_bodies WHERE created_at < \(bind: cutoff)
                  AND NOT EXISTS (SELECT 1 FROM mail_outbox WHERE mail_outbox.body_id = mail_bodies.id)
                """
            ).run()
        }
    }
}
