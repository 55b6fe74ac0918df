import Foundation
import SQLKit
import Testing
import WartaMail

@testable import WartaApp

/// `warta mail feedback`: bounces and complaints sent back to a message's VERP address suppress its recipient;
/// forged ones change nothing; the List-Unsubscribe mailto unsubscribes.
@Suite struct MailFeedbackTests {
    @Test("Bounces, complaints and mailto unsubscribes act on the message they name", arguments: TestDatabase.allCases)
    func actsOnVerifiedReports(engine: TestDatabase) async throws {
        let world = TestWorld(at: OutboxTests.start)
        try await withTestServices(engine, world: world, configure: { $0.mailFrom = "Warta <redaksi@warta.example>" }) {
            services in
            let people = ["rina@x.example", "dodi@x.example", "sari@x.example", "tono@x.example"]
            let subscribers = try await Self.subscribe(people, services)
            let ids = try await services.database.write { tx in
                try await MailOutbox.enqueue(
                    OutboxTests.newsletter,
                    to: zip(people, subscribers).map { MailRecipient(address: $0, subscriberID: $1) },
                    world: services.world, on: tx)
            }
            let path = try await ReturnPath.make(
                from: try MailAddress("redaksi@warta.example"), secret: services.secret)
            let verp = { (index: Int) in path.address(for: ids[index]).description }
            let forged = "bounces+\(VERPAddress.messageID(for: ids[3]))-aaaaaaaaaa@warta.example"
            let input = [
                Self.dsn(to: verp(0), recipient: "rina@x.example", status: "5.1.1", action: "failed"),
                Self.arf(to: verp(1), recipient: "dodi@x.example"),
                "To: <\(verp(2))>\r\nFrom: sari@x.example\r\nSubject: unsubscribe\r\n\r\nplease\r\n",
                Self.dsn(to: forged, recipient: "tono@x.example", status: "5.1.1", action: "failed"),
                Self.dsn(to: verp(3), recipient: "tono@x.example", status: "4.2.2", action: "delayed"),
                "From: a@b.example\r\nSubject: hello\r\n\r\njust mail\r\n",
            ].map { "From MAILER-DAEMON Mon Mar  3 09:00:00 2025\n" + $0.replacingOccurrences(of: "\r\n", with: "\n") }
                .joined(separator: "\n")
            let result = try await MailFeedback(services: services).read(path: "-") { Array(input.utf8) }
            #expect(
                result.summary
                    == .init(
                        messages: 6, hardBounces: 1, softBounces: 1, complaints: 1, unsubscribes: 1, ignored: 2),
                "\(result.lines)")
            #expect(try await OutboxTests.suppressed(services) == ["dodi@x.example", "rina@x.example"])
            #expect(
                try await Self.states(services) == [
                    "dodi@x.example": ["harian": "unsubscribed", "breaking": "unsubscribed"],
                    "rina@x.example": ["harian": "active", "breaking": "active"],
                    "sari@x.example": ["harian": "unsubscribed", "breaking": "active"],
                    "tono@x.example": ["harian": "active", "breaking": "active"],
                ])
            // Four more soft bounces in a row suppress tono.
            for _ in 0..<4 {
                let delayed = Self.dsn(to: verp(3), recipient: "tono@x.example", status: "4.2.2", action: "delayed")
                _ = try await MailFeedback(services: services).read(path: "-") { Array(delayed.utf8) }
            }
            #expect(try await OutboxTests.suppressed(services).contains("tono@x.example"))
        }
    }

    @Test func unreadableSourceExits1() throws {
        let cli = CommandLineTests()
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let env = ["WARTA_SQLITE_PATH": folder.appendingPathComponent("w.sqlite").path]
        let missing = try cli.run(["mail", "feedback", "/nonexistent/mbox"], environment: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("warta: "))
        let file = folder.appendingPathComponent("junk.eml")
        try Data([0xFF, 0x00, 0x13, 0x37]).write(to: file)
        let junk = try cli.run(["mail", "feedback", file.path], environment: env)
        #expect(junk.status == 0, "\(junk.stderr)")
        #expect(junk.stdout.hasSuffix("0 unsubscribes, 1 ignored\n"))
    }

    static func subscribe(_ addresses: [String], _ services: AppServices) async throws -> [UUID] {
        let now = services.world.now()
        return try await services.database.write { tx in
            guard let sql = tx as? any SQLDatabase else { return [] }
            var ids: [UUID] = []
            for address in addresses {
                let id = services.world.newID()
                ids.append(id)
                try await sql.raw(
                    """
                    INSERT INTO newsletter_subscribers (id, email, confirmed_at, consent_source, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: address), \(bind: now), 'form', \(bind: now), \(bind: now))
                    """
                ).run()
                for list in ["harian", "breaking"] {
                    try await sql.raw(
                        """
                        INSERT INTO newsletter_subscriptions (subscriber_id, list_slug, state, created_at, updated_at)
                        VALUES (\(bind: id), \(bind: list), 'active', \(bind: now), \(bind: now))
                        """
                    ).run()
                }
            }
            return ids
        }
    }

    static func states(_ services: AppServices) async throws -> [String: [String: String]] {
        let rows = try await services.database.sql.raw(
            """
            SELECT s.email, n.list_slug, n.state FROM newsletter_subscriptions n
            JOIN newsletter_subscribers s ON s.id = n.subscriber_id
            """
        ).all()
        var states: [String: [String: String]] = [:]
        for row in rows {
            let email = try row.decode(column: "email", as: String.self)
            states[email, default: [:]][try row.decode(column: "list_slug", as: String.self)] = try row.decode(
                column: "state", as: String.self)
        }
        return states
    }

    static func dsn(to verp: String, recipient: String, status: String, action: String) -> String {
        """
        From: MAILER-DAEMON@mx.x.example\r
        To: \(verp)\r
        Subject: Undelivered Mail Returned to Sender\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r
        \r
        --B1\r
        Content-Type: text/plain\r
        \r
        Your message could not be delivered.\r
        --B1\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.x.example\r
        \r
        Final-Recipient: rfc822; \(recipient)\r
        Action: \(action)\r
        Status: \(status)\r
        Diagnostic-Code: smtp; 550 \(status) mailbox trouble\r
        --B1--\r

        """
    }

    static func arf(to verp: String, recipient: String) -> String {
        """
        From: abuse@isp.example\r
        To: \(verp)\r
        Subject: Spam report\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=feedback-report; boundary="F1"\r
        \r
        --F1\r
        Content-Type: text/plain\r
        \r
        A user marked this message as spam.\r
        --F1\r
        Content-Type: message/feedback-report\r
        \r
        Feedback-Type: abuse\r
        User-Agent: isp-fbl/1.0\r
        Version: 1\r
        Original-Rcpt-To: <\(recipient)>\r
        --F1\r
        Content-Type: text/rfc822-headers\r
        \r
        From: Warta <redaksi@warta.example>\r
        To: \(recipient)\r
        Subject: Ringkasan pagi\r
        --F1--\r

        """
    }
}
