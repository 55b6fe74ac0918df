import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

extension NewsletterTests {
    /// `/newsletter/confirm`: GET shows a button, POST confirms; bad, used and expired links; the 7-day cleanup.
    @Suite struct ConfirmTests {
        @Test(
            "GET shows a button and confirms nothing; POST confirms, twice harmlessly", arguments: TestDatabase.allCases
        )
        func getShowsPostConfirms(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    _ = try await client.subscribe("rina@contoh.id")
                    let token = try #require(try await seed.outbox().first?.confirmToken)
                    let page = try await client.get("/newsletter/confirm?token=\(SitePath.queryEncoded(token))")
                    #expect(page.status == .ok)
                    #expect(page.text.contains("<form method=\"post\" action=\"/newsletter/confirm\">"))
                    #expect(page.text.contains("Ya, saya ingin berlangganan"))
                    #expect(try await seed.subscribers().first?.confirmedAt == nil, "a link scanner confirms nothing")
                    seed.world.advance(by: 3600)
                    let confirmed = try await client.postForm("/newsletter/confirm", [("token", token)])
                    #expect(confirmed.status == .ok)
                    #expect(confirmed.text.contains("Langganan aktif"))
                    let subscriber = try #require(try await seed.subscribers().first)
                    #expect(subscriber.confirmedAt == seed.world.now && subscriber.consentAt == seed.world.now)
                    #expect(subscriber.consentSource == "form" && subscriber.pendingUntil == nil)
                    #expect(try await seed.subscriptions(of: "rina@contoh.id") == ["harian": "active"])
                    let again = try await client.postForm("/newsletter/confirm", [("token", token)])
                    #expect(again.status == .ok && again.text == confirmed.text)
                    #expect(try await client.get("/newsletter/confirm?token=\(token)").text.contains("Langganan aktif"))
                    // Confirming sends no other mail (CONTRACTS.md).
                    #expect(try await seed.outbox().count == 1)
                }
            }
        }

        @Test("Unknown and expired links get a clear page, not a 500", arguments: TestDatabase.allCases)
        func badAndExpiredLinks(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    for token in ["", "nope", String(repeating: "x", count: 5000), "%00%0d%0a"] {
                        let shown = try await client.get("/newsletter/confirm?token=\(token)")
                        #expect(shown.status == .badRequest, "\(token.prefix(10))")
                        #expect(shown.text.contains("Tautan tidak berlaku"))
                        let posted = try await client.postForm("/newsletter/confirm", [("token", token)])
                        #expect(posted.status == .badRequest)
                    }
                    #expect(try await client.get("/newsletter/confirm").status == .badRequest)
                    _ = try await client.subscribe("rina@contoh.id")
                    let token = try #require(try await seed.outbox().first?.confirmToken)
                    seed.world.advance(by: 7 * 86_400 + 1)
                    let late = try await client.postForm("/newsletter/confirm", [("token", token)])
                    #expect(late.status == .gone)
                    #expect(late.text.contains("sudah kedaluwarsa"))
                    #expect(try await client.get("/newsletter/confirm?token=\(token)").status == .gone)
                    #expect(try await seed.subscribers().first?.confirmedAt == nil)
                }
            }
        }

        @Test("Addresses left unconfirmed for 7 days are removed by the cleanup", arguments: TestDatabase.allCases)
        func cleanupRemovesExpiredPending(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    try await seed.confirmedSubscriber("tetap@contoh.id", client: client)
                    _ = try await client.subscribe("lupa@contoh.id")
                    seed.world.advance(by: 6 * 86_400)
                    _ = try await JobWorker(services: seed.services).runDue()
                    #expect(try await seed.subscribers().count == 2)
                    seed.world.advance(by: 86_400 + 1)
                    _ = try await JobWorker(services: seed.services).runDue()
                    #expect(try await seed.subscribers().map(\.email) == ["tetap@contoh.id"])
                    #expect(try await seed.subscriptions(of: "lupa@contoh.id").isEmpty)
                    // Its old link now names nothing that can be confirmed.
                    let token = try #require(try await seed.outbox().last?.confirmToken)
                    #expect(try await client.postForm("/newsletter/confirm", [("token", token)]).status != .ok)
                }
            }
        }
    }
}
