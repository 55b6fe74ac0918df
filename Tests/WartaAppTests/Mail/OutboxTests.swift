import FluentKit
import Foundation
import SMTPTestSupport
import SQLKit
import Testing
import WartaMail

@testable import WartaApp

/// The outbox end to end against a real SMTP server (aiosmtpd): signed newsletter copies with their own
/// unsubscribe links, and every message's final state after refusals, busy mailboxes and three days of retries.
@Suite struct OutboxTests {
    static let start = "2025-03-03T09:00:00+07:00"

    static func configure(_ server: SMTPTestServer) -> (inout AppConfig) -> Void {
        { config in
            config.smtpURL = "smtp://127.0.0.1:\(server.port)?starttls=off"
            config.siteURL = "https://warta.example"
            config.mailFrom = "Warta <redaksi@warta.example>"
        }
    }

    static let newsletter = OutgoingMail(
        kind: .digest, subject: "Ringkasan pagi",
        text: "Halo.\n\nBerhenti berlangganan: {{unsubscribe_url}}\nPengaturan: {{preferences_url}}\n",
        html: "<p>Halo.</p><p><a href=\"{{unsubscribe_url}}\">Berhenti</a></p>", listSlug: "harian")

    @Test(
        "A newsletter copy arrives signed with its own links; refused and busy addresses end as they should",
        arguments: TestDatabase.allCases)
    func deliversAndClassifies(engine: TestDatabase) async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let world = TestWorld(at: Self.start)
        try await withTestServices(engine, world: world, configure: Self.configure(server)) { services in
            let record = try await Self.dkimRecord(services)
            let subscriber = UUID()
            let recipients = [
                MailRecipient(address: "rina@x.example", name: "Rina Ayu", subscriberID: subscriber),
                MailRecipient(address: "refuse@x.example"), MailRecipient(address: "later@x.example"),
            ]
            let ids = try await services.database.write { tx in
                try await MailOutbox.enqueue(Self.newsletter, to: recipients, world: services.world, on: tx)
            }
            let sender = OutboxSender(services: services)
            let tried = try await sender.sendDue()
            #expect(tried == 3)

            let received = try server.received()
            try #require(received.count == 1)
            let message = received[0]
            #expect(message.rcptTos == ["rina@x.example"])
            #expect(message.mailFrom.hasPrefix("bounces+") && message.mailFrom.hasSuffix("@warta.example"))
            let verp = try await ReturnPath.make(
                from: try MailAddress("redaksi@warta.example"), secret: services.secret)
            #expect(verp.verp.messageID(from: message.mailFrom) == VERPAddress.messageID(for: ids[0]))
            let bytes = Array(message.data.utf8)
            #expect(try PythonCheck.dkimVerifies(bytes, record: record, selector: "s1"))
            let headers = Self.unfoldedHeaders(message.data)
            #expect(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            #expect(headers.contains("List-Id: <harian.warta.example>"))
            let unsubscribe = try #require(headers.first { $0.hasPrefix("List-Unsubscribe: <https://") })
            #expect(unsubscribe.contains("https://warta.example/newsletter/unsubscribe?token="))
            #expect(unsubscribe.contains("<mailto:"))
            #expect(!message.data.contains("{{"))
            let token = try #require(Self.token(in: unsubscribe))
            let tokens = NewsletterTokens(secret: services.secret)
            #expect(try await tokens.outboxID(fromUnsubscribeToken: token) == ids[0])
            #expect(try await tokens.outboxID(fromUnsubscribeToken: token + "x") == nil)
            let parsed = try PythonCheck.parse(bytes)
            let parts = try #require(parsed["parts"] as? [[String]])
            #expect(parts.map { $0[0] } == ["text/plain", "text/html"])
            #expect(parts[0][1].contains("https://warta.example/newsletter/preferences?token="))

            #expect(
                try await Self.states(services) == [
                    "later@x.example": "deferred", "refuse@x.example": "failed", "rina@x.example": "sent",
                ])
            #expect(try await Self.suppressed(services) == ["refuse@x.example"])

            // The busy mailbox is tried after about 1 min, then 5 min, …, and given up after three days.
            world.advance(by: 61)
            #expect(try await sender.sendDue() == 1)
            #expect(try await Self.states(services)["later@x.example"] == "deferred")
            for _ in 0..<12 {
                world.advance(by: 12 * 3600)
                try await sender.sendDue()
            }
            let last = try await Self.row(services, "later@x.example")
            #expect(last.state == "failed")
            #expect(last.error?.hasPrefix("gave up after 3 days") == true)
            #expect(server.receivedCount == 1)
        }
    }

    @Test("Suppressed addresses are not mailed; with no server configured mail waits", arguments: TestDatabase.allCases)
    func suppressionAndNoServer(engine: TestDatabase) async throws {
        let world = TestWorld(at: Self.start)
        try await withServices(engine, world: world) { services in
            try await services.database.write { tx in
                try await Suppressions.add(
                    "Gone@X.example", reason: .complaint, detail: nil, now: services.world.now(), on: tx)
                try await MailOutbox.enqueue(
                    Self.newsletter,
                    to: [MailRecipient(address: "gone@x.example"), MailRecipient(address: "a@x.example")],
                    world: services.world, on: tx)
            }
            try await OutboxSender(services: services).sendDue()
            #expect(try await Self.states(services) == ["a@x.example": "deferred", "gone@x.example": "suppressed"])
            let waiting = try await Self.row(services, "a@x.example")
            #expect(waiting.error?.contains("no SMTP server is configured") == true)
        }
    }

    @Test("Finished one-off mail goes after 30 days; campaign rows stay", arguments: TestDatabase.allCases)
    func oldOneOffMailIsRemoved(engine: TestDatabase) async throws {
        let world = TestWorld(at: Self.start)
        try await withServices(engine, world: world) { services in
            let confirmation = OutgoingMail(kind: .confirmation, subject: "Konfirmasi", text: "https://x/confirm")
            let campaign = OutgoingMail(kind: .campaign, subject: "Kabar", text: "Isi", listSlug: "harian")
            try await services.database.write { tx in
                let one = [MailRecipient(address: "a@x.example")]
                try await MailOutbox.enqueue(confirmation, to: one, world: services.world, on: tx)
                try await MailOutbox.enqueue(campaign, to: one, world: services.world, on: tx)
                try await (tx as? any SQLDatabase)?.raw("UPDATE mail_outbox SET state = 'sent'").run()
            }
            let store = OutboxStore(database: services.database, world: services.world)
            try await store.removeOld()
            #expect(try await Self.count(services, "mail_outbox") == 2, "not yet 30 days")
            world.advance(by: 31 * 86_400)
            try await store.removeOld()
            #expect(try await Self.count(services, "mail_outbox") == 1)
            #expect(try await Self.count(services, "mail_bodies") == 1)
        }
    }

    static func count(_ services: AppServices, _ table: String) async throws -> Int {
        try await services.database.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(
            decoding: CountRow.self)?
            .n ?? 0
    }

    @Test func badInputIsRefusedBeforeQueueing() async throws {
        try await withServices(.sqlite, world: TestWorld(at: Self.start)) { services in
            for (mail, address) in [
                (Self.newsletter, "no-at-sign"), (Self.newsletter, "a@x.example\r\nBcc: all@x.example"),
                (OutgoingMail(kind: .test, subject: "Hi\r\nBcc: all@x.example", text: "x"), "a@x.example"),
            ] {
                await #expect(throws: MailOutbox.Problem.self) {
                    try await services.database.write { tx in
                        try await MailOutbox.enqueue(
                            mail, to: [MailRecipient(address: address)], world: services.world, on: tx)
                    }
                }
            }
            let injected = MailRecipient(address: "a@x.example", name: "Rina\nBcc: all@x.example")
            await #expect(throws: MailOutbox.Problem.badHeaderText) {
                try await services.database.write { tx in
                    try await MailOutbox.enqueue(Self.newsletter, to: [injected], world: services.world, on: tx)
                }
            }
            let states = try await Self.states(services)
            #expect(states.isEmpty)
        }
    }

    // MARK: helpers

    static func dkimRecord(_ services: AppServices) async throws -> String {
        let line = try await DKIMKeyStore(database: services.database).generate(selector: "s1", algorithm: .ed25519)
        let parts = line.split(separator: "\"")
        return String(parts[1])
    }

    static func unfoldedHeaders(_ data: String) -> [String] {
        let normalized = data.replacingOccurrences(of: "\r\n", with: "\n")
        let head = normalized.components(separatedBy: "\n\n").first ?? ""
        return head.replacingOccurrences(of: "\n ", with: " ").replacingOccurrences(of: "\n\t", with: " ")
            .components(separatedBy: "\n")
    }

    static func token(in header: String) -> String? {
        guard let range = header.range(of: "token=") else { return nil }
        return String(header[range.upperBound...].prefix { $0 != ">" }).removingPercentEncoding
    }

    static func states(_ services: AppServices) async throws -> [String: String] {
        let rows = try await services.database.sql.raw("SELECT recipient, state FROM mail_outbox").all()
        var states: [String: String] = [:]
        for row in rows {
            states[try row.decode(column: "recipient", as: String.self)] = try row.decode(
                column: "state", as: String.self)
        }
        return states
    }

    static func row(_ services: AppServices, _ recipient: String) async throws -> (state: String, error: String?) {
        let rows = try await services.database.sql.raw(
            "SELECT state, last_error FROM mail_outbox WHERE recipient = \(bind: recipient)"
        ).all()
        let row = try #require(rows.first)
        return (
            try row.decode(column: "state", as: String.self), try row.decode(column: "last_error", as: String?.self)
        )
    }

    static func suppressed(_ services: AppServices) async throws -> [String] {
        try await services.database.sql.raw("SELECT address FROM mail_suppressions ORDER BY address").all()
            .map { try $0.decode(column: "address", as: String.self) }
    }
}

extension SMTPTestServer {
    /// Messages accepted so far (files only counted, not read).
    var receivedCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.count
    }
}
