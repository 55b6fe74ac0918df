import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
import WartaMail

@testable import WartaApp

@Suite struct CampaignTests {
    static let password = "rahasia-sekali"

    /// Three active readers of `harian` get it; the unconfirmed, the unsubscribed, the `breaking`-only and the
    /// suppressed ones do not.
    static func seedReaders(_ seed: Seed) async throws {
        try await seed.subscriber("ani@example.com", name: "Ani")
        try await seed.subscriber("budi@example.com", lists: ["harian": "active", "breaking": "active"])
        try await seed.subscriber("citra@example.com")
        try await seed.subscriber("dewi@example.com", lists: ["harian": "pending"])
        try await seed.subscriber("eko@example.com", lists: ["harian": "unsubscribed"])
        try await seed.subscriber("fajar@example.com", lists: ["breaking": "active"])
        try await seed.subscriber("gita@example.com")
        try await seed.suppress("gita@example.com")
    }

    @Test(
        "An editor composes, previews, tests, schedules: rows for the active, unsuppressed readers, spread by rate",
        arguments: TestDatabase.allCases)
    func composeTestAndSchedule(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await Self.seedReaders(seed)
            try await seed.listRate("harian", perMinute: 2)
            let article = try await seed.article()
            let articleID = try article.requireID().uuidString.lowercased()
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: Self.password)
                #expect(try await editor.get("/admin/newsletter").text.contains("Harian Pagi (harian)"))
                let blank = try await editor.get("/admin/newsletter/campaigns/new")
                #expect(blank.text.contains("value=\"editor@example.com\""))
                #expect(blank.text.contains("value=\"\(articleID)\""))
                let fields = [
                    ("list", "harian"), ("subject", "Kabar Pekan Ini"), ("body", "Halo **pembaca** <script>x</script>"),
                    ("articles", articleID), ("test_to", "editor@example.com"),
                ]
                let preview = try await editor.post("/admin/newsletter/campaigns/new", fields + [("action", "preview")])
                #expect(preview.status == .ok)
                #expect(preview.text.contains("Halo <strong>pembaca</strong>"))
                #expect(!preview.text.contains("<script>x"))
                // The text part is written as text: the Markdown as typed, then headline and link lines.
                #expect(preview.text.contains("Halo **pembaca**"))
                #expect(preview.text.contains("Banjir Surut di Ciliwung\nhttp://127.0.0.1:8080/2015/10/"))
                #expect(try await seed.count("newsletter_campaigns") == 0)
                let saved = try await editor.post("/admin/newsletter/campaigns/new", fields + [("action", "save")])
                #expect(saved.status == .seeOther)
                let id = try campaignID(from: saved)
                let page = try await editor.get(CampaignRoutes.path(id))
                #expect(page.text.contains("value=\"Kabar Pekan Ini\""))
                #expect(page.text.contains("value=\"\(articleID)\" checked"))
                let tested = try await editor.post(CampaignRoutes.path(id), fields + [("action", "test")])
                #expect(tested.headers[.location] == CampaignRoutes.path(id, notice: "test"))
                let test = try #require(try await seed.campaignOutbox().first)
                #expect(test.kind == "test" && test.recipient == "editor@example.com" && test.campaignID == nil)
                #expect(test.subject == "[Uji] Kabar Pekan Ini")
                #expect(test.text.contains("http://127.0.0.1:8080/newsletter/unsubscribe"))
                let scheduled = try await editor.post(
                    CampaignRoutes.path(id), fields + [("action", "schedule"), ("schedule_at", "2025-03-03T12:00")])
                #expect(scheduled.headers[.location] == CampaignRoutes.path(id, notice: "scheduled"))
                #expect(try await seed.campaignState(id) == "scheduled")
                let rows = try await seed.campaignOutbox().filter { $0.kind == "campaign" }
                #expect(rows.map(\.recipient) == ["ani@example.com", "budi@example.com", "citra@example.com"])
                #expect(rows.allSatisfy { $0.campaignID == id && $0.listSlug == "harian" && $0.state == "queued" })
                #expect(rows.allSatisfy { $0.text.contains(OutgoingMail.unsubscribePlaceholder) })
                #expect(rows.allSatisfy { $0.html?.contains("href=\"{{unsubscribe_url}}\"") == true })
                let noon = try #require(ArticleImporter.parseISO8601("2025-03-03T12:00:00+07:00"))
                #expect(rows.map(\.runAt) == [noon, noon, noon.addingTimeInterval(60)])
                // A double click, or a second editor: refused inside the transaction, nothing queued twice.
                for action in ["send", "schedule", "save"] {
                    let again = try await editor.post(
                        CampaignRoutes.path(id),
                        fields + [("action", action), ("schedule_at", "2025-03-03T13:00")])
                    #expect(again.headers[.location] == CampaignRoutes.path(id, notice: "already"))
                }
                #expect(try await seed.campaignOutbox().count == 4)
                let shown = try await editor.get(CampaignRoutes.path(id, notice: "already"))
                #expect(shown.text.contains("tidak ada yang terkirim dua kali"))
                #expect(shown.text.contains("Antre: 3"))
            }
        }
    }

    @Test(
        "Send now queues at once; counts per state and unsubscribes show on the page and the overview",
        arguments: TestDatabase.allCases)
    func sendNowAndCount(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await Self.seedReaders(seed)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: Self.password)
                _ = try await admin.get("/admin/newsletter/campaigns/new")
                let saved = try await admin.post(
                    "/admin/newsletter/campaigns/new",
                    [("list", "harian"), ("subject", "Edisi Khusus"), ("body", "Isi"), ("action", "save")])
                let id = try campaignID(from: saved)
                _ = try await admin.get(CampaignRoutes.path(id))
                let sent = try await admin.post(
                    CampaignRoutes.path(id),
                    [("list", "harian"), ("subject", "Edisi Khusus"), ("body", "Isi"), ("action", "send")])
                #expect(sent.headers[.location] == CampaignRoutes.path(id, notice: "queued"))
                #expect(try await seed.campaignState(id) == "queued")
                let rows = try await seed.campaignOutbox()
                #expect(rows.count == 3 && rows.allSatisfy { $0.runAt == seed.world.now })
                let sql = try seed.services.database.sql
                for (address, state) in [("ani@example.com", "sent"), ("budi@example.com", "failed")] {
                    try await sql.raw(
                        "UPDATE mail_outbox SET state = \(bind: state) WHERE recipient = \(bind: address)"
                    ).run()
                }
                try await sql.raw(
                    """
                    UPDATE mail_outbox SET state = 'sent', unsubscribed_at = \(bind: seed.world.now)
                    WHERE recipient = 'citra@example.com'
                    """
                ).run()
                let page = try await admin.get(CampaignRoutes.path(id))
                for text in ["Antre: 0", "Terkirim: 2", "Gagal: 1", "Ditunda: 0", "Berhenti berlangganan: 1"] {
                    #expect(page.text.contains(text), "\(text)")
                }
                let overview = try await admin.get("/admin/newsletter")
                #expect(overview.text.contains("Edisi Khusus"))
                #expect(overview.text.contains("Terkirim: 2"))
                #expect(overview.text.contains("Sedang dikirim"))
            }
        }
    }

    @Test(
        "Cancelling a scheduled campaign drops its waiting rows and keeps the sent ones",
        arguments: TestDatabase.allCases)
    func cancelScheduled(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await Self.seedReaders(seed)
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: Self.password)
                _ = try await editor.get("/admin/newsletter/campaigns/new")
                let fields = [("list", "harian"), ("subject", "Nanti"), ("body", "Isi")]
                let id = try campaignID(
                    from: try await editor.post("/admin/newsletter/campaigns/new", fields + [("action", "save")]))
                _ = try await editor.post(
                    CampaignRoutes.path(id), fields + [("action", "schedule"), ("schedule_at", "2025-03-04 07:00")])
                try await seed.services.database.sql.raw(
                    "UPDATE mail_outbox SET state = 'sent' WHERE recipient = 'ani@example.com'"
                ).run()
                let page = try await editor.get(CampaignRoutes.path(id))
                #expect(page.text.contains("/cancel"))
                let cancelled = try await editor.post(CampaignRoutes.path(id) + "/cancel", [])
                #expect(cancelled.headers[.location] == CampaignRoutes.path(id, notice: "cancelled"))
                #expect(try await seed.campaignState(id) == "cancelled")
                #expect(try await seed.campaignOutbox().map(\.recipient) == ["ani@example.com"])
                let again = try await editor.post(CampaignRoutes.path(id) + "/cancel", [])
                #expect(again.headers[.location] == CampaignRoutes.path(id, notice: "not_cancelled"))
                #expect(try await editor.post("/admin/newsletter/campaigns/\(UUID())/cancel", []).status == .notFound)
            }
        }
    }

    @Test("Authors may not open or post any newsletter screen") func authorsGet403() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.staff("author@example.com", name: "Penulis", role: .author)
            try await app.test(.router) { client in
                var author = Browser(client)
                _ = try await author.signIn(email: "author@example.com", password: Self.password)
                for path in [
                    "/admin/newsletter", "/admin/newsletter/campaigns/new", "/admin/newsletter/subscribers",
                    "/admin/newsletter/subscribers.csv",
                ] {
                    #expect(try await author.get(path).status == .forbidden, "\(path)")
                }
                let post = try await author.post(
                    "/admin/newsletter/campaigns/new",
                    [("list", "harian"), ("subject", "x"), ("body", "y"), ("action", "save")])
                #expect(post.status == .forbidden)
                #expect(try await seed.count("newsletter_campaigns") == 0)
            }
        }
    }
}
