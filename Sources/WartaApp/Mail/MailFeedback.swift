import FluentKit
import Foundation
import SQLKit
import WartaMail

/// `warta mail feedback FILE|-`: reads bounces (DSN) and complaints (ARF) and acts on the outbox messages they
/// name. Only a report whose message id carries our VERP tag changes anything: anyone can write a bounce, and an
/// untagged one naming `someone@example.org` must not take her off the list. A hard bounce or a complaint
/// suppresses the message's recipient (a complaint also unsubscribes her from every list); soft bounces suppress
/// after `Suppressions.softBounceLimit` in a row. A plain mail to a VERP address with the subject `unsubscribe`
/// (the List-Unsubscribe mailto) unsubscribes from that message's list.
struct MailFeedback: Sendable {
    let services: AppServices

    struct Summary: Equatable, Sendable {
        var messages = 0
        var hardBounces = 0
        var softBounces = 0
        var complaints = 0
        var unsubscribes = 0
        var ignored = 0

        var line: String {
            "read \(messages) message\(messages == 1 ? "" : "s"): \(hardBounces) hard bounces, \(softBounces) soft "
                + "bounces, \(complaints) complaints, \(unsubscribes) unsubscribes, \(ignored) ignored"
        }
    }

    /// Reads every message from `path` (`-`: `stdin`); returns one line per action and the summary.
    func read(path: String, stdin: () -> [UInt8]) async throws -> (lines: [String], summary: Summary) {
        let messages: [MailboxMessage]
        if path == "-" {
            messages = MailboxSource.messages(in: stdin())
        } else {
            do {
                messages = try MailboxSource.messages(atPath: path)
            } catch {
                throw Commands.Failure(description: error.description)
            }
        }
        let from = try await MailSettings.load(config: services.config, site: services.site, on: services.database.db)
        let verp = try await ReturnPath.make(from: from.from.address, secret: services.secret).verp
        let reader = FeedbackReader(verp: verp)
        var lines: [String] = []
        var summary = Summary(messages: messages.count)
        for message in messages {
            let events = reader.read(message.bytes).events
            if events.isEmpty {
                if let line = try await unsubscribeRequest(message.bytes, verp: verp) {
                    summary.unsubscribes += 1
                    lines.append(line)
                } else {
                    summary.ignored += 1
                }
                continue
            }
            for event in events {
                lines.append(try await apply(event, origin: message.origin, summary: &summary))
            }
        }
        return (lines, summary)
    }

    private func apply(_ event: FeedbackEvent, origin: String, summary: inout Summary) async throws -> String {
        guard event.messageIDIsVerified, let id = event.messageID.flatMap(VERPAddress.uuid(fromMessageID:)),
            let row = try await outboxRow(id)
        else {
            summary.ignored += 1
            return "\(origin): ignored a \(event.kind.rawValue) that names no message of ours"
        }
        let now = services.world.now()
        let detail = [event.status, event.diagnostic].compactMap { $0 }.joined(separator: " ")
        switch event.kind {
        case .hardBounce:
            summary.hardBounces += 1
            try await services.database.write { tx in
                try await Suppressions.add(row.recipient, reason: .hardBounce, detail: detail, now: now, on: tx)
            }
            return "suppressed \(row.recipient): hard bounce \(event.status ?? "")"
        case .softBounce:
            summary.softBounces += 1
            let suppressed = try await services.database.write { tx in
                try await Suppressions.addSoftBounce(row.recipient, detail: detail, now: now, on: tx)
            }
            return suppressed
                ? "suppressed \(row.recipient): \(Suppressions.softBounceLimit) soft bounces in a row"
                : "soft bounce for \(row.recipient) \(event.status ?? "")"
        case .complaint:
            summary.complaints += 1
            try await services.database.write { tx in
                try await Suppressions.add(row.recipient, reason: .complaint, detail: detail, now: now, on: tx)
                try await Self.unsubscribeEverywhere(row, now: now, on: tx)
            }
            return "suppressed \(row.recipient): complaint, unsubscribed from every list"
        }
    }

    struct Row: Sendable {
        let id: UUID
        let recipient: String
        let subscriberID: UUID?
        let listSlug: String?
    }

    private func outboxRow(_ id: UUID) async throws -> Row? {
        let rows = try await services.database.sql.raw(
            """
            SELECT o.recipient, o.subscriber_id, b.list_slug FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id
            WHERE o.id = \(bind: id)
            """
        ).all()
        guard let row = rows.first else { return nil }
        return Row(
            id: id, recipient: try row.decode(column: "recipient", as: String.self),
            subscriberID: try row.decode(column: "subscriber_id", as: UUID?.self),
            listSlug: try row.decode(column: "list_slug", as: String?.self))
    }

    static func unsubscribeEverywhere(_ row: Row, now: Date, on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase, let subscriber = row.subscriberID else { return }
        try await sql.raw(
            """
            UPDATE newsletter_subscriptions SET state = 'unsubscribed', updated_at = \(bind: now)
            WHERE subscriber_id = \(bind: subscriber) AND state <> 'unsubscribed'
            """
        ).run()
        try await sql.raw(
            "UPDATE mail_outbox SET unsubscribed_at = \(bind: now) WHERE id = \(bind: row.id) AND unsubscribed_at IS NULL"
        ).run()
    }

    /// The List-Unsubscribe mailto: a mail to a VERP address whose subject starts with "unsubscribe".
    private func unsubscribeRequest(_ bytes: [UInt8], verp: VERPAddress) async throws -> String? {
        let head = Self.headerFields(bytes)
        guard head["subject"]?.lowercased().hasPrefix("unsubscribe") == true else { return nil }
        let candidates = (head["to"] ?? "") + "," + (head["delivered-to"] ?? "") + "," + (head["x-original-to"] ?? "")
        for part in candidates.split(whereSeparator: { ",<> \t".contains($0) }) {
            guard let messageID = verp.messageID(from: String(part)),
                let id = VERPAddress.uuid(fromMessageID: messageID),
                let row = try await outboxRow(id), let subscriber = row.subscriberID, let list = row.listSlug
            else { continue }
            let now = services.world.now()
            try await services.database.write { tx in
                guard let sql = tx as? any SQLDatabase else { return }
                try await sql.raw(
                    """
                    UPDATE newsletter_subscriptions SET state = 'unsubscribed', updated_at = \(bind: now)
                    WHERE subscriber_id = \(bind: subscriber) AND list_slug = \(bind: list)
                    """
                ).run()
                try await sql.raw(
                    "UPDATE mail_outbox SET unsubscribed_at = \(bind: now) WHERE id = \(bind: id) AND unsubscribed_at IS NULL"
                ).run()
            }
            return "unsubscribed \(row.recipient) from \(list) (mailto)"
        }
        return nil
    }

    /// The header block's fields by lower-cased name, unfolded (first occurrence wins), up to 64 KB.
    static func headerFields(_ bytes: [UInt8]) -> [String: String] {
        let text = String(decoding: bytes.prefix(65_536), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let head = text.components(separatedBy: "\n\n").first ?? ""
        var fields: [String: String] = [:]
        for line in head.replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
            .split(separator: "\n")
        {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            if fields[name] == nil {
                fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return fields
    }
}

extension Commands {
    /// `warta mail feedback FILE|-`: the lines to print, the summary last.
    public static func mailFeedback(path: String, services: AppServices) async throws -> [String] {
        let result = try await MailFeedback(services: services).read(path: path) {
            Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        return result.lines + [result.summary.line]
    }
}
