import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import WartaApp

@Suite struct ListPageTests {
    @Test("Home, category, tag and author pages list the newest first", arguments: TestDatabase.allCases)
    func listsShowPublishedArticles(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                title: "Lama", publishedAt: "2024-01-01T08:00:00+07:00", category: "Ekonomi", tags: ["Kopi"])
            try await seed.article(
                title: "Baru", author: "Kantor Berita Nusantara", publishedAt: "2025-02-01T08:00:00+07:00",
                category: "Ekonomi", tags: ["Kopi"])
            try await app.test(.router) { client in
                for path in ["/", "/category/ekonomi", "/tag/kopi"] {
                    let html = try await client.get(path).text
                    let new = try #require(html.range(of: "Baru"), Comment(rawValue: path))
                    let old = try #require(html.range(of: "Lama"), Comment(rawValue: path))
                    #expect(new.lowerBound < old.lowerBound, "\(path)")
                }
                let author = try await client.get("/author/kantor-berita-nusantara").text
                #expect(author.contains("Penulis: Kantor Berita Nusantara"))
                #expect(!author.contains(">Lama<"))
            }
        }
    }

    /// Tag pages read a copy of status and time kept beside each tag link (migration 0018): every way an article
    /// enters or leaves the public lists must move it on its tags' pages too.
    @Test(
        "A tag's page follows publishing, unpublishing, rescheduling and the scheduler",
        arguments: TestDatabase.allCases)
    func tagPagesFollowTheWorkflow(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let older = try await seed.article(
                title: "Kopi Lama", publishedAt: "2024-01-01T08:00:00+07:00", tags: ["Kopi"])
            let newer = try await seed.article(
                title: "Kopi Baru", publishedAt: "2025-02-01T08:00:00+07:00", tags: ["Kopi"])
            try await seed.article(title: "Kopi Draf", status: .draft, publishedAt: nil, tags: ["Kopi"])
            try await seed.article(
                title: "Kopi Nanti", status: .scheduled, publishedAt: "2025-03-03T10:00:00+07:00", tags: ["Kopi"])
            let titles: @Sendable (String) -> [String] = { html in
                ["Kopi Nanti", "Kopi Baru", "Kopi Lama", "Kopi Draf"].filter { html.contains(">\($0)<") }
            }
            try await app.test(.router) { client in
                #expect(titles(try await client.get("/tag/kopi").text) == ["Kopi Baru", "Kopi Lama"])
                let page = try await client.get("/tag/kopi").text
                let new = try #require(page.range(of: ">Kopi Baru<"))
                let old = try #require(page.range(of: ">Kopi Lama<"))
                #expect(new.lowerBound < old.lowerBound)

                try await seed.edit(newer, status: .unpublished)
                #expect(titles(try await client.get("/tag/kopi").text) == ["Kopi Lama"])
                // Taken off the tag while published: gone from its page, still on the home page.
                try await seed.edit(older) { $0.tags = [] }
                #expect(try await client.get("/tag/kopi").text.contains(">Kopi Lama<") == false)
                #expect(try await client.get("/").text.contains(">Kopi Lama<"))

                seed.world.advance(by: 3600 + 60)
                let (services, writer) = (seed.services, seed.services.writer)
                let published = try await services.database.write(taking: .relatedLists) { tx in
                    try await writer.publishDue(on: tx)
                }
                #expect(published == 1)
                #expect(titles(try await client.get("/tag/kopi").text) == ["Kopi Nanti"])
            }
            let sql = try seed.services.database.sql
            let unlisted = try await sql.raw(
                "SELECT COUNT(*) AS n FROM article_tags WHERE listed_at IS NULL"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(unlisted == 2)  // the draft and the unpublished article
        }
    }

    @Test("The home page paginates", arguments: TestDatabase.allCases)
    func homePaginates(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            for day in 1...12 {
                try await seed.article(
                    title: "Berita nomor \(day)", slug: "berita-\(day)",
                    publishedAt: String(format: "2025-01-%02dT08:00:00+07:00", day))
            }
            try await app.test(.router) { client in
                let first = try await client.get("/").text
                #expect(first.contains("Berita nomor 12"))
                #expect(!first.contains("Berita nomor 2<"))
                #expect(first.contains("href=\"/?page=2\""))
                let second = try await client.get("/?page=2").text
                #expect(second.contains("Berita nomor 2<"))
                #expect(try await client.get("/?page=9").status == .notFound)
            }
        }
    }

    @Test(
        "The language switch sets a cookie and only returns to this site",
        arguments: ["/", "//evil.example/x", "https://evil.example", "/\\evil"])
    func languageSwitchStaysOnSite(target: String) async throws {
        try await withTestApp(.sqlite) { app, _ in
            try await app.test(.router) { client in
                let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let response = try await client.get("/lang/en?return=\(encoded)")
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == (target == "/" ? "/" : "/"))
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.contains("warta_lang=en"))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(try await client.get("/lang/de?return=%2F").status == .notFound)
            }
        }
    }

    /// Deep pages must not sort: at 100,000 articles `/?page=9000` took up to 2.5 s when the index lacked the id
    /// tie-break. The plan is checked rather than a time (SQLite; PostgreSQL plans by table statistics).
    @Test("Home, category, author and tag lists read their order from an index")
    func listsSortFromAnIndex() async throws {
        try await withTestApp(.sqlite) { _, seed in
            let sql = try seed.services.database.sql
            let lists: [(SQLQueryString, SQLQueryString)] = [
                ("articles a", "a.status = 'published'"),
                ("articles a", "a.category_id = \(bind: UUID()) AND a.status = 'published'"),
                ("articles a", "a.author_slug = \(bind: "rina") AND a.status = 'published'"),
            ]
            for (tables, filter) in lists {
                let plan = try await queryPlan(ArticleStore.summariesQuery(from: tables, where: filter, page: 900), sql)
                #expect(plan.contains { $0.detail.contains("USING INDEX") }, "\(plan)")
                #expect(!plan.contains { $0.detail.contains("TEMP B-TREE") }, "\(plan)")
            }
            // A tag's page: the offset is walked in the tag's covering index, and only the page's rows are joined.
            // Sorting those few rows again at the top (with table statistics SQLite may) is allowed; a sort inside is not.
            let plan = try await queryPlan(TagListing.pageQuery(tagID: UUID(), page: 900), sql)
            #expect(plan.contains { $0.detail.contains("COVERING INDEX article_tags_tag_listed") }, "\(plan)")
            #expect(!plan.contains { $0.detail.contains("TEMP B-TREE") && $0.parent != 0 }, "\(plan)")
        }
    }

    private func queryPlan(_ query: SQLQueryString, _ sql: any SQLDatabase) async throws -> [(
        parent: Int, detail: String
    )] {
        try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map {
            (try $0.decode(column: "parent", as: Int.self), try $0.decode(column: "detail", as: String.self))
        }
    }
}
