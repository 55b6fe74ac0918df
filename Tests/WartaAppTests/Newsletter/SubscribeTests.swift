import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import WartaApp

extension NewsletterTests {
    /// POST /newsletter: the article page's box, double opt-in, no enumeration, same-site check, honeypot, limits.
    @Suite struct SubscribeTests {
        @Test("The article page carries the subscribe box", arguments: TestDatabase.allCases)
        func articlePageHasTheBox(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await seed.article(slug: "banjir-surut")
                try await app.test(.router) { client in
                    let page = try await client.get("/2015/10/banjir-surut").text
                    #expect(page.contains("<h2 id=\"newsletter-heading\">Berlangganan Email</h2>"))
                    #expect(page.contains("Dapatkan newsletter, kami kirimkan ke email anda"))
                    #expect(page.contains("<form method=\"post\" action=\"/newsletter\">"))
                    #expect(page.contains("type=\"email\" name=\"email\""))
                    #expect(page.contains("name=\"website\""), "the honeypot")
                    #expect(!page.contains("csrf"), "no per-visitor token on a cached page")
                    let own = try await client.get("/newsletter")
                    #expect(own.status == .ok && own.text.contains("<form method=\"post\" action=\"/newsletter\">"))
                    var english = HTTPFields()
                    english[.acceptLanguage] = "en"
                    #expect(
                        try await client.get("/2015/10/banjir-surut", headers: english).text.contains(
                            "Email newsletter"))
                }
            }
        }

        @Test("Subscribing stores a pending subscriber and queues one confirmation", arguments: TestDatabase.allCases)
        func subscribeQueuesConfirmation(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let response = try await client.subscribe("  Rina@Contoh.ID ")
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Periksa email Anda"))
                    #expect(response.headers[.cacheControl] == "no-store")
                }
                let subscriber = try #require(try await seed.subscribers().first)
                #expect(subscriber.email == "rina@contoh.id")
                #expect(subscriber.confirmedAt == nil)
                #expect(subscriber.pendingUntil == seed.world.now.addingTimeInterval(7 * 86_400))
                #expect(try await seed.subscriptions(of: "rina@contoh.id") == ["harian": "pending"])
                let mails = try await seed.outbox()
                #expect(mails.count == 1)
                let mail = try #require(mails.first)
                #expect(mail.kind == "confirmation" && mail.recipient == "rina@contoh.id" && mail.listSlug == nil)
                #expect(mail.subscriberID == subscriber.id)
                let token = try #require(mail.confirmToken)
                #expect(mail.text.contains("http://127.0.0.1:8080/newsletter/confirm?token="))
                #expect(mail.html?.contains("/newsletter/confirm?token=\(token)") == true)
                // Only the token's hash is stored.
                let stored = try await seed.services.database.sql.raw("SELECT token_hash FROM one_time_tokens").all()
                #expect(
                    try stored.map { try $0.decode(column: "token_hash", as: String.self) } == [
                        TokenHash.sha256Hex(token)
                    ])
            }
        }

        @Test(
            "New, pending, confirmed and unsubscribed addresses get the same answer", arguments: TestDatabase.allCases)
        func noEnumeration(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let new = try await client.subscribe("baru@contoh.id")
                    let pending = try await client.subscribe("baru@contoh.id")
                    try await seed.confirmedSubscriber("tetap@contoh.id", client: client)
                    let confirmed = try await client.subscribe("tetap@contoh.id")
                    try await seed.confirmedSubscriber("pergi@contoh.id", client: client)
                    let leaver = try #require(try await seed.subscribers().first { $0.email == "pergi@contoh.id" })
                    try await SubscriptionStore(database: seed.services.database, world: seed.services.world)
                        .unsubscribeEverywhere(leaver.id)
                    seed.world.advance(by: 61)
                    let unsubscribed = try await client.subscribe("pergi@contoh.id")
                    let answers = [new, pending, confirmed, unsubscribed]
                    #expect(Set(answers.map(\.status)) == [.ok])
                    #expect(Set(answers.map(\.text)).count == 1)
                    // A confirmed address already on the list gets no further mail; one that left confirms again.
                    let mails = try await seed.outbox()
                    #expect(mails.filter { $0.recipient == "tetap@contoh.id" }.count == 1)
                    #expect(mails.filter { $0.recipient == "baru@contoh.id" }.count == 2)
                    #expect(mails.filter { $0.recipient == "pergi@contoh.id" }.count == 2)
                    #expect(try await seed.subscriptions(of: "pergi@contoh.id") == ["harian": "pending"])
                }
            }
        }

        @Test("A POST naming another site is refused; this site and no Origin pass", arguments: TestDatabase.allCases)
        func sameSiteCheck(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    for (name, value) in [
                        ("Origin", "https://evil.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"),
                        ("Origin", "http://127.0.0.1:8081"),
                    ] {
                        var headers = HTTPFields()
                        headers[try #require(HTTPField.Name(name))] = value
                        let response = try await client.subscribe("rina@contoh.id", headers: headers)
                        #expect(response.status == .forbidden, "\(name): \(value)")
                        #expect(response.text.contains("Akses ditolak"))
                    }
                    #expect(try await seed.count("newsletter_subscribers") == 0)
                    #expect(try await seed.count("mail_outbox") == 0)
                    var own = HTTPFields()
                    own[.origin] = "http://127.0.0.1:8080"
                    own[try #require(HTTPField.Name("Sec-Fetch-Site"))] = "same-origin"
                    #expect(try await client.subscribe("a@contoh.id", headers: own).status == .ok)
                    var https = HTTPFields()
                    https[try #require(HTTPField.Name("Sec-Fetch-Site"))] = "none"
                    #expect(try await client.subscribe("b@contoh.id", headers: https).status == .ok)
                    #expect(try await client.subscribe("c@contoh.id").status == .ok)
                    #expect(try await seed.count("newsletter_subscribers") == 3)
                }
            }
        }

        @Test func originRules() {
            let site = "http://127.0.0.1:8080"
            #expect(SameSiteCheck.isSameOrigin("http://127.0.0.1:8080", siteURL: site, host: nil))
            #expect(SameSiteCheck.isSameOrigin("HTTP://127.0.0.1:8080", siteURL: site, host: nil))
            // The site reached under another name is still itself: the Origin names the host the request went to.
            #expect(SameSiteCheck.isSameOrigin("http://localhost:9000", siteURL: site, host: "localhost:9000"))
            #expect(SameSiteCheck.isSameOrigin("https://berita.example", siteURL: site, host: "berita.example"))
            #expect(SameSiteCheck.isSameOrigin("https://berita.example", siteURL: "https://berita.example/", host: nil))
            #expect(!SameSiteCheck.isSameOrigin("https://evil.example", siteURL: site, host: "berita.example"))
            #expect(!SameSiteCheck.isSameOrigin("http://127.0.0.1:8081", siteURL: site, host: "127.0.0.1:8080"))
            #expect(!SameSiteCheck.isSameOrigin("null", siteURL: site, host: "127.0.0.1:8080"))
            #expect(!SameSiteCheck.isSameOrigin("ftp://127.0.0.1:8080", siteURL: site, host: "127.0.0.1:8080"))
            #expect(!SameSiteCheck.isSameOrigin("garbage", siteURL: site, host: "127.0.0.1:8080"))
        }

        @Test("A filled honeypot answers the same page and stores nothing", arguments: TestDatabase.allCases)
        func honeypot(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let bot = try await client.postForm("/newsletter", [("email", "bot@contoh.id"), ("website", "x")])
                    let person = try await client.subscribe("orang@contoh.id")
                    #expect(bot.status == .ok)
                    #expect(bot.text == person.text)
                }
                #expect(try await seed.subscribers().map(\.email) == ["orang@contoh.id"])
                #expect(try await seed.outbox().map(\.recipient) == ["orang@contoh.id"])
            }
        }

        @Test(
            "A suppressed address gets the same page and neither a record nor a mail", arguments: TestDatabase.allCases)
        func suppressedAddress(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await seed.services.database.sql.raw(
                    """
                    INSERT INTO mail_suppressions (address, reason, created_at)
                    VALUES ('pantul@contoh.id', 'hard-bounce', \(bind: seed.world.now))
                    """
                ).run()
                try await app.test(.router) { client in
                    let suppressed = try await client.subscribe("Pantul@contoh.id")
                    let fresh = try await client.subscribe("baru@contoh.id")
                    #expect(suppressed.status == .ok && suppressed.text == fresh.text)
                }
                #expect(try await seed.subscribers().map(\.email) == ["baru@contoh.id"])
                #expect(try await seed.outbox().map(\.recipient) == ["baru@contoh.id"])
            }
        }

        @Test("Limits per client, per address, and confirmation mails per day", arguments: TestDatabase.allCases)
        func rateLimits(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    for index in 0..<10 { #expect(try await client.subscribe("p\(index)@contoh.id").status == .ok) }
                    let over = try await client.subscribe("p10@contoh.id")
                    #expect(over.status == .tooManyRequests)
                    #expect(over.text.contains("Terlalu banyak percobaan"))
                    seed.world.advance(by: 61)
                    for _ in 0..<3 { #expect(try await client.subscribe("sama@contoh.id").status == .ok) }
                    #expect(try await client.subscribe("sama@contoh.id").status == .tooManyRequests)
                    seed.world.advance(by: 61)
                    // Three confirmation mails a day at most; the fourth request still gets the same page.
                    #expect(try await client.subscribe("sama@contoh.id").status == .ok)
                    #expect(try await seed.outbox().filter { $0.recipient == "sama@contoh.id" }.count == 3)
                    seed.world.advance(by: 86_400)
                    #expect(try await client.subscribe("sama@contoh.id").status == .ok)
                    #expect(try await seed.outbox().filter { $0.recipient == "sama@contoh.id" }.count == 4)
                }
            }
        }

        @Test(
            "Bad addresses get 400 with the message and the form; nothing is stored", arguments: TestDatabase.allCases)
        func badAddresses(database: TestDatabase) async throws {
            let bad = [
                "", "   ", "rina", "rina@", "@contoh.id", "rina@contoh", "rina@@contoh.id", "ri na@contoh.id",
                "rina@contoh.id\r\nBcc: korban@contoh.id", "rina@contoh.id\nBcc: korban@contoh.id", "rina\r@contoh.id",
                "<rina@contoh.id>", "\"rina\"@contoh.id", "rina@contoh..id", "rina@-contoh.id", ".rina@contoh.id",
                "rina@contoh.123", String(repeating: "a", count: 65) + "@contoh.id",
                "rina@" + String(repeating: "a", count: 250) + ".id", String(repeating: "x", count: 5000),
            ]
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    for address in bad {
                        seed.world.advance(by: 61)
                        let response = try await client.subscribe(address)
                        #expect(response.status == .badRequest, "\(address.debugDescription)")
                        #expect(response.text.contains("Alamat email tidak valid"), "\(address.debugDescription)")
                        #expect(response.text.contains("name=\"email\""))
                    }
                    let garbled = try await client.postBody("/newsletter", "email=%ff%fe%zz")
                    #expect(garbled.status == .badRequest)
                    #expect(try await seed.count("newsletter_subscribers") == 0)
                    #expect(try await seed.count("mail_outbox") == 0)
                    var french = HTTPFields()
                    french[.acceptLanguage] = "fr"
                    #expect(
                        try await client.subscribe("rina", headers: french).text.contains(
                            "Cette adresse e-mail n’est pas valide"))
                }
            }
        }

        @Test("UTF-8 local parts and international domains are kept, in one spelling", arguments: TestDatabase.allCases)
        func internationalAddresses(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let addresses = ["Dévi@Bücher.DE", "de\u{301}vi@bu\u{308}cher.de", "rina@xn--bcher-kva.de"]
                    for address in addresses {
                        let response = try await client.subscribe(address)
                        #expect(response.status == .ok, "\(address)")
                    }
                }
                #expect(
                    try await seed.subscribers().map(\.email).sorted() == ["dévi@bücher.de", "rina@xn--bcher-kva.de"])
            }
        }

        @Test("An unknown list is a 400; a known one is joined", arguments: TestDatabase.allCases)
        func lists(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    let unknown = try await client.subscribe("rina@contoh.id", list: "gosip")
                    #expect(unknown.status == .badRequest)
                    #expect(unknown.text.contains("Newsletter yang diminta tidak ada."))
                    #expect(try await seed.count("newsletter_subscribers") == 0)
                    #expect(try await client.subscribe("rina@contoh.id", list: "breaking").status == .ok)
                    #expect(try await seed.subscriptions(of: "rina@contoh.id") == ["breaking": "pending"])
                }
            }
        }
    }
}
