import FluentKit
import Foundation
import SQLKit
import WartaMail

/// The writes: drafts, queueing a campaign for its list, cancelling. The state changes are conditional UPDATEs
/// (`WHERE state = …`), so of two requests at once (a double click, two editors, two instances) exactly one wins:
/// on PostgreSQL the second waits for the first's row lock and then finds the state changed.
extension CampaignStore {
    enum SendOutcome: Sendable, Equatable {
        case queued(recipients: Int)
        /// It was scheduled, queued or cancelled already: nothing was queued again.
        case notDraft
    }

    func create(_ input: CampaignInput, by staff: UUID?) async throws -> UUID {
        let (id, now) = (world.newID(), world.now())
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                INSERT INTO newsletter_campaigns (id, list_slug, subject, body_markdown, article_ids, state,
                  created_by, created_at, updated_at)
                VALUES (\(bind: id), \(bind: input.listSlug), \(bind: input.subject), \(bind: input.bodyMarkdown),
                  \(bind: Self.json(input.articleIDs)), \(bind: CampaignState.draft.rawValue), \(bind: staff),
                  \(bind: now), \(bind: now))
                """
            ).run()
        }
        return id
    }

    /// Saves a draft's content; false when the campaign is no longer a draft.
    func update(_ id: UUID, _ input: CampaignInput) async throws -> Bool {
        let now = world.now()
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            return try await Self.save(id, input, state: .draft, scheduledAt: nil, now: now, on: sql)
        }
    }

    /// Saves the draft and queues `mail` for every active, unsuppressed subscriber of `list` in one transaction:
    /// at `scheduledAt` (state `scheduled`) or now (state `queued`), spread by the list's rate.
    func queue(
        _ id: UUID, _ input: CampaignInput, mail: OutgoingMail, list: CampaignList, scheduledAt: Date?
    ) async throws -> SendOutcome {
        let world = world
        let now = world.now()
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let state: CampaignState = scheduledAt == nil ? .queued : .scheduled
            guard try await Self.save(id, input, state: state, scheduledAt: scheduledAt, now: now, on: sql) else {
                return .notDraft
            }
            let recipients = try await Self.recipients(of: list.slug, on: sql)
            if !recipients.isEmpty {
                try await MailOutbox.enqueue(
                    mail, to: recipients, world: world, runAt: scheduledAt ?? now,
                    perMinute: list.ratePerMinute > 0 ? list.ratePerMinute : nil, on: tx)
            }
            return .queued(recipients: recipients.count)
        }
    }

    /// Stops a scheduled or queued campaign: the rows not yet handed to the sender (queued, deferred) go, with the
    /// body once no row uses it. Returns how many rows went, or nil when there was nothing to cancel.
    func cancel(_ id: UUID) async throws -> Int? {
        let now = world.now()
        return try await database.write { tx -> Int? in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let changed = try await sql.raw(
                """
                UPDATE newsletter_campaigns SET state = \(bind: CampaignState.cancelled.rawValue),
                  updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state IN (\(binds: [CampaignState.scheduled.rawValue, CampaignState.queued.rawValue]))
                RETURNING id
                """
            ).all()
            guard !changed.isEmpty else { return nil }
            let waiting = [OutboxState.queued.rawValue, OutboxState.deferred.rawValue]
            let bodies = try await sql.raw(
                "SELECT DISTINCT body_id FROM mail_outbox WHERE campaign_id = \(bind: id)"
            ).all().map { try $0.decode(column: "body_id", as: UUID.self) }
            let deleted = try await sql.raw(
                """
                DELETE FROM mail_outbox WHERE campaign_id = \(bind: id) AND state IN (\(binds: waiting)) RETURNING id
                """
            ).all().count
            if !bodies.isEmpty {
                try await sql.raw(
                    """
                    DELETE FROM mail_bodies WHERE id IN (\(binds: bodies))
                      AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.body_id = mail_bodies.id)
                    """
                ).run()
            }
            return deleted
        }
    }

    /// The content, and the new state when it leaves draft, only while it is a draft.
    private static func save(
        _ id: UUID, _ input: CampaignInput, state: CampaignState, scheduledAt: Date?, now: Date,
        on sql: any SQLDatabase
    ) async throws -> Bool {
        let queuedAt: Date? = state == .draft ? nil : now
        let changed = try await sql.raw(
            """
            UPDATE newsletter_campaigns SET list_slug = \(bind: input.listSlug), subject = \(bind: input.subject),
              body_markdown = \(bind: input.bodyMarkdown), article_ids = \(bind: json(input.articleIDs)),
              state = \(bind: state.rawValue), scheduled_at = \(bind: scheduledAt), queued_at = \(bind: queuedAt),
              updated_at = \(bind: now)
            WHERE id = \(bind: id) AND state = \(bind: CampaignState.draft.rawValue)
            RETURNING id
            """
        ).all()
        return !changed.isEmpty
    }

    /// Every active subscriber of `list` whose address is not suppressed (a hard bounce or a complaint). An
    /// address that cannot be sent to (an old import) is left out here rather than failing the whole campaign.
    static func recipients(of list: String, on sql: any SQLDatabase) async throws -> [MailRecipient] {
        try await sql.raw(
            """
            SELECT s.id, s.email, s.name FROM newsletter_subscriptions sub
            JOIN newsletter_subscribers s ON s.id = sub.subscriber_id
            WHERE sub.list_slug = \(bind: list) AND sub.state = 'active'
              AND NOT EXISTS (SELECT 1 FROM mail_suppressions m WHERE m.address = s.email OR m.address = LOWER(s.email))
            ORDER BY s.email
            """
        ).all().compactMap { row -> MailRecipient? in
            let address = try row.decode(column: "email", as: String.self)
            guard (try? MailAddress(address)) != nil else { return nil }
            let name = try row.decode(column: "name", as: String?.self).flatMap {
                $0.contains(where: \.isNewline) ? nil : $0
            }
            return MailRecipient(address: address, name: name, subscriberID: try row.decode(column: "id"))
        }
    }
}
