import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Serialized: each case holds a PostgreSQL pool, and the whole suite already runs near the server's limit.
@Suite(.serialized) struct FeedTests {
    static let site = "http://127.0.0.1:8080"

    /// A plain story, a republished agency story and a translation, in two categories.
    static func seedStories(_ seed: Seed) async throws {
        try await seed.article(
            title: "Banjir Surut di Ciliwung", slug: "banjir-surut", publishedAt: "2025-03-01T07:00:00+07:00",
            category: "Lingkungan", tags: ["Jakarta"])
        try await seed.article(
            title: "Harga Minyak <Naik> & \"Turun\"", slug: "harga-minyak", author: "Reuters",
            publishedAt: "2025-03-02T08:00:00+07:00", category: "Ekonomi", source: "Reuters",
            sourceURL: "https://reuters.example/oil")
        try await seed.article(
            title: "Gudang Pendingin Tenaga Surya", slug: "gudang-pendingin", author: "Claire Donovan",
            publishedAt: "2025-03-03T06:00:00+07:00", category: "Ekonomi", source: "The Island Ledger",
            sourceURL: "https://ledger.example/solar", originalLanguage: "en", translator: "Maya Lestari",
            originalURL: "https://ledger.example/original")
    }

    @Test(
        "The site's RSS, Atom and JSON feeds parse cleanly in feedparser with every item",
        arguments: TestDatabase.allCases)
    func siteFeedsParse(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await Self.seedStories(seed)
            try await app.test(.router) { client in
                for (path, version, type) in [
                    ("/feed", "rss20", "application/rss+xml"), ("/feed.atom", "atom10", "application/atom+xml"),
                ] {
                    let response = try await client.get(path)
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == type + "; charset=utf-8")
                    let feed = try ParsedFeed.parse(Data(response.body.readableBytesView))
                    #expect(feed.bozo == 0, "\(path): \(feed.bozoException)")
                    #expect(feed.version == version)
                    #expect(feed.title == "Warta")
                    #expect(feed.link == Self.site + "/")
                    #expect(
                        feed.entries.map(\.title) == [
                            "Gudang Pendingin Tenaga Surya", "Harga Minyak <Naik> & \"Turun\"",
                            "Banjir Surut di Ciliwung",
                        ])
                    #expect(
                        feed.entries.map(\.link) == [
                            Self.site + "/2025/03/gudang-pendingin", Self.site + "/2025/03/harga-minyak",
                            Self.site + "/2025/03/banjir-surut",
                        ])
                    #expect(feed.entries.allSatisfy { $0.id?.hasPrefix("urn:uuid:") == true })
                    #expect(feed.entries.map(\.author) == ["Claire Donovan", "Reuters", "Rina Hapsari"])
                    #expect(feed.entries.last?.published == "2025-03-01T00:00:00Z")
                    let content = feed.entries.map { $0.content.first ?? "" }
                    #expect(content[2].contains("Air mulai <strong>turun</strong>."))
                    #expect(content[1].contains("- Sumber : <a href=\"https://reuters.example/oil\">Reuters</a>"))
                    #expect(content[0].contains("Diterjemahkan dari bahasa Inggris oleh Maya Lestari"))
                    #expect(feed.links.contains { $0.rel == "self" && $0.href == Self.site + path })
                }
                let json = try await client.get("/feed.json")
                #expect(json.headers[.contentType] == "application/feed+json; charset=utf-8")
                let items = try Self.jsonFeedItems(json, title: "Warta", feedURL: Self.site + "/feed.json")
                #expect(
                    items.map { $0["title"] as? String } == [
                        "Gudang Pendingin Tenaga Surya", "Harga Minyak <Naik> & \"Turun\"", "Banjir Surut di Ciliwung",
                    ])
                #expect(items.first?["date_published"] as? String == "2025-03-03T06:00:00+07:00")
                let html = items.map { $0["content_html"] as? String ?? "" }
                #expect(html[1].contains("- Sumber : <a href=\"https://reuters.example/oil\">Reuters</a>"))
                #expect(html[0].contains("Diterjemahkan dari bahasa Inggris oleh Maya Lestari"))
                let authors = items.map { (($0["authors"] as? [[String: Any]])?.first?["name"] as? String) }
                #expect(authors == ["Claire Donovan", "Reuters", "Rina Hapsari"])
            }
        }
    }

    /// Debian's feedparser (6.0) predates JSON Feed: the feed is checked against JSON Feed 1.1's required keys.
    static func jsonFeedItems(_ response: TestResponse, title: String, feedURL: String) throws -> [[String: Any]] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(object["title"] as? String == title)
        #expect(object["feed_url"] as? String == feedURL)
        let items = try #require(object["items"] as? [[String: Any]])
        for item in items {
            #expect((item["id"] as? String)?.hasPrefix("urn:uuid:") == true)
            #expect(item["content_html"] is String)
            #expect((item["url"] as? String)?.hasPrefix(site) == true)
        }
        return items
    }

    @Test(
        "The RSS feed names the Atom self link, dc:creator, content:encoded and the language",
        arguments: TestDatabase.allCases)
    func rssElements(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await Self.seedStories(seed)
            try await app.test(.router) { client in
                let xml = try ParsedXML.parse(Data(try await client.get("/feed").body.readableBytesView))
                #expect(xml.root == "rss")
                #expect(
                    xml.texts("{http://purl.org/dc/elements/1.1/}creator") == [
                        "Claire Donovan", "Reuters", "Rina Hapsari",
                    ])
                #expect(xml.texts("{http://purl.org/rss/1.0/modules/content/}encoded").count == 3)
                #expect(xml.elements.contains { $0.tag == "{http://www.w3.org/2005/Atom}link" })
                #expect(xml.texts("language") == ["id"])
                #expect(xml.texts("pubDate").last == "Sat, 01 Mar 2025 07:00:00 +0700")
            }
        }
    }

    @Test("Category, tag and author feeds hold only their list; unknown ones are 404", arguments: TestDatabase.allCases)
    func listFeeds(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await Self.seedStories(seed)
            try await app.test(.router) { client in
                let json = try await client.get("/category/ekonomi/feed.json")
                #expect(
                    try Self.jsonFeedItems(
                        json, title: "Ekonomi – Warta", feedURL: Self.site + "/category/ekonomi/feed.json"
                    ).count == 2)
                for format in ["feed", "feed.atom"] {
                    let category = try ParsedFeed.parse(
                        Data(try await client.get("/category/ekonomi/\(format)").body.readableBytesView))
                    #expect(category.bozo == 0, "\(category.bozoException)")
                    #expect(category.title == "Ekonomi – Warta")
                    #expect(category.entries.count == 2)
                    let tag = try ParsedFeed.parse(
                        Data(try await client.get("/tag/jakarta/\(format)").body.readableBytesView))
                    #expect(tag.bozo == 0)
                    #expect(tag.entries.map(\.title) == ["Banjir Surut di Ciliwung"])
                    let author = try ParsedFeed.parse(
                        Data(try await client.get("/author/reuters/\(format)").body.readableBytesView))
                    #expect(author.bozo == 0)
                    #expect(author.entries.map(\.author) == ["Reuters"])
                    for missing in [
                        "/category/tidak-ada/feed.json", "/tag/tidak-ada/feed.json", "/author/tidak-ada/feed.json",
                        "/category/tidak-ada/\(format)", "/tag/tidak-ada/\(format)", "/author/tidak-ada/\(format)",
                        "/category/Ekonomi/\(format)", "/category/ekonomi/\(format)x",
                    ] {
                        #expect(try await client.get(missing).status == .notFound, "\(missing)")
                    }
                }
                let page = try await client.get("/feed?utm_source=x&page=abc")
                #expect(page.status == .ok)
            }
        }
    }

    @Test("Feeds answer HEAD, 304 on their ETag, gzip, and a publish drops them", arguments: TestDatabase.allCases)
    func feedsAreCached(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let first = try await seed.article(title: "Banjir Surut di Ciliwung", slug: "banjir-surut")
            try await app.test(.router) { client in
                for path in ["/feed", "/feed.atom", "/feed.json", "/author/rina-hapsari/feed"] {
                    let response = try await client.get(path)
                    let etag = try #require(response.headers[.eTag])
                    #expect(response.headers[.cacheControl]?.hasPrefix("public, max-age=") == true)
                    let again = try await client.get(path, headers: [.ifNoneMatch: etag])
                    #expect(again.status == .notModified)
                    #expect(again.body.readableBytes == 0)
                    let head = try await client.execute(uri: path, method: .head)
                    #expect(head.status == .ok)
                    #expect(head.body.readableBytes == 0)
                    #expect(head.headers[.eTag] == etag)
                    let zipped = try await client.get(path, headers: [.acceptEncoding: "gzip"])
                    #expect(zipped.headers[.contentEncoding] == "gzip")
                    #expect(zipped.headers[.eTag] != etag)
                    #expect(
                        try PageCacheTests.gunzip(Data(zipped.body.readableBytesView))
                            == Data(response.body.readableBytesView))
                    for header in ["\"", "W/", "*garbage*,,", String(repeating: "\"x\",", count: 500)] {
                        let odd = try await client.get(
                            path, headers: [.ifNoneMatch: header, .acceptEncoding: "gzip;q=x, ;;"])
                        #expect([.ok, .notModified].contains(odd.status))
                    }
                }
                #expect(seed.services.cache.count >= 4)
                try await seed.article(
                    title: "Gempa Kecil di Bandung", slug: "gempa", publishedAt: "2025-03-03T08:00:00+07:00")
                let feed = try ParsedFeed.parse(Data(try await client.get("/feed").body.readableBytesView))
                #expect(feed.entries.first?.title == "Gempa Kecil di Bandung")
                try await seed.edit(first, status: .unpublished)
                let after = try ParsedFeed.parse(Data(try await client.get("/feed.atom").body.readableBytesView))
                #expect(after.entries.map(\.title) == ["Gempa Kecil di Bandung"])
                let json = try Self.jsonFeedItems(
                    try await client.get("/feed.json"), title: "Warta", feedURL: Self.site + "/feed.json")
                #expect(json.count == 1)
            }
        }
    }
}
