import Foundation
import SQLKit

/// One subscriber with the lists it is on, as the subscribers screen and the CSV export show it.
struct SubscriberRow: Sendable, Equatable {
    let id: UUID
    let email: String
    let name: String
    let consentAt: Date?
    let confirmedAt: Date?
    /// List slug → subscription state (`pending`, `active`, `unsubscribed`), in slug order.
    var subscriptions: [(list: String, state: String)] = []

    /// Active on some list; else pending while unconfirmed or a confirmation is awaited; else unsubscribed.
    var status: String {
        if subscriptions.contains(where: { $0.state == "active" }) { return "active" }
        if confirmedAt == nil || subscriptions.contains(where: { $0.state == "pending" }) { return "pending" }
        return "unsubscribed"
    }

    /// The lists it is on or waiting to confirm (what an import of this row would subscribe it to).
    var lists: [String] { subscriptions.filter { $0.state != "unsubscribed" }.map(\.list) }

    static func == (lhs: SubscriberRow, rhs: SubscriberRow) -> Bool {
        lhs.id == rhs.id && lhs.email == rhs.email && lhs.name == rhs.name && lhs.consentAt == rhs.consentAt
            && lhs.confirmedAt == rhs.confirmedAt && lhs.subscriptions.map(\.list) == rhs.subscriptions.map(\.list)
            && lhs.subscriptions.map(\.state) == rhs.subscriptions.map(\.state)
    }
}

/// The subscribers screen's reads and its one write (removing a subscriber).
struct SubscriberStore: Sendable {
    let database: WartaDatabase
    static let pageSize = 50

    /// Subscriptions per list and state.
    func counts() async throws -> [String: [String: Int]] {
        let rows = try await database.sql.raw(
            "SELECT list_slug, state, COUNT(*) AS n FROM newsletter_subscriptions GROUP BY list_slug, state"
        ).all()
        var counts: [String: [String: Int]] = [:]
        for row in rows {
            let list = try row.decode(column: "list_slug", as: String.self)
            let state = try row.decode(column: "state", as: String.self)
            counts[list, default: [:]][state] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// One page by address, optionally those whose address contains `search`.
    func page(_ page: Int, search: String) async throws -> (rows: [SubscriberRow], hasMore: Bool) {
        let filter: SQLQueryString = search.isEmpty ? "" : "WHERE " + database.contains("email", search)
        let rows = try await subscribers(
            "\(filter) ORDER BY email LIMIT \(bind: Self.pageSize + 1) OFFSET \(bind: (page - 1) * Self.pageSize)")
        return (Array(rows.prefix(Self.pageSize)), rows.count > Self.pageSize)
    }

    /// Every subscriber, by address, for the export.
    func all() async throws -> [SubscriberRow] {
        try await subscribers("ORDER BY email")
    }

    private func subscribers(_ clause: SQLQueryString) async throws -> [SubscriberRow] {
        let sql = try database.sql
        var rows = try await sql.raw(
            "SELECT id, email, name, consent_at, confirmed_at FROM newsletter_subscribers \(clause)"
        ).all().map { row in
            SubscriberRow(
                id: try row.decode(column: "id"), email: try row.decode(column: "email"),
                name: try row.decode(column: "name", as: String?.self) ?? "",
                consentAt: try row.decode(column: "consent_at", as: Date?.self),
                confirmedAt: try row.decode(column: "confirmed_at", as: Date?.self))
        }
        guard !rows.isEmpty else { return [] }
        // One read for the page's subscriptions; the export reads them all, ordered, in one pass as well.
        let ids = rows.map(\.id)
        let filter: SQLQueryString =
            ids.count <= Self.pageSize + 1 ? "WHERE subscriber_id IN (\(binds: ids))" : ""
        var byID: [UUID: [(list: String, state: String)]] = [:]
        let subscriptions = try await sql.raw(
            "SELECT subscriber_id, list_slug, state FROM newsletter_subscriptions \(filter) ORDER BY list_slug"
        ).all()
        for row in subscriptions {
            let id = try row.decode(column: "subscriber_id", as: UUID.self)
            let list = try row.decode(column: "list_slug", as: String.self)
            byID[id, default: []].append((list: list, state: try row.decode(column: "state", as: String.self)))
        }
        for index in rows.indices { rows[index].subscriptions = byID[rows[index].id] ?? [] }
        return rows
    }

    /// Removes a subscriber, its subscriptions and the mail still waiting for it; false when there was none.
    func remove(_ id: UUID) async throws -> Bool {
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let waiting = [OutboxState.queued.rawValue, OutboxState.deferred.rawValue]
            try await sql.raw(
                "DELETE FROM mail_outbox WHERE subscriber_id = \(bind: id) AND state IN (\(binds: waiting))"
            ).run()
            try await sql.raw("DELETE FROM newsletter_subscriptions WHERE subscriber_id = \(bind: id)").run()
            let deleted = try await sql.raw(
                "DELETE FROM newsletter_subscribers WHERE id = \(bind: id) RETURNING id"
            ).all()
            return !deleted.isEmpty
        }
    }
}
