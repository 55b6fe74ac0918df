import Foundation
import HummingbirdTesting
import Testing

@testable import WartaApp

extension NewsletterTests {
    /// The daily digest: once per site day per subscriber, from the CLI and from the worker's chore.
    @Suite struct DigestTests {
        @Test(
            "The digest goes once per site day; a subscriber confirmed later still gets it",
            arguments: TestDatabase.allCases)
        func oncePerSiteDay(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await seed.article(
                    title: "Banjir Surut", slug: "banjir-surut", body: "Air turun.",
                    publishedAt: "2025-03-03T08:00:00+07:00")
                try await seed.article(title: "Lama", slug: "lama", publishedAt: "2025-03-01T08:00:00+07:00")
                try await app.test(.router) { client in
                    try await seed.confirmedSubscriber("rina@contoh.id", client: client)
                    _ = try await client.subscribe("belum@contoh.id")
                    let first = try await Commands.queueDigest(services: seed.services)
                    #expect(first == "queued the digest of 1 articles for 1 subscribers (2025-03-03)")
                    let second = try await Commands.queueDigest(services: seed.services)
                    #expect(
                        second == "no subscriber is waiting for the digest of 2025-03-03 (1 articles); nothing to send")
                    try await seed.confirmedSubscriber("dodi@contoh.id", client: client)
                    #expect(
                        try await Commands.queueDigest(services: seed.services).hasSuffix(
                            "for 1 subscribers (2025-03-03)"))
                }
                let digests = try await seed.outbox().filter { $0.kind == "digest" }
                #expect(digests.map(\.recipient) == ["rina@contoh.id", "dodi@contoh.id"])
                #expect(Set(digests.compactMap(\.subscriberID)).count == 2)
                let mail = try #require(digests.first)
                #expect(mail.listSlug == "harian")
                #expect(mail.subject == "Warta: ringkasan Senin, 3 Maret 2025")
                #expect(mail.text.contains("Banjir Surut\n"))
                #expect(mail.text.contains("http://127.0.0.1:8080/2025/03/banjir-surut\n"))
                #expect(!mail.text.contains("Lama"), "older than 24 hours")
                #expect(!mail.text.contains("<"), "the text part is text")
                for part in [mail.text, mail.html ?? ""] {
                    #expect(part.contains("{{unsubscribe_url}}") && part.contains("{{preferences_url}}"))
                }
                #expect(mail.html?.contains("max-width:600px") == true)
                let days = try await seed.subscribers().map(\.lastDigestDay)
                #expect(days.filter { $0 == "2025-03-03" }.count == 2)
                // The next site day is a new digest for both.
                seed.world.advance(by: 86_400)
                try await seed.article(title: "Besok", slug: "besok", publishedAt: "2025-03-04T08:30:00+07:00")
                #expect(
                    try await Commands.queueDigest(services: seed.services).hasSuffix("for 2 subscribers (2025-03-04)"))
            }
        }

        @Test("With no articles the digest says so and queues nothing", arguments: TestDatabase.allCases)
        func nothingToSend(database: TestDatabase) async throws {
            try await withTestApp(database) { app, seed in
                try await app.test(.router) { client in
                    try await seed.confirmedSubscriber("rina@contoh.id", client: client)
                }
                let line = try await Commands.queueDigest(services: seed.services)
                #expect(line == "no articles published in the last 24 hours; nothing to send")
                #expect(try await seed.outbox().filter { $0.kind == "digest" }.isEmpty)
                #expect(try await seed.subscribers().first?.lastDigestDay == nil)
            }
        }

        @Test func digestMailEscapesHTMLAndKeepsTextAsText() {
            let mail = DigestMail(
                siteName: "Warta & Co", date: "Senin, 3 Maret 2025", listName: "Harian", localizer: Localizer(.id)
            )
            .make([
                DigestArticle(
                    title: "Harga <b>cabai</b> & bawang", summary: "Naik \"lagi\"", url: "https://w.example/2025/03/a")
            ])
            #expect(mail.kind == .digest && mail.listSlug == "harian")
            #expect(mail.text.contains("Harga <b>cabai</b> & bawang\nNaik \"lagi\"\nhttps://w.example/2025/03/a\n"))
            let html = mail.html ?? ""
            #expect(html.contains("Harga &lt;b&gt;cabai&lt;/b&gt; &amp; bawang"))
            #expect(html.contains("Naik &quot;lagi&quot;"))
            #expect(html.contains("href=\"{{unsubscribe_url}}\"") && html.contains("href=\"{{preferences_url}}\""))
            #expect(!mail.subject.contains("\n"))
        }

        @Test func digestTimeInTheSiteZone() throws {
            let zone = try #require(TimeZone(identifier: "Asia/Jakarta"))
            let before = try #require(ArticleImporter.parseISO8601("2025-03-03T05:59:59+07:00"))
            #expect(DigestDue.dueDigest(at: before, zone: zone, minute: 360) == nil)
            let late = try #require(ArticleImporter.parseISO8601("2025-03-03T06:07:30+07:00"))
            let due = try #require(DigestDue.dueDigest(at: late, zone: zone, minute: 360))
            #expect(due.day == "2025-03-03")
            #expect(due.until == ArticleImporter.parseISO8601("2025-03-03T06:00:00+07:00"))
            let evening = try #require(ArticleImporter.parseISO8601("2025-03-03T23:59:00+07:00"))
            #expect(DigestDue.dueDigest(at: evening, zone: zone, minute: 360)?.day == "2025-03-03")
        }

        @Test("The worker's chore queues the digest once a site day", arguments: TestDatabase.allCases)
        func choreRunsOncePerDay(database: TestDatabase) async throws {
            try await withTestApp(database, at: "2025-03-03T05:30:00+07:00") { app, seed in
                try await seed.article(slug: "pagi", publishedAt: "2025-03-03T05:00:00+07:00")
                try await app.test(.router) { client in
                    try await seed.confirmedSubscriber("rina@contoh.id", client: client)
                }
                let worker = JobWorker(services: seed.services)
                _ = try await worker.runDue()
                #expect(try await seed.outbox().filter { $0.kind == "digest" }.isEmpty, "not yet 06:00")
                seed.world.advance(by: 31 * 60)
                _ = try await worker.runDue()
                #expect(try await seed.outbox().filter { $0.kind == "digest" }.count == 1)
                // A later article and a restarted worker the same day change nothing.
                try await seed.article(slug: "siang", publishedAt: "2025-03-03T07:00:00+07:00")
                seed.world.advance(by: 3 * 3600)
                _ = try await JobWorker(services: seed.services).runDue()
                #expect(try await seed.outbox().filter { $0.kind == "digest" }.count == 1)
                #expect(try await seed.count("jobs WHERE kind = 'newsletter.digest'") == 1)
            }
        }

        @Test("send-test queues the digest to one address, or refuses a bad one", arguments: TestDatabase.allCases)
        func sendTest(database: TestDatabase) async throws {
            try await withTestApp(database) { _, seed in
                let sample = try await Commands.queueTestDigest(to: "Redaksi@Contoh.id", services: seed.services)
                #expect(
                    sample == "queued a sample digest to redaksi@contoh.id (no articles published in the last 24 hours)"
                )
                try await seed.article(slug: "banjir", publishedAt: "2025-03-03T08:00:00+07:00")
                let real = try await Commands.queueTestDigest(to: "redaksi@contoh.id", services: seed.services)
                #expect(real == "queued a test digest of 1 articles to redaksi@contoh.id")
                let mails = try await seed.outbox()
                #expect(mails.map(\.kind) == ["test", "test"])
                #expect(mails.allSatisfy { $0.subject.hasPrefix("[Uji coba] ") })
                #expect(mails.first?.text.contains("Belum ada artikel") == true)
                for bad in ["", "redaksi", "a@b.c\r\nBcc: x@y.z"] {
                    await #expect(throws: Commands.Failure.self) {
                        try await Commands.queueTestDigest(to: bad, services: seed.services)
                    }
                }
                #expect(try await seed.outbox().count == 2)
            }
        }
    }
}
