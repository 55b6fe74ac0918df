import FluentKit
import Foundation
import SQLKit

/// Subscribers and their lists: the double opt-in's writing side. Every change that mails is one transaction
/// with the mail it queues, so a confirmation exists exactly when its pending subscription does.
struct SubscriptionStore: Sendable {
    let database: WartaDatabase
    let world: World

    /// How long an unconfirmed address and its confirmation link live (issue 12).
    static let pendingLifetime: TimeInterval = 7 * 86_400
    /// Confirmation mails one address gets per day at most, however often the form is sent for it.
    static let confirmationsPerDay = 3
    /// The one-time token's purpose names the subscriber it confirms.
    static let confirmPurposePrefix = "newsletter-confirm:"

    /// What a subscribe request did; the reader sees the same page for each (no enumeration).
    enum Outcome: Equatable {
        case mailed, alreadySubscribed, mailLimitReached, suppressed
    }

    /// Records `address`'s wish to get `list` and queues the confirmation mail built by `mail` from the link's
    /// token. A confirmed subscriber already on the list gets nothing; a suppressed address (bounced, complained)
    /// is neither stored nor mailed.
    func subscribe(
        address: String, list: String, mail: @escaping @Sendable (_ token: String) -> OutgoingMail
    ) async throws -> Outcome {
        let (world, now) = (world, world.now())
        let token = world.randomToken()
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            if try await Self.isSuppressed(address, on: sql) { return .suppressed }
            let subscriber = try await Self.findOrAdd(address, world: world, now: now, on: sql)
            if subscriber.isConfirmed, try await Self.state(of: subscriber.id, list: list, on: sql) == "active" {
                return .alreadySubscribed
            }
            try await Self.markPending(subscriber, list: list, now: now, on: sql)
            guard try await Self.confirmationsToday(address, now: now, on: sql) < Self.confirmationsPerDay else {
                return .mailLimitReached
            }
            let record = OneTimeToken(
                id: world.newID(), purpose: Self.confirmPurposePrefix + subscriber.id.uuidString.lowercased(),
                tokenHash: TokenHash.sha256Hex(token), expiresAt: now.addingTimeInterval(Self.pendingLifetime))
            try await record.create(on: tx)
            let recipient = MailRecipient(address: address, name: nil, subscriberID: subscriber.id)
            try await MailOutbox.enqueue(mail(token), to: [recipient], world: world, on: tx)
            return .mailed
        }
    }

    struct SubscriberRef: Sendable {
        let id: UUID
        let isConfirmed: Bool
    }

    private static func isSuppressed(_ address: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT address FROM mail_suppressions WHERE address = \(bind: address)").first() != nil
    }

    /// The subscriber with `address`, added (pending) if there is none. `ON CONFLICT` so two forms sent at once
    /// for a new address make one subscriber, not a duplicate-key error.
    private static func findOrAdd(_ address: String, world: World, now: Date, on sql: any SQLDatabase) async throws
        -> SubscriberRef
    {
        try await sql.raw(
            """
            INSERT INTO newsletter_subscribers (id, email, pending_until, consent_source, created_at, updated_at)
            VALUES (\(bind: world.newID()), \(bind: address), \(bind: now.addingTimeInterval(pendingLifetime)),
              'form', \(bind: now), \(bind: now))
            ON CONFLICT (email) DO NOTHING
            """
        ).run()
        guard
            let row = try await sql.raw(
                "SELECT id, confirmed_at FROM newsletter_subscribers WHERE email = \(bind: address)"
            ).first()
        else { throw NewsletterStoreError.subscriberVanished }
        return SubscriberRef(
            id: try row.decode(column: "id", as: UUID.self),
            isConfirmed: try row.decode(column: "confirmed_at", as: Date?.self) != nil)
    }

    static func state(of subscriber: UUID, list: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw(
            """
            SELECT state FROM newsletter_subscriptions WHERE subscriber_id = \(bind: subscriber)
              AND list_slug = \(bind: list)
            """
        ).first()?.decode(column: "state", as: String.self)
    }

    /// The list waits for confirmation; an unconfirmed address gets seven more days from this request.
    private static func markPending(_ subscriber: SubscriberRef, list: String, now: Date, on sql: any SQLDatabase)
        async throws
    {
        try await sql.raw(
            """
            INSERT INTO newsletter_subscriptions (subscriber_id, list_slug, state, created_at, updated_at)
            VALUES (\(bind: subscriber.id), \(bind: list), 'pending', \(bind: now), \(bind: now))
            ON CONFLICT (subscriber_id, list_slug) DO UPDATE SET state = 'pending', updated_at = \(bind: now)
              WHERE newsletter_subscriptions.state <> 'active'
            """
        ).run()
        guard !subscriber.isConfirmed else { return }
        try await sql.raw(
            """
            UPDATE newsletter_subscribers SET pending_until = \(bind: now.addingTimeInterval(pendingLifetime)),
              updated_at = \(bind: now)
            WHERE id = \(bind: subscriber.id)
            """
        ).run()
    }

    private static func confirmationsToday(_ address: String, now: Date, on sql: any SQLDatabase) async throws -> Int {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM mail_outbox WHERE recipient = \(bind: address)
              AND kind = \(bind: MailKind.confirmation.rawValue) AND queued_at > \(bind: now.addingTimeInterval(-86_400))
            """
        ).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Unconfirmed subscribers past their seven days go, with their lists (run by the cleanup chore).
    func removeExpiredPending() async throws {
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                DELETE FROM newsletter_subscriptions WHERE subscriber_id IN (
                  SELECT id FROM newsletter_subscribers WHERE confirmed_at IS NULL AND pending_until < \(bind: now))
                """
            ).run()
            try await sql.raw(
                """
                DELETE FROM newsletter_subscribers WHERE confirmed_at IS NULL AND pending_until < \(bind: now)
                """
            ).run()
        }
    }
}
