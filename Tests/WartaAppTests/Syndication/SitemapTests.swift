import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Serialized: each case holds a PostgreSQL pool, and the whole suite already runs near the server's limit.
@Suite(.serialized) struct SitemapTests {
    static let site = "http://127.0.0.1:8080"
    static let map = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    static let news = "{http://www.google.com/schemas/sitemap-news/0.9}"

    @Test(
        "The index names each article sitemap and the news sitemap; files hold their share with lastmod",
        arguments: TestDatabase.allCases)
    func indexAndArticleSitemaps(database: TestDatabase) async throws {
        try await withTestApp(database, configure: { $0.sitemapURLsPerFile = 2 }) { app, seed in
            for (slug, day) in [("satu", "01"), ("dua", "02"), ("tiga", "03")] {
                try await seed.article(
                    title: "Berita \(slug)", slug: slug, publishedAt: "2025-02-\(day)T10:00:00+07:00")
            }
            try await seed.article(title: "Draf", slug: "draf", status: .draft, publishedAt: nil)
            try await app.test(.router) { client in
                let index = try await client.get("/sitemap.xml")
                #expect(index.headers[.contentType] == "application/xml; charset=utf-8")
                let parsed = try ParsedXML.parse(Data(index.body.readableBytesView))
                #expect(parsed.root == Self.map + "sitemapindex")
                #expect(
                    parsed.texts(Self.map + "loc") == [
                        Self.site + "/sitemap-articles-1.xml", Self.site + "/sitemap-articles-2.xml",
                        Self.site + "/sitemap-news.xml",
                    ])
                #expect(
                    parsed.texts(Self.map + "lastmod") == ["2025-03-03T09:00:00+07:00", "2025-03-03T09:00:00+07:00"])
                let first = try ParsedXML.parse(
                    Data(try await client.get("/sitemap-articles-1.xml").body.readableBytesView))
                #expect(first.root == Self.map + "urlset")
                #expect(first.texts(Self.map + "loc") == [Self.site + "/2025/02/satu", Self.site + "/2025/02/dua"])
                #expect(first.texts(Self.map + "lastmod").count == 2)
                let second = try ParsedXML.parse(
                    Data(try await client.get("/sitemap-articles-2.xml").body.readableBytesView))
                #expect(second.texts(Self.map + "loc") == [Self.site + "/2025/02/tiga"])
                for missing in [
                    "/sitemap-articles-0.xml", "/sitemap-articles-3.xml", "/sitemap-articles-01.xml",
                    "/sitemap-articles-x.xml", "/sitemap-articles-.xml", "/sitemap-articles-9999999.xml", "/foo.xml",
                    "/Sitemap.xml", "/sitemap-articles--1.xml",
                ] {
                    #expect(try await client.get(missing).status == .notFound, "\(missing)")
                }
            }
        }
    }

    @Test("With nothing published the index still names one empty article sitemap", arguments: TestDatabase.allCases)
    func emptySite(database: TestDatabase) async throws {
        try await withTestApp(database) { app, _ in
            try await app.test(.router) { client in
                let index = try ParsedXML.parse(Data(try await client.get("/sitemap.xml").body.readableBytesView))
                #expect(index.texts(Self.map + "loc").count == 2)
                let first = try await client.get("/sitemap-articles-1.xml")
                #expect(first.status == .ok)
                #expect(try ParsedXML.parse(Data(first.body.readableBytesView)).texts(Self.map + "url").isEmpty)
                let news = try ParsedXML.parse(Data(try await client.get("/sitemap-news.xml").body.readableBytesView))
                #expect(news.root == Self.map + "urlset")
            }
        }
    }

    @Test(
        "The news sitemap lists the last 48 hours only, with publication, language, date and title",
        arguments: TestDatabase.allCases)
    func newsSitemap(database: TestDatabase) async throws {
        // The clock: 2025-03-03 09:00 WIB.
        try await withTestApp(database) { app, seed in
            try await seed.article(title: "Baru Saja", slug: "baru", publishedAt: "2025-03-03T08:00:00+07:00")
            try await seed.article(
                title: "Hampir Dua Hari", slug: "hampir", language: "en-GB", publishedAt: "2025-03-01T10:00:00+07:00")
            try await seed.article(title: "Terlalu Lama", slug: "lama", publishedAt: "2025-03-01T08:00:00+07:00")
            try await seed.article(title: "Dulu Sekali", slug: "dulu")
            try await app.test(.router) { client in
                let response = try await client.get("/sitemap-news.xml")
                #expect(response.text.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""))
                let xml = try ParsedXML.parse(Data(response.body.readableBytesView))
                #expect(xml.texts(Self.map + "loc") == [Self.site + "/2025/03/baru", Self.site + "/2025/03/hampir"])
                #expect(xml.texts(Self.news + "name") == ["Warta", "Warta"])
                #expect(xml.texts(Self.news + "language") == ["id", "en"])
                #expect(
                    xml.texts(Self.news + "publication_date") == [
                        "2025-03-03T08:00:00+07:00", "2025-03-01T10:00:00+07:00",
                    ])
                #expect(xml.texts(Self.news + "title") == ["Baru Saja", "Hampir Dua Hari"])
            }
        }
    }

    @Test("robots.txt keeps the newsroom out and names both sitemaps", arguments: TestDatabase.allCases)
    func robots(database: TestDatabase) async throws {
        try await withTestApp(database) { app, _ in
            try await app.test(.router) { client in
                let response = try await client.get("/robots.txt")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                let lines = response.text.split(separator: "\n").map(String.init)
                #expect(lines.first == "User-agent: *")
                #expect(lines.contains("Disallow: /admin"))
                #expect(lines.contains("Sitemap: \(Self.site)/sitemap.xml"))
                #expect(lines.contains("Sitemap: \(Self.site)/sitemap-news.xml"))
                let head = try await client.execute(uri: "/robots.txt", method: .head)
                #expect(head.status == .ok && head.body.readableBytes == 0)
            }
        }
    }

    @Test(
        "Sitemaps are cached with ETag/304 and gzip, and publishing or unpublishing drops them",
        arguments: TestDatabase.allCases)
    func sitemapsFollowPublishing(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(
                title: "Baru Saja", slug: "baru", publishedAt: "2025-03-03T08:00:00+07:00")
            try await app.test(.router) { client in
                for path in ["/sitemap.xml", "/sitemap-articles-1.xml", "/sitemap-news.xml"] {
                    let response = try await client.get(path)
                    let etag = try #require(response.headers[.eTag])
                    #expect(try await client.get(path, headers: [.ifNoneMatch: etag]).status == .notModified)
                    let zipped = try await client.get(path, headers: [.acceptEncoding: "gzip"])
                    #expect(zipped.headers[.contentEncoding] == "gzip")
                }
                try await seed.edit(article, status: .unpublished)
                let news = try ParsedXML.parse(Data(try await client.get("/sitemap-news.xml").body.readableBytesView))
                #expect(news.texts(Self.map + "loc").isEmpty)
                let articles = try ParsedXML.parse(
                    Data(try await client.get("/sitemap-articles-1.xml").body.readableBytesView))
                #expect(articles.texts(Self.map + "loc").isEmpty)
            }
        }
    }
}
