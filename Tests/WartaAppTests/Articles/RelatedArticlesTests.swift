import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import WartaApp

/// Related lists are computed at publish time and stored (DESIGN.md §4); pages read the stored list.
@Suite struct RelatedArticlesTests {
    private func storedTitles(_ article: Article, _ seed: Seed) async throws -> [String] {
        let sql = try seed.services.database.sql
        return try await RelatedArticles(world: seed.world.world).stored(for: try article.requireID(), on: sql)?
            .map(\.title) ?? []
    }

    private func storedRowCount(_ article: Article, _ seed: Seed) async throws -> Int {
        let sql = try seed.services.database.sql
        return try await sql.raw(
            "SELECT COUNT(*) AS n FROM article_related WHERE article_id = \(bind: try article.requireID())"
        ).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(
        "Shared tags outrank the category, then the newest wins; both sides are stored",
        arguments: TestDatabase.allCases)
    func rankingIsStoredAtPublishTime(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let main = try await seed.article(
                title: "Pasar Ikan Baru", slug: "pasar-ikan", category: "Ekonomi", tags: ["Nelayan", "Pasar"])
            #expect(try await storedTitles(main, seed).isEmpty)
            try await seed.article(
                title: "Kategori Saja", publishedAt: "2015-10-16T08:00:00+07:00", category: "Ekonomi")
            try await seed.article(
                title: "Satu Tag Lama", publishedAt: "2015-10-10T08:00:00+07:00", tags: ["Nelayan"])
            try await seed.article(
                title: "Satu Tag Baru", publishedAt: "2015-10-12T08:00:00+07:00", tags: ["Pasar"])
            try await seed.article(
                title: "Dua Tag", publishedAt: "2015-10-01T08:00:00+07:00", category: "Ekonomi",
                tags: ["Pasar", "Nelayan"])
            try await seed.article(title: "Tanpa Hubungan", publishedAt: "2015-10-17T08:00:00+07:00")
            try await seed.article(title: "Draf Bertag", status: .draft, publishedAt: nil, tags: ["Pasar"])
            // The main article was published first: its list was refreshed as each neighbour went live.
            #expect(
                try await storedTitles(main, seed) == [
                    "Dua Tag", "Satu Tag Baru", "Satu Tag Lama", "Kategori Saja", "Tanpa Hubungan",
                ])
            #expect(try await storedRowCount(main, seed) == RelatedArticles.limit)
        }
    }

    @Test("Unpublishing drops an article from the lists that named it", arguments: TestDatabase.allCases)
    func unpublishingRefreshesNeighbours(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let main = try await seed.article(title: "Sungai Meluap", slug: "sungai", tags: ["Banjir"])
            let other = try await seed.article(title: "Tanggul Jebol", slug: "tanggul", tags: ["Banjir"])
            #expect(try await storedTitles(main, seed) == ["Tanggul Jebol"])
            try await seed.edit(other, status: .unpublished)
            #expect(try await storedTitles(main, seed).isEmpty)
            #expect(try await storedRowCount(other, seed) == 0)
            try await app.test(.router) { client in
                let page = try await client.get("/2015/10/sungai").text
                #expect(!page.contains("Tanggul Jebol"))
            }
        }
    }

    @Test("A page without a stored list computes it once and keeps it", arguments: TestDatabase.allCases)
    func missingListIsComputedOnFirstView(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let main = try await seed.article(title: "Harga Cabai Naik", slug: "cabai", tags: ["Pasar"])
            try await seed.article(title: "Petani Cabai Panen", tags: ["Pasar"])
            let sql = try seed.services.database.sql
            // As after a bulk load that wrote articles straight into the tables.
            try await sql.raw("DELETE FROM article_related").run()
            try await app.test(.router) { client in
                let page = try await client.get("/2015/10/cabai")
                #expect(page.status == .ok)
                #expect(page.text.contains("Petani Cabai Panen"))
            }
            #expect(try await storedRowCount(main, seed) == 1)
        }
    }

    @Test("Lists older than a day are recomputed by the scheduler scan", arguments: TestDatabase.allCases)
    func staleListsAreRefreshed(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let older = try await seed.article(title: "Jalan Desa Diperbaiki", publishedAt: "2015-10-01T08:00:00+07:00")
            let main = try await seed.article(title: "Festival Kopi", slug: "kopi", tags: ["Kopi"])
            try await seed.article(title: "Kedai Kopi Desa", tags: ["Kopi"])
            #expect(try await storedTitles(main, seed) == ["Kedai Kopi Desa", "Jalan Desa Diperbaiki"])
            let related = RelatedArticles(world: seed.world.world)
            let sql = try seed.services.database.sql
            #expect(try await related.refreshStale(count: 10, in: seed.services.database) == 0)
            // A list that went out of date without an event reaching it.
            let mainID = try main.requireID()
            try await sql.raw("DELETE FROM article_related WHERE article_id = \(bind: mainID) AND slot > 0").run()
            try await sql.raw(
                "UPDATE article_related SET related_id = \(bind: try older.requireID()) WHERE article_id = \(bind: mainID)"
            ).run()
            #expect(try await storedTitles(main, seed) == ["Jalan Desa Diperbaiki"])
            seed.world.advance(by: RelatedArticles.maximumAge + 60)
            try await JobWorker(services: seed.services).runDue()
            #expect(try await storedTitles(main, seed) == ["Kedai Kopi Desa", "Jalan Desa Diperbaiki"])
            #expect(try await related.refreshStale(count: 10, in: seed.services.database) == 0)
        }
    }

    @Test(
        "Tags and related titles with quotes, backslashes and emoji reach the page intact",
        arguments: TestDatabase.allCases)
    func metacharactersSurviveTheJSONLists(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let tag = #"Kopi "Tubruk" \ <Teh> & 😀"#
            try await seed.article(title: "Pasar Pagi", slug: "pasar", tags: [tag])
            try await seed.article(title: #"Warung "Mbok" \ <b>Sri</b> ☕️"#, tags: [tag])
            try await app.test(.router) { client in
                let html = try await client.get("/2015/10/pasar").text
                #expect(html.contains("#Kopi &quot;Tubruk&quot; \\ &lt;Teh&gt; &amp; 😀</a>"))
                #expect(html.contains("Warung &quot;Mbok&quot; \\ &lt;b&gt;Sri&lt;/b&gt; ☕️</a>"))
            }
        }
    }
}
