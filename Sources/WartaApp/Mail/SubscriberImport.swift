import FluentKit
import Foundation
import SQLKit
import WartaMail

/// Imports subscribers from a CSV file (email, name, lists, consent_date; issue 12 build item 7). Nothing is
/// written until the whole file reads cleanly, unless the caller accepts skipping the bad rows; then every good
/// row goes in one transaction. Imported addresses count as confirmed (the newsroom vouches for their consent, the
/// date is kept); an address that unsubscribed from a list stays unsubscribed from it.
struct SubscriberImport: Sendable {
    let services: AppServices

    struct Outcome: Equatable, Sendable {
        var added = 0
        var updated = 0
        var keptUnsubscribed = 0
        var skipped = 0
    }

    enum Failure: Error, CustomStringConvertible {
        case problems([SubscriberCSV.Problem], fatal: Bool)
        case unknownLists([String])

        var description: String {
            switch self {
            case .problems(let problems, _): problems.map(\.description).joined(separator: "\n")
            case .unknownLists(let slugs): "unknown list(s): \(slugs.joined(separator: ", "))"
            }
        }
    }

    static let defaultLists = [NewsletterLists.daily]

    func run(_ bytes: [UInt8], skippingBadRows: Bool, knownLists: Set<String>) async throws -> Outcome {
        let report = SubscriberCSV.read(bytes, timeZone: services.site.timeZone)
        guard report.canImport else { throw Failure.problems(report.problems, fatal: true) }
        guard report.problems.isEmpty || skippingBadRows else { throw Failure.problems(report.problems, fatal: false) }
        let unknown = Set(report.rows.flatMap(\.lists)).subtracting(knownLists)
        guard unknown.isEmpty else { throw Failure.unknownLists(unknown.sorted()) }
        let (world, rows) = (services.world, report.rows)
        var outcome = try await services.database.write { tx in
            var outcome = Outcome()
            for row in rows { try await Self.put(row, world: world, outcome: &outcome, on: tx) }
            return outcome
        }
        outcome.skipped = Set(report.problems.map(\.line)).count
        return outcome
    }

    private static func put(_ row: SubscriberCSV.Row, world: World, outcome: inout Outcome, on tx: any Database)
        async throws
    {
        guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        let now = world.now()
        let email = Suppressions.key(row.address.description)
        let existing = try await sql.raw("SELECT id FROM newsletter_subscribers WHERE email = \(bind: email)").all()
        let id: UUID
        if let found = existing.first {
            id = try found.decode(column: "id", as: UUID.self)
            try await sql.raw(
                """
                UPDATE newsletter_subscribers SET confirmed_at = COALESCE(confirmed_at, \(bind: now)),
                  pending_until = NULL, name = COALESCE(name, \(bind: row.name)), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """
            ).run()
            outcome.updated += 1
        } else {
            id = world.newID()
            let consent = row.consentDate ?? now
            try await sql.raw(
                """
                INSERT INTO newsletter_subscribers (id, email, name, confirmed_at, consent_at, consent_source,
                  created_at, updated_at)
                VALUES (\(bind: id), \(bind: email), \(bind: row.name), \(bind: now), \(bind: consent), 'import',
                  \(bind: now), \(bind: now))
                """
            ).run()
            outcome.added += 1
        }
        for list in row.lists.isEmpty ? defaultLists : row.lists {
            let rows = try await sql.raw(
                """
                INSERT INTO newsletter_subscriptions (subscriber_id, list_slug, state, created_at, updated_at)
                VALUES (\(bind: id), \(bind: list), 'active', \(bind: now), \(bind: now))
                ON CONFLICT (subscriber_id, list_slug) DO UPDATE SET state = 'active', updated_at = excluded.updated_at
                  WHERE newsletter_subscriptions.state = 'pending'
                RETURNING state
                """
            ).all()
            if rows.isEmpty { outcome.keptUnsubscribed += try await isUnsubscribed(id, list, on: sql) ? 1 : 0 }
        }
    }

    private static func isUnsubscribed(_ id: UUID, _ list: String, on sql: any SQLDatabase) async throws -> Bool {
        let rows = try await sql.raw(
            """
            SELECT state FROM newsletter_subscriptions WHERE subscriber_id = \(bind: id) AND list_slug = \(bind: list)
            """
        ).all()
        return try rows.first?.decode(column: "state", as: String.self) == "unsubscribed"
    }
}

extension Commands {
    /// `warta newsletter import FILE [--skip-bad-rows]`: the report lines, or `FILE:LINE: message` failures.
    public static func importSubscribers(path: String, skippingBadRows: Bool, services: AppServices) async throws
        -> [String]
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): cannot read the file")
        }
        let known = Set(try await NewsletterLists.all(on: services.database.db).map(\.slug))
        do {
            let outcome = try await SubscriberImport(services: services).run(
                Array(data), skippingBadRows: skippingBadRows, knownLists: known)
            return [
                "imported \(outcome.added + outcome.updated) subscribers (\(outcome.added) new, \(outcome.updated) "
                    + "already known), \(outcome.keptUnsubscribed) kept unsubscribed, \(outcome.skipped) bad rows skipped"
            ]
        } catch let failure as SubscriberImport.Failure {
            switch failure {
            case .problems(let problems, let fatal):
                let lines = problems.map { "\(path):\($0.line): \($0.kind)" }
                let hint =
                    fatal
                    ? "nothing was imported" : "nothing was imported; run again with --skip-bad-rows to import the rest"
                throw Failure(description: (lines + [hint]).joined(separator: "\n"))
            case .unknownLists:
                throw Failure(description: "\(path): \(failure.description); nothing was imported")
            }
        }
    }
}
