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
    @Test("Home, category and author lists read their order from an index")
    func listsSortFromAnIndex() async throws {
        try await withTestApp(.sqlite) { _, seed in
            let sql = try seed.services.database.sql
            let lists: [(SQLQueryString, SQLQueryString)] = [
                ("articles a", "a.status = 'published'"),
                ("articles a", "a.category_id = \(bind: UUID()) AND a.status = 'published'"),
                ("articles a", "a.author_slug = \(bind: "rina") AND a.status = 'published'"),
            ]
            for (tables, filter) in lists {
                let query = ArticleStore.summariesQuery(from: tables, where: filter, page: 900)
                let plan = try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map {
                    try $0.decode(column: "detail", as: String.self)
                }
                #expect(plan.contains { $0.contains("USING INDEX") }, "\(plan)")
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            }
        }
    }
}
