import FluentKit
import Foundation
import SQLKit

extension SubscriptionStore {
    /// What a confirmation link names now.
    enum ConfirmLink: Equatable {
        /// Unused and in time: the button may confirm it.
        case usable(subscriberID: UUID)
        /// Used already, and its subscriber is confirmed: confirming again changes nothing.
        case alreadyConfirmed
        /// Past its seven days, or its unconfirmed subscriber is gone.
        case expired
        /// No such link.
        case unknown
    }

    /// Reads what `token` names, changing nothing (the GET page: link scanners confirm nothing).
    func confirmLink(_ token: String) async throws -> ConfirmLink {
        try await Self.confirmLink(token, now: world.now(), on: try database.sql)
    }

    /// Confirms the subscriber `token` names: confirmed and consent times, consent from the form, no expiry, and
    /// every list it waits for becomes active. A second POST of the same link answers `alreadyConfirmed`.
    func confirm(_ token: String) async throws -> ConfirmLink {
        let now = world.now()
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let link = try await Self.confirmLink(token, now: now, on: sql)
            guard case .usable(let id) = link else { return link }
            try await sql.raw(
                """
                UPDATE newsletter_subscribers SET confirmed_at = COALESCE(confirmed_at, \(bind: now)),
                  consent_at = \(bind: now), consent_source = 'form', pending_until = NULL, updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """
            ).run()
            try await sql.raw(
                """
                UPDATE newsletter_subscriptions SET state = 'active', updated_at = \(bind: now)
                WHERE subscriber_id = \(bind: id) AND state = 'pending'
                """
            ).run()
            try await sql.raw(
                "UPDATE one_time_tokens SET used_at = \(bind: now) WHERE token_hash = \(bind: TokenHash.sha256Hex(token))"
            ).run()
            return .alreadyConfirmed
        }
    }

    private static func confirmLink(_ token: String, now: Date, on sql: any SQLDatabase) async throws -> ConfirmLink {
        guard !token.isEmpty, token.utf8.count < 200 else { return .unknown }
        guard
            let row = try await sql.raw(
                """
                SELECT purpose, expires_at, used_at FROM one_time_tokens
                WHERE token_hash = \(bind: TokenHash.sha256Hex(token))
                """
            ).first()
        else { return .unknown }
        let purpose = try row.decode(column: "purpose", as: String.self)
        guard purpose.hasPrefix(confirmPurposePrefix),
            let id = UUID(uuidString: String(purpose.dropFirst(confirmPurposePrefix.count)))
        else { return .unknown }
        let subscriber = try await sql.raw(
            "SELECT confirmed_at FROM newsletter_subscribers WHERE id = \(bind: id)"
        ).first()
        guard let subscriber else { return .expired }
        let isConfirmed = try subscriber.decode(column: "confirmed_at", as: Date?.self) != nil
        if try row.decode(column: "used_at", as: Date?.self) != nil {
            return isConfirmed ? .alreadyConfirmed : .expired
        }
        guard try row.decode(column: "expires_at", as: Date.self) > now else { return .expired }
        return .usable(subscriberID: id)
    }
}

/// A row the store had just written was not there to read back: only a concurrent delete can do that.
enum NewsletterStoreError: Error, CustomStringConvertible {
    case subscriberVanished
    var description: String { "the subscriber row vanished inside its own transaction" }
}
