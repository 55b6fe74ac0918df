import FluentKit
import Foundation
import SQLKit

extension SubscriptionStore {
    /// The mail an unsubscribe link came in: who got it and for which list (nil: every list).
    struct UnsubscribeTarget: Sendable, Equatable {
        let outboxID: UUID
        let subscriberID: UUID?
        let recipient: String
        let listSlug: String?
    }

    func unsubscribeTarget(outboxID: UUID) async throws -> UnsubscribeTarget? {
        let row = try await database.sql.raw(
            """
            SELECT o.subscriber_id, o.recipient, b.list_slug FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id
            WHERE o.id = \(bind: outboxID)
            """
        ).first()
        guard let row else { return nil }
        return UnsubscribeTarget(
            outboxID: outboxID, subscriberID: try row.decode(column: "subscriber_id", as: UUID?.self),
            recipient: try row.decode(column: "recipient", as: String.self),
            listSlug: try row.decode(column: "list_slug", as: String?.self))
    }

    /// Leaves the list the mail was sent for (RFC 8058: no confirmation, no session) and marks the mail, so its
    /// campaign counts the unsubscribe. Doing it again changes nothing.
    func unsubscribe(_ target: UnsubscribeTarget) async throws {
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let subscriber: UUID?
            if let id = target.subscriberID {
                subscriber = id
            } else {
                // A test mail names no subscriber; its address may still be one.
                subscriber = try await sql.raw(
                    "SELECT id FROM newsletter_subscribers WHERE email = \(bind: target.recipient)"
                ).first()?.decode(column: "id", as: UUID.self)
            }
            if let subscriber {
                try await Self.leave(subscriber, lists: target.listSlug.map { [$0] }, now: now, on: sql)
            }
            try await sql.raw(
                """
                UPDATE mail_outbox SET unsubscribed_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: target.outboxID) AND unsubscribed_at IS NULL
                """
            ).run()
        }
    }

    /// `lists` nil: every list.
    static func leave(_ subscriber: UUID, lists: [String]?, now: Date, on sql: any SQLDatabase) async throws {
        let onlyThese: SQLQueryString = lists.map { "AND list_slug IN (\(binds: $0))" } ?? ""
        try await sql.raw(
            """
            UPDATE newsletter_subscriptions SET state = 'unsubscribed', updated_at = \(bind: now)
            WHERE subscriber_id = \(bind: subscriber) AND state <> 'unsubscribed' \(onlyThese)
            """
        ).run()
    }
}

extension SubscriptionStore {
    /// One subscriber as the preferences page shows it.
    struct Preferences: Sendable, Equatable {
        let subscriberID: UUID
        let email: String
        let isConfirmed: Bool
        /// State per list slug: `pending`, `active` or `unsubscribed`; a list never joined is absent.
        let states: [String: String]
    }

    func preferences(of subscriberID: UUID) async throws -> Preferences? {
        let sql = try database.sql
        guard
            let row = try await sql.raw(
                "SELECT email, confirmed_at FROM newsletter_subscribers WHERE id = \(bind: subscriberID)"
            ).first()
        else { return nil }
        let lists = try await sql.raw(
            "SELECT list_slug, state FROM newsletter_subscriptions WHERE subscriber_id = \(bind: subscriberID)"
        ).all()
        var states: [String: String] = [:]
        for list in lists {
            states[try list.decode(column: "list_slug", as: String.self)] = try list.decode(
                column: "state", as: String.self)
        }
        return Preferences(
            subscriberID: subscriberID, email: try row.decode(column: "email", as: String.self),
            isConfirmed: try row.decode(column: "confirmed_at", as: Date?.self) != nil, states: states)
    }

    /// Saves the lists ticked on the preferences page: ticked ones become active (the signed link was mailed to
    /// this address, which proves it), the others are left. `chosen` holds only known list slugs.
    func savePreferences(_ subscriberID: UUID, chosen: Set<String>, known: [String]) async throws {
        let now = world.now()
        let dropped = known.filter { !chosen.contains($0) }
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            for slug in chosen.sorted() {
                try await sql.raw(
                    """
                    INSERT INTO newsletter_subscriptions (subscriber_id, list_slug, state, created_at, updated_at)
                    VALUES (\(bind: subscriberID), \(bind: slug), 'active', \(bind: now), \(bind: now))
                    ON CONFLICT (subscriber_id, list_slug) DO UPDATE SET state = 'active', updated_at = \(bind: now)
                      WHERE newsletter_subscriptions.state <> 'active'
                    """
                ).run()
            }
            if !dropped.isEmpty { try await Self.leave(subscriberID, lists: dropped, now: now, on: sql) }
        }
    }

    func unsubscribeEverywhere(_ subscriberID: UUID) async throws {
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await Self.leave(subscriberID, lists: nil, now: now, on: sql)
        }
    }
}
