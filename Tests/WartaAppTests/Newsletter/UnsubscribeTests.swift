import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

extension NewsletterTests {
    /// RFC 8058 one-click unsubscribe and the preferences page.
    @Suite struct UnsubscribeTests {
        /// A confirmed subscriber of `harian` and the digest mailed to them: the unsubscribe link's outbox row.
        func digestRow(_ seed: Seed, _ client: any TestClientProtocol) async throws -> QueuedMail {
            try await seed.article(slug: "banjir", publishedAt: "2025-03-03T08:00:00+07:00")
            try await seed.confirmedSubscriber("rina@contoh.id", client: client)
            _ = try await Commands.queueDigest(services: seed.services)
            return try #require(try await seed.outbox().first { $0.kind == "digest" })
        }

        @Test(
            "One-click POST without cookies from anywhere unsubscribes and answers 200",
            arguments: TestDatabase.allCases)
        func oneClick(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let row = try await digestRow(seed, client)
                    let token = try await NewsletterTokens(secret: seed.services.secret).unsubscribeToken(
                        outboxID: row.id)
                    let link = "/newsletter/unsubscribe?token=\(SitePath.queryEncoded(token))"
                    var headers = HTTPFields()
                    headers[.origin] = "https://mail.example.net"
                    headers[try #require(HTTPField.Name("Sec-Fetch-Site"))] = "cross-site"
                    let response = try await client.postBody(link, "List-Unsubscribe=One-Click", headers: headers)
                    #expect(response.status == .ok)
                    #expect(try await seed.subscriptions(of: "rina@contoh.id") == ["harian": "unsubscribed"])
                    let marked = try #require(try await seed.outbox().first { $0.id == row.id })
                    #expect(marked.unsubscribedAt == seed.world.now)
                    seed.world.advance(by: 60)
                    #expect(try await client.postBody(link, "List-Unsubscribe=One-Click").status == .ok)
                    #expect(try await seed.outbox().first { $0.id == row.id }?.unsubscribedAt == marked.unsubscribedAt)
                }
            }
        }

        @Test("GET shows a confirm page and changes nothing; its button works", arguments: TestDatabase.allCases)
        func getShowsPage(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let row = try await digestRow(seed, client)
                    let token = try await NewsletterTokens(secret: seed.services.secret).unsubscribeToken(
                        outboxID: row.id)
                    let page = try await client.get("/newsletter/unsubscribe?token=\(SitePath.queryEncoded(token))")
                    #expect(page.status == .ok)
                    #expect(page.text.contains("action=\"/newsletter/unsubscribe\""))
                    #expect(page.text.contains("name=\"List-Unsubscribe\" value=\"One-Click\""))
                    #expect(page.text.contains("Ringkasan harian"))
                    #expect(try await seed.subscriptions(of: "rina@contoh.id") == ["harian": "active"])
                    let button = try await client.postForm(
                        "/newsletter/unsubscribe", [("token", token), ("List-Unsubscribe", "One-Click")])
                    #expect(button.status == .ok)
                    #expect(button.text.contains("/newsletter/preferences?token="))
                    #expect(try await seed.subscriptions(of: "rina@contoh.id") == ["harian": "unsubscribed"])
                }
            }
        }

        @Test("A bad or forged unsubscribe token is a 400", arguments: TestDatabase.allCases)
        func badToken(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let forged = try await NewsletterTokens(
                        secret: SiteSecret(
                            database: seed.services.database, configured: String(repeating: "k", count: 40))
                    )
                    .unsubscribeToken(outboxID: UUID())
                    let unknownRow = try await NewsletterTokens(secret: seed.services.secret).unsubscribeToken(
                        outboxID: UUID())
                    for token in ["", "garbage", forged, unknownRow, String(repeating: "a", count: 4000)] {
                        let uri = "/newsletter/unsubscribe?token=\(SitePath.queryEncoded(token))"
                        #expect(try await client.get(uri).status == .badRequest)
                        let posted = try await client.postBody(uri, "List-Unsubscribe=One-Click")
                        #expect(posted.status == .badRequest)
                        #expect(posted.text.contains("Tautan tidak berlaku"))
                    }
                    #expect(try await client.postBody("/newsletter/unsubscribe", "%ff%fe").status == .badRequest)
                }
            }
        }

        @Test("Preferences show the lists and save ticks, or leave everything", arguments: TestDatabase.allCases)
        func preferences(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    try await seed.confirmedSubscriber("rina@contoh.id", client: client)
                    let id = try #require(try await seed.subscribers().first?.id)
                    let token = try await NewsletterTokens(secret: seed.services.secret).preferencesToken(
                        subscriberID: id)
                    let uri = "/newsletter/preferences?token=\(SitePath.queryEncoded(token))"
                    let page = try await client.get(uri)
                    #expect(page.status == .ok)
                    #expect(page.text.contains("rina@contoh.id"))
                    #expect(page.text.contains("name=\"list\" value=\"harian\" checked"))
                    #expect(page.text.contains("name=\"list\" value=\"breaking\">"))
                    let saved = try await client.postForm(
                        "/newsletter/preferences", [("token", token), ("list", "breaking"), ("list", "gosip")])
                    #expect(saved.status == .ok && saved.text.contains("Pengaturan disimpan."))
                    #expect(
                        try await seed.subscriptions(of: "rina@contoh.id") == [
                            "harian": "unsubscribed", "breaking": "active",
                        ])
                    var elsewhere = HTTPFields()
                    elsewhere[.origin] = "https://evil.example"
                    let forbidden = try await client.postForm(
                        "/newsletter/preferences", [("token", token), ("action", "leave-all")], headers: elsewhere)
                    #expect(forbidden.status == .forbidden)
                    let left = try await client.postForm(
                        "/newsletter/preferences", [("token", token), ("action", "leave-all")])
                    #expect(left.status == .ok)
                    #expect(
                        try await seed.subscriptions(of: "rina@contoh.id") == [
                            "harian": "unsubscribed", "breaking": "unsubscribed",
                        ])
                    #expect(try await client.get("/newsletter/preferences?token=nope").status == .badRequest)
                    #expect(
                        try await client.postForm("/newsletter/preferences", [("token", "nope")]).status == .badRequest)
                }
            }
        }
    }
}
