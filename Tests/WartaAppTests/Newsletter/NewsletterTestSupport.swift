import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit

@testable import WartaApp

extension TestClientProtocol {
    /// A form POST; `headers` add to the form's content type.
    func postForm(_ uri: String, _ fields: [(String, String)], headers: HTTPFields = [:]) async throws
        -> TestResponse
    {
        let body = fields.map { "\(SitePath.queryEncoded($0.0))=\(SitePath.queryEncoded($0.1))" }
            .joined(separator: "&")
        return try await postBody(uri, body, headers: headers)
    }

    func postBody(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = headers
        all[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: uri, method: .post, headers: all, body: ByteBuffer(string: body))
    }

    func subscribe(_ email: String, list: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = [("email", email)]
        if let list { fields.append(("list", list)) }
        return try await postForm("/newsletter", fields, headers: headers)
    }
}

/// One queued mail as the tests read it back.
struct QueuedMail: Sendable {
    let id: UUID
    let kind: String
    let recipient: String
    let subscriberID: UUID?
    let subject: String
    let text: String
    let html: String?
    let listSlug: String?
    let unsubscribedAt: Date?

    /// The token of the confirmation link in the text part.
    var confirmToken: String? {
        guard let start = text.range(of: "/newsletter/confirm?token=") else { return nil }
        let rest = text[start.upperBound...]
        return String(rest.prefix { !$0.isWhitespace }).removingPercentEncoding
    }
}

/// A subscriber row.
struct SubscriberRecord: Sendable {
    let id: UUID
    let email: String
    let confirmedAt: Date?
    let pendingUntil: Date?
    let consentAt: Date?
    let consentSource: String
    let lastDigestDay: String?
}

extension Seed {
    func outbox() async throws -> [QueuedMail] {
        let rows = try await services.database.sql.raw(
            """
            SELECT o.id, o.kind, o.recipient, o.subscriber_id, o.unsubscribed_at, b.subject, b.text_body,
              b.html_body, b.list_slug
            FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id ORDER BY o.queued_at, o.id
            """
        ).all()
        return try rows.map { row in
            QueuedMail(
                id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                recipient: try row.decode(column: "recipient", as: String.self),
                subscriberID: try row.decode(column: "subscriber_id", as: UUID?.self),
                subject: try row.decode(column: "subject", as: String.self),
                text: try row.decode(column: "text_body", as: String.self),
                html: try row.decode(column: "html_body", as: String?.self),
                listSlug: try row.decode(column: "list_slug", as: String?.self),
                unsubscribedAt: try row.decode(column: "unsubscribed_at", as: Date?.self))
        }
    }

    func subscribers() async throws -> [SubscriberRecord] {
        let rows = try await services.database.sql.raw(
            """
            SELECT id, email, confirmed_at, pending_until, consent_at, consent_source, last_digest_day
            FROM newsletter_subscribers ORDER BY created_at, email
            """
        ).all()
        return try rows.map { row in
            SubscriberRecord(
                id: try row.decode(column: "id", as: UUID.self),
                email: try row.decode(column: "email", as: String.self),
                confirmedAt: try row.decode(column: "confirmed_at", as: Date?.self),
                pendingUntil: try row.decode(column: "pending_until", as: Date?.self),
                consentAt: try row.decode(column: "consent_at", as: Date?.self),
                consentSource: try row.decode(column: "consent_source", as: String.self),
                lastDigestDay: try row.decode(column: "last_digest_day", as: String?.self))
        }
    }

    /// `list slug → state` for the subscriber with `email`.
    func subscriptions(of email: String) async throws -> [String: String] {
        let rows = try await services.database.sql.raw(
            """
            SELECT s.list_slug, s.state FROM newsletter_subscriptions s
            JOIN newsletter_subscribers r ON r.id = s.subscriber_id WHERE r.email = \(bind: email)
            """
        ).all()
        var states: [String: String] = [:]
        for row in rows {
            states[try row.decode(column: "list_slug", as: String.self)] = try row.decode(
                column: "state", as: String.self)
        }
        return states
    }

    /// Subscribes through the form and confirms through the mailed link, as a reader does.
    func confirmedSubscriber(_ email: String, client: any TestClientProtocol) async throws {
        let before = try await outbox().count
        _ = try await client.subscribe(email)
        let mails = try await outbox()
        guard mails.count == before + 1, let token = mails.last?.confirmToken else {
            throw TestSetupError("no confirmation mail for \(email)")
        }
        _ = try await client.postForm("/newsletter/confirm", [("token", token)])
    }

    func count(_ table: String) async throws -> Int {
        let row = try await services.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
