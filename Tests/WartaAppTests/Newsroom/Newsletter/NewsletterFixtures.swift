import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing
import WartaMail

@testable import WartaApp

/// Newsletter rows written directly, as the public subscribe flow (another feature) would leave them.
extension Seed {
    @discardableResult
    func subscriber(
        _ email: String, name: String? = nil, lists: [String: String] = ["harian": "active"],
        consent: String? = "2025-03-01T08:00:00Z"
    ) async throws -> UUID {
        let id = world.world.newID()
        let now = world.now
        let consentAt = consent.flatMap(ArticleImporter.parseISO8601)
        let confirmed = lists.values.contains("pending") ? nil : consentAt
        try await services.database.write { tx in
            let sql = try #require(tx as? any SQLDatabase)
            try await sql.raw(
                """
                INSERT INTO newsletter_subscribers (id, email, name, confirmed_at, consent_at, consent_source,
                  created_at, updated_at)
                VALUES (\(bind: id), \(bind: email), \(bind: name), \(bind: confirmed), \(bind: consentAt), 'form',
                  \(bind: now), \(bind: now))
                """
            ).run()
            for (list, state) in lists {
                try await sql.raw(
                    """
                    INSERT INTO newsletter_subscriptions (subscriber_id, list_slug, state, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: list), \(bind: state), \(bind: now), \(bind: now))
                    """
                ).run()
            }
        }
        return id
    }

    func suppress(_ address: String) async throws {
        let now = world.now
        try await services.database.write { tx in
            let sql = try #require(tx as? any SQLDatabase)
            try await sql.raw(
                """
                INSERT INTO mail_suppressions (address, reason, created_at) VALUES (\(bind: address), 'bounce', \(bind: now))
                """
            ).run()
        }
    }

    func listRate(_ slug: String, perMinute: Int) async throws {
        let now = world.now
        try await services.database.write { tx in
            let sql = try #require(tx as? any SQLDatabase)
            try await sql.raw(
                """
                INSERT INTO newsletter_lists (slug, name, description, is_default, position, rate_per_minute, created_at)
                VALUES (\(bind: slug), 'Harian Pagi', '', true, 0, \(bind: perMinute), \(bind: now))
                """
            ).run()
        }
    }

    struct CampaignOutboxRow: Equatable {
        let recipient: String
        let kind: String
        let state: String
        let runAt: Date
        let campaignID: UUID?
        let subject: String
        let text: String
        let html: String?
        let listSlug: String?
    }

    /// Every outbox row with its body, by recipient then time.
    func campaignOutbox() async throws -> [CampaignOutboxRow] {
        try await services.database.sql.raw(
            """
            SELECT o.recipient, o.kind, o.state, o.run_at, o.campaign_id, b.subject, b.text_body, b.html_body,
              b.list_slug
            FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id ORDER BY o.recipient, o.run_at
            """
        ).all().map { row in
            CampaignOutboxRow(
                recipient: try row.decode(column: "recipient"), kind: try row.decode(column: "kind"),
                state: try row.decode(column: "state"), runAt: try row.decode(column: "run_at"),
                campaignID: try row.decode(column: "campaign_id", as: UUID?.self),
                subject: try row.decode(column: "subject"), text: try row.decode(column: "text_body"),
                html: try row.decode(column: "html_body", as: String?.self),
                listSlug: try row.decode(column: "list_slug", as: String?.self))
        }
    }

    func campaignState(_ id: UUID) async throws -> String? {
        try await services.database.sql.raw("SELECT state FROM newsletter_campaigns WHERE id = \(bind: id)").first()?
            .decode(column: "state", as: String.self)
    }
}

/// The campaign id in a redirect to its page.
func campaignID(from response: TestResponse) throws -> UUID {
    let location = try #require(response.headers[.location])
    let id = try #require(location.split(separator: "/").last?.split(separator: "?").first)
    return try #require(UUID(uuidString: String(id)))
}
