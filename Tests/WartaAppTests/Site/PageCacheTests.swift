import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct PageCacheTests {
    @Test("Anonymous pages are cached with ETag, gzip and 304", arguments: TestDatabase.allCases)
    func cachedPagesAnswerWithETag(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let first = try await client.get("/2015/10/banjir")
                let etag = try #require(first.headers[.eTag])
                #expect(seed.services.cache.count == 1)
                let again = try await client.get("/2015/10/banjir", headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified)
                let zipped = try await client.get("/2015/10/banjir", headers: [.acceptEncoding: "gzip, br"])
                #expect(zipped.headers[.contentEncoding] == "gzip")
                #expect(zipped.body.readableBytes < first.body.readableBytes)
            }
        }
    }

    @Test("Kept and one-off gzip bodies unpack, with Debian's gzip, to the plain page", arguments: [64, 0])
    func gzipBodiesUnpackToThePage(cacheMB: Int) async throws {
        try await withTestApp(.sqlite, configure: { $0.pageCacheBytes = cacheMB * 1024 * 1024 }) { app, seed in
            try await seed.article(title: "Banjir Surut 🌊 <Pagi>", slug: "banjir", body: "Air **turun**. ✨")
            try await app.test(.router) { client in
                let plain = try await client.get("/2015/10/banjir")
                let zipped = try await client.get("/2015/10/banjir", headers: [.acceptEncoding: "gzip"])
                #expect(zipped.headers[.contentEncoding] == "gzip")
                #expect(try Self.gunzip(Data(zipped.body.readableBytesView)) == Data(plain.body.readableBytesView))
            }
        }
    }

    /// `gzip -dc`: an unpacker that shares no code with the server.
    static func gunzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let unpacked = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return unpacked
    }

    @Test("A signed-in visitor gets a private page, gzipped, never cached", arguments: TestDatabase.allCases)
    func signedInPagesArePrivate(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.article(title: "Banjir Surut Pagi Ini", slug: "banjir")
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                let plain = try await client.get("/2015/10/banjir", headers: [.cookie: cookie])
                #expect(plain.status == .ok)
                #expect(plain.headers[.cacheControl] == "private, no-cache")
                #expect(plain.text.contains("Banjir Surut Pagi Ini"))
                let zipped = try await client.get(
                    "/2015/10/banjir", headers: [.cookie: cookie, .acceptEncoding: "gzip"])
                #expect(zipped.headers[.contentEncoding] == "gzip")
                #expect(try Self.gunzip(Data(zipped.body.readableBytesView)) == Data(plain.body.readableBytesView))
                #expect(zipped.body.readableBytes < plain.body.readableBytes)
                #expect(seed.services.cache.count == 0)
            }
        }
    }

    @Test("Every page forbids scripts; the newsroom cannot be framed")
    func securityHeaders() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                for path in ["/2015/10/banjir", "/2015/10/banjir", "/", "/tidak-ada", "/category/tidak-ada"] {
                    let response = try await client.get(path)
                    let policy = try #require(response.headers[.contentSecurityPolicy], "no CSP on \(path)")
                    #expect(policy.contains("script-src 'none'"))
                    #expect(policy.contains("frame-ancestors 'self'"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
                let zipped = try await client.get("/2015/10/banjir", headers: [.acceptEncoding: "gzip"])
                #expect(zipped.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
                for path in ["/admin/signin", "/admin/articles", "/admin/nope"] {
                    let response = try await client.get(path)
                    let policy = try #require(response.headers[.contentSecurityPolicy], "no CSP on \(path)")
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(response.headers[try #require(HTTPField.Name("X-Frame-Options"))] == "DENY")
                }
            }
        }
    }

    @Test("Editing an article drops its entry; publishing drops every list", arguments: TestDatabase.allCases)
    func publishingInvalidates(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(title: "Judul Lama", slug: "banjir")
            try await app.test(.router) { client in
                #expect(try await client.get("/2015/10/banjir").text.contains("Judul Lama"))
                #expect(try await client.get("/").text.contains("Judul Lama"))
                var draft = ArticleDraft()
                draft.title = "Judul Baru"
                draft.slug = "banjir"
                draft.bodyMarkdown = "Isi."
                let editor = StaffIdentity(id: UUID(), name: "Dodi", email: "d@example.com", role: .editor)
                _ = try await seed.services.writer.update(
                    id: try article.requireID(), draft, expectedVersion: 1, status: nil, by: editor,
                    on: seed.services.database.db)
                #expect(try await client.get("/2015/10/banjir").text.contains("Judul Baru"))
                #expect(try await client.get("/").text.contains("Judul Baru"))
                try await seed.article(title: "Artikel Kedua")
                #expect(try await client.get("/").text.contains("Artikel Kedua"))
            }
        }
    }

    @Test func sessionCookieSkipsTheCache() {
        let session = CacheRequestRules.decision(
            isGetOrHead: true, uri: "/", cookie: "warta_session=abc", acceptLanguage: nil, defaultLanguage: .id)
        #expect(session == .bypass)
        let anonymous = CacheRequestRules.decision(
            isGetOrHead: true, uri: "/?page=2", cookie: "warta_lang=fr", acceptLanguage: nil, defaultLanguage: .id)
        #expect(anonymous == .lookup(PageCache.Key(path: "/?page=2", language: .fr)))
    }

    @Test func cacheStaysWithinItsBound() {
        let cache = PageCache(limitBytes: 64 * 1024)
        let page = String(repeating: "<p>berita</p>", count: 300)
        let now = Date()
        for index in 0..<100 {
            cache.store(
                .init(path: "/\(index)", language: .id), html: page + "\(index)", kind: .list,
                expiresAt: now.addingTimeInterval(60), now: now)
        }
        #expect(cache.count < 100)
        #expect(cache.lookup(.init(path: "/99", language: .id)) != nil)
        #expect(cache.lookup(.init(path: "/0", language: .id)) == nil)
    }

    @Test("Health, readiness and metrics", arguments: TestDatabase.allCases)
    func healthEndpoints(database: TestDatabase) async throws {
        try await withTestApp(database) { app, _ in
            try await app.test(.router) { client in
                #expect(try await client.get("/healthz").status == .ok)
                #expect(try await client.get("/readyz").status == .ok)
                _ = try await client.get("/")
                _ = try await client.get("/")
                let metrics = try await client.get("/metrics").text
                #expect(metrics.contains("warta_page_cache_hits_total 1"))
                #expect(metrics.contains("warta_http_requests_total"))
            }
        }
    }
}
