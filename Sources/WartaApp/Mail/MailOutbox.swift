import FluentKit
import Foundation
import SQLKit
import WartaMail

/// What a mail is for; /admin and the logs group by it.
enum MailKind: String, Sendable, CaseIterable {
    case confirmation, digest, campaign, test
    case signIn = "sign-in"
}

/// Where one outbox row stands (issue 12): queued → sending → sent, or deferred (a 4xx: tried again later), failed
/// (a 5xx, or 3 days of 4xx) or suppressed (the address bounced hard or complained before).
enum OutboxState: String, Sendable, CaseIterable {
    case queued, sending, sent, deferred, failed, suppressed
}

/// One mail's content, shared by every recipient: stored once however many get it.
struct OutgoingMail: Sendable {
    var kind: MailKind
    var subject: String
    /// The plain-text part, written as text (not stripped HTML).
    var text: String
    var html: String?
    /// The newsletter list it is sent for. Each recipient's copy then carries List-Id and a one-click
    /// List-Unsubscribe for that list, and `OutgoingMail.unsubscribePlaceholder` / `preferencesPlaceholder` in the
    /// text and HTML become that recipient's links.
    var listSlug: String?
    var campaignID: UUID?

    static let unsubscribePlaceholder = "{{unsubscribe_url}}"
    static let preferencesPlaceholder = "{{preferences_url}}"
}

/// Who gets one copy.
struct MailRecipient: Sendable {
    var address: String
    var name: String?
    /// The newsletter subscriber this copy is for: needed for the preferences link.
    var subscriberID: UUID?
}

/// The outbox's writing side: mail is queued inside the transaction of the change that causes it, so a confirmation
/// exists exactly when its pending subscription does (CONTRACTS.md, "Background jobs"). `OutboxSender` sends it.
enum MailOutbox {
    enum Problem: Error, Equatable, CustomStringConvertible {
        case badRecipient(String)
        case badHeaderText

        var description: String {
            switch self {
            case .badRecipient(let address): "'\(address)' is not a mail address this site can send to"
            case .badHeaderText: "a subject or name must not contain line breaks"
            }
        }
    }

    /// Rows per INSERT: few enough bind values for SQLite, many enough that 100,000 recipients take seconds.
    static let insertBatch = 400

    /// Queues `mail` for every recipient in the caller's transaction `tx`; returns the outbox ids in order. From
    /// `runAt` (default now); with `perMinute` (a list's send rate) the rows are spread over the minutes after it.
    @discardableResult
    static func enqueue(
        _ mail: OutgoingMail, to recipients: [MailRecipient], world: World, runAt: Date? = nil, perMinute: Int? = nil,
        on tx: any Database
    ) async throws -> [UUID] {
        guard !mail.subject.contains(where: \.isNewline) else { throw Problem.badHeaderText }
        for recipient in recipients {
            guard (try? MailAddress(recipient.address)) != nil else { throw Problem.badRecipient(recipient.address) }
            if recipient.name?.contains(where: \.isNewline) == true { throw Problem.badHeaderText }
        }
        guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        let now = world.now()
        let bodyID = world.newID()
        try await sql.raw(
            """
            INSERT INTO mail_bodies (id, subject, text_body, html_body, list_slug, created_at)
            VALUES (\(bind: bodyID), \(bind: mail.subject), \(bind: mail.text), \(bind: mail.html),
              \(bind: mail.listSlug), \(bind: now))
            """
        ).run()
        var ids: [UUID] = []
        ids.reserveCapacity(recipients.count)
        for chunk in stride(from: 0, to: recipients.count, by: insertBatch) {
            let part = recipients[chunk..<min(chunk + insertBatch, recipients.count)]
            let rows = part.map { recipient in
                let id = world.newID()
                let minute = perMinute.map { $0 > 0 ? ids.count / $0 : 0 } ?? 0
                ids.append(id)
                let start = (runAt ?? now).addingTimeInterval(Double(minute) * 60)
                return SQLRaw.outboxRow(
                    id: id, bodyID: bodyID, mail: mail, recipient: recipient, runAt: start, now: now)
            }
            try await sql.raw(
                """
                INSERT INTO mail_outbox (id, body_id, kind, recipient, recipient_name, subscriber_id, campaign_id,
                  state, attempts, run_at, queued_at, updated_at)
                VALUES \(SQLList(rows))
                """
            ).run()
        }
        return ids
    }
}

extension SQLRaw {
    /// One `mail_outbox` row's values, queued.
    fileprivate static func outboxRow(
        id: UUID, bodyID: UUID, mail: OutgoingMail, recipient: MailRecipient, runAt: Date, now: Date
    ) -> any SQLExpression {
        SQLGroupExpression(
            SQLList([
                SQLBind(id), SQLBind(bodyID), SQLBind(mail.kind.rawValue), SQLBind(recipient.address),
                SQLBind(recipient.name), SQLBind(recipient.subscriberID), SQLBind(mail.campaignID),
                SQLBind(OutboxState.queued.rawValue), SQLLiteral.numeric("0"), SQLBind(runAt), SQLBind(now),
                SQLBind(now),
            ]))
    }
}
