import Foundation
import SMTPTestSupport
import SQLKit
import Testing

@testable import WartaApp

/// `warta worker` killed with SIGKILL while it sends 1,000 newsletter copies to a real SMTP server, then started
/// again: every copy arrives, none is lost, and only the batch in flight at the kill arrives twice. Real processes
/// and a real clock: the slow tier.
@Suite(.serialized) struct OutboxCrashTests {
    @Test("A sender killed mid-run loses no mail and repeats at most its batch", arguments: TestDatabase.allCases)
    func killedSenderLosesNothing(database: TestDatabase) async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let recipients = (1...1000).map { MailRecipient(address: String(format: "r%04d@x.example", $0)) }
            _ = try await services.database.write { tx in
                try await MailOutbox.enqueue(OutboxTests.newsletter, to: recipients, world: .live, on: tx)
            }
            var environment = WorkerCrashTests.environment(for: services.config.database)
            environment["WARTA_SMTP_URL"] = "smtp://127.0.0.1:\(server.port)?starttls=off"

            let first = try WorkerCrashTests.startWorker(environment)
            try await ClusterTests.poll("300 messages to arrive") { server.receivedCount >= 300 }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            let atKill = server.receivedCount

            let second = try WorkerCrashTests.startWorker(environment)
            try await ClusterTests.poll("every message to be sent") {
                try await Self.count(services, "state = 'sent'") == 1000
            }
            second.terminate()
            second.waitUntilExit()
            #expect(second.terminationStatus == 0)

            let received = try server.received()
            let addresses = received.flatMap(\.rcptTos)
            #expect(Set(addresses) == Set(recipients.map(\.address)), "no message lost")
            #expect(addresses.count - 1000 <= OutboxSender.Options().batchSize, "only the batch in flight repeats")
            #expect(try await Self.count(services, "state <> 'sent'") == 0)
            print("outbox crash: \(atKill) received at the kill, \(addresses.count - 1000) sent twice")
        }
    }

    static func count(_ services: AppServices, _ condition: String) async throws -> Int {
        try await services.database.sql.raw(
            "SELECT COUNT(*) AS n FROM mail_outbox WHERE \(unsafeRaw: condition)"
        ).first(decoding: CountRow.self)?.n ?? 0
    }
}
