import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Serialized: each case holds a PostgreSQL pool, and the whole suite already runs near the server's limit.
@Suite(.serialized) struct MetadataTests {
    static let site = "http://127.0.0.1:8080"

    /// The page's JSON-LD block, parsed as JSON by Foundation.
    static func jsonLD(_ html: String) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = Data(html[start.upperBound..<end.lowerBound].utf8)
        return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    static func object(_ value: Any?) throws -> [String: String] {
        let object = try #require(value as? [String: Any])
        return object.compactMapValues { $0 as? String }
    }

    @Test(
        "A plain article's NewsArticle has dates with offset, a Person, the publisher and no basis",
        arguments: TestDatabase.allCases)
    func plainArticle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(title: "Banjir Surut di Ciliwung", slug: "banjir-surut", category: "Lingkungan")
            try await app.test(.router) { client in
                let html = try await client.get("/2015/10/banjir-surut").text
                let data = try Self.jsonLD(html)
                #expect(data["@context"] as? String == "https://schema.org")
                #expect(data["@type"] as? String == "NewsArticle")
                #expect(data["headline"] as? String == "Banjir Surut di Ciliwung")
                #expect(data["datePublished"] as? String == "2015-10-15T07:34:00+07:00")
                #expect(data["dateModified"] as? String == "2025-03-03T09:00:00+07:00")
                #expect(data["inLanguage"] as? String == "id")
                #expect(data["url"] as? String == Self.site + "/2015/10/banjir-surut")
                #expect(try Self.object(data["author"]) == ["@type": "Person", "name": "Rina Hapsari"])
                let publisher = try Self.object(data["publisher"])
                #expect(publisher["@type"] == "Organization" && publisher["name"] == "Warta")
                #expect(data["isBasedOn"] == nil && data["translationOfWork"] == nil && data["translator"] == nil)
                #expect(html.contains("<link rel=\"canonical\" href=\"\(Self.site)/2015/10/banjir-surut\">"))
                #expect(html.contains("<meta property=\"og:title\" content=\"Banjir Surut di Ciliwung\">"))
                #expect(html.contains("<meta name=\"twitter:card\" content=\"summary\">"))
                #expect(html.contains("<meta name=\"twitter:title\" content=\"Banjir Surut di Ciliwung\">"))
                #expect(!html.contains("hreflang"))
            }
        }
    }

    @Test(
        "A republished agency story is based on its source URL and credited to an Organization",
        arguments: TestDatabase.allCases)
    func republishedArticle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                title: "Harga Minyak Naik", slug: "harga-minyak", author: "Reuters", source: "Reuters",
                sourceURL: "https://reuters.example/oil")
            try await seed.article(title: "Kurs Rupiah", slug: "kurs", author: "ANTARA")
            try await app.test(.router) { client in
                let html = try await client.get("/2015/10/harga-minyak").text
                let data = try Self.jsonLD(html)
                #expect(try Self.object(data["author"]) == ["@type": "Organization", "name": "Reuters"])
                #expect(data["isBasedOn"] as? String == "https://reuters.example/oil")
                #expect(data["translationOfWork"] == nil)
                // The canonical URL is ours, not the source's.
                #expect(html.contains("<link rel=\"canonical\" href=\"\(Self.site)/2015/10/harga-minyak\">"))
                let wire = try Self.jsonLD(try await client.get("/2015/10/kurs").text)
                #expect(try Self.object(wire["author"])["@type"] == "Organization")
            }
        }
    }

    @Test("A translation names its original, its language and its translator", arguments: TestDatabase.allCases)
    func translatedArticle(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                title: "Gudang Pendingin", slug: "gudang", author: "Claire Donovan", source: "The Island Ledger",
                sourceURL: "https://ledger.example/solar", originalLanguage: "en", translator: "Maya Lestari",
                originalURL: "https://ledger.example/original")
            try await app.test(.router) { client in
                let data = try Self.jsonLD(try await client.get("/2015/10/gudang").text)
                #expect(data["isBasedOn"] as? String == "https://ledger.example/original")
                #expect(try Self.object(data["translator"]) == ["@type": "Person", "name": "Maya Lestari"])
                let original = try Self.object(data["translationOfWork"])
                #expect(original["@type"] == "CreativeWork")
                #expect(original["url"] == "https://ledger.example/original")
                #expect(original["inLanguage"] == "en")
                #expect(try Self.object(data["author"]) == ["@type": "Person", "name": "Claire Donovan"])
            }
        }
    }

    @Test(
        "Versions of one story in a translation group link each other with hreflang", arguments: TestDatabase.allCases)
    func hreflangAlternates(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(title: "Banjir Surut", slug: "banjir-surut", translationGroup: "banjir-2015")
            let english = try await seed.article(
                title: "Floods Recede", slug: "floods-recede", language: "en", status: .draft, publishedAt: nil,
                translationGroup: "banjir-2015")
            try await app.test(.router) { client in
                // Alone in its group (the English one is a draft): no alternates yet; the page is now cached.
                #expect(!(try await client.get("/2015/10/banjir-surut").text.contains("hreflang")))
                try await seed.edit(english, status: .published)
                for path in ["/2015/10/banjir-surut", "/2025/03/floods-recede"] {
                    let html = try await client.get(path).text
                    #expect(
                        html.contains(
                            "<link rel=\"alternate\" hreflang=\"en\" href=\"\(Self.site)/2025/03/floods-recede\">"),
                        "\(path)")
                    #expect(
                        html.contains(
                            "<link rel=\"alternate\" hreflang=\"id\" href=\"\(Self.site)/2015/10/banjir-surut\">"),
                        "\(path)")
                }
            }
        }
    }

    @Test("List pages carry canonical, OpenGraph, Twitter card and their feeds", arguments: TestDatabase.allCases)
    func listPageMetadata(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(category: "Lingkungan")
            try await app.test(.router) { client in
                let home = try await client.get("/").text
                #expect(
                    home.contains(
                        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Berita terbaru\" href=\"/feed\">")
                )
                #expect(home.contains("<meta name=\"twitter:card\" content=\"summary\">"))
                let category = try await client.get("/category/lingkungan").text
                #expect(category.contains("<link rel=\"canonical\" href=\"\(Self.site)/category/lingkungan\">"))
                #expect(category.contains("href=\"/category/lingkungan/feed.atom\""))
                #expect(category.contains("<meta property=\"og:url\" content=\"\(Self.site)/category/lingkungan\">"))
            }
        }
    }

    @Test(
        "A bad translation group is refused in the editor with a message, nothing saved",
        arguments: TestDatabase.allCases)
    func badTranslationGroup(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let fields = [
                    ("title", "Banjir"), ("body", "Air turun."), ("language", "id"),
                    ("translation_group", "Bad Group!"),
                    ("action", "save"),
                ]
                _ = try await browser.get("/admin/articles/new")
                let refused = try await browser.post("/admin/articles", fields)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("Gunakan hanya huruf kecil, angka, dan tanda hubung."))
                #expect(try await Article.query(on: seed.services.database.db).count() == 0)
                let saved = try await browser.post(
                    "/admin/articles", fields.map { $0.0 == "translation_group" ? ($0.0, " Banjir-2015 ") : $0 })
                #expect(saved.status == .seeOther)
                let article = try #require(try await Article.query(on: seed.services.database.db).first())
                #expect(article.translationGroup == "banjir-2015")
                let edit = try await browser.get(try #require(saved.headers[.location]))
                #expect(edit.text.contains("name=\"translation_group\" id=\"translation_group\" value=\"banjir-2015\""))
            }
        }
    }
}
