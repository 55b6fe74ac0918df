import Foundation
import SQLKit
import Testing
import WartaMail

@testable import WartaApp

/// Subscriber CSV import: all or nothing unless bad rows are knowingly skipped; unsubscribes are kept.
@Suite struct SubscriberImportTests {
    static let known: Set<String> = ["harian", "breaking"]

    @Test("Imports good files whole, refuses bad ones, keeps unsubscribes", arguments: TestDatabase.allCases)
    func importsAllOrNothing(engine: TestDatabase) async throws {
        try await withServices(engine, world: TestWorld(at: OutboxTests.start)) { services in
            let importer = SubscriberImport(services: services)
            let ids = try await MailFeedbackTests.subscribe(["dodi@x.example"], services)
            try await services.database.write { tx in
                try await (tx as? any SQLDatabase)?.raw(
                    "UPDATE newsletter_subscriptions SET state = 'unsubscribed' WHERE subscriber_id = \(bind: ids[0]) AND list_slug = 'harian'"
                ).run()
            }
            let bad = "email,name,lists\nrina@x.example,Rina,harian\nnot-an-address,X,harian\n"
            await #expect(throws: SubscriberImport.Failure.self) {
                try await importer.run(Array(bad.utf8), skippingBadRows: false, knownLists: Self.known)
            }
            #expect(try await OutboxTests.count(services, "newsletter_subscribers") == 1, "nothing imported")
            let skipped = try await importer.run(Array(bad.utf8), skippingBadRows: true, knownLists: Self.known)
            #expect(skipped == .init(added: 1, updated: 0, keptUnsubscribed: 0, skipped: 1))

            let good =
                "email;name;lists;consent_date\nDodi@X.example;Dodi;harian|breaking;2024-05-01\nsari@x.example;;;\n"
            let outcome = try await importer.run(Array(good.utf8), skippingBadRows: false, knownLists: Self.known)
            #expect(outcome == .init(added: 1, updated: 1, keptUnsubscribed: 1, skipped: 0))
            let states = try await MailFeedbackTests.states(services)
            #expect(states["dodi@x.example"] == ["harian": "unsubscribed", "breaking": "active"])
            #expect(states["sari@x.example"] == ["harian": "active"])
            #expect(states["rina@x.example"] == ["harian": "active"])

            await #expect(throws: SubscriberImport.Failure.self) {
                try await importer.run(
                    Array("email,lists\na@x.example,sport\n".utf8), skippingBadRows: true,
                    knownLists: Self.known)
            }
            let latin1: [UInt8] = Array("email,name\nb@x.example,Jos".utf8) + [0xE9, 0x0A]
            await #expect(throws: SubscriberImport.Failure.self) {
                try await importer.run(latin1, skippingBadRows: true, knownLists: Self.known)
            }
            #expect(try await OutboxTests.count(services, "newsletter_subscribers") == 3)
        }
    }
}
