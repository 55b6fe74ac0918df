import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import WartaApp

/// Keys, canonical addresses, encodings and UI language through the real app (CONTRACTS.md, "Page cache").
@Suite struct CacheKeyTests {
    @Test("Other spellings of a page answer 301 to its canonical address", arguments: TestDatabase.allCases)
    func otherSpellingsRedirect(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(slug: "banjir", category: "Ekonomi")
            try await app.test(.router) { client in
                let spellings = [
                    ("/2015/010/banjir", "/2015/10/banjir"), ("/2015/10/banjir/", "/2015/10/banjir"),
                    ("/2015/10/Banjir", "/2015/10/banjir"), ("//2015/10/banjir", "/2015/10/banjir"),
                    ("/?page=1", "/"), ("/?page=01&utm_source=x", "/"), ("/Category/Ekonomi", "/category/ekonomi"),
                    ("/category/ekonomi/?page=1", "/category/ekonomi"),
                ]
                for (asked, canonical) in spellings {
                    for cookie in ["", "warta_session=abc"] {
                        let response = try await client.get(asked, headers: cookie.isEmpty ? [:] : [.cookie: cookie])
                        #expect(response.status == .movedPermanently, "\(asked)")
                        #expect(response.headers[.location] == canonical, "\(asked)")
                    }
                    #expect(try await client.get(canonical).status == .ok, "\(canonical)")
                }
                // The old-slug redirect still follows the canonical one.
                try await seed.edit(article) { $0.slug = "banjir-surut" }
                let old = try await client.get("/2015/10/banjir")
                #expect(old.status == .movedPermanently)
                #expect(old.headers[.location] == "/2015/10/banjir-surut")
                #expect(try await client.get("/2015/10/Banjir").headers[.location] == "/2015/10/banjir")
            }
        }
    }

    @Test("Canonical redirects hold with the cache off")
    func redirectsWithoutCache() async throws {
        try await withTestApp(.sqlite, configure: { $0.pageCacheBytes = 0 }) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let moved = try await client.get("/2015/10/banjir/")
                #expect(moved.headers[.location] == "/2015/10/banjir")
                #expect(try await client.get("/2015/10/banjir").status == .ok)
            }
        }
    }

    @Test("Parameters no route reads share the key and change no byte of the page", arguments: TestDatabase.allCases)
    func unreadParametersShareTheKey(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let plain = try await client.get("/2015/10/banjir")
                let tagged = try await client.get("/2015/10/banjir?utm_source=x&fbclid=%3Cscript%3E&page=9")
                #expect(tagged.status == .ok)
                #expect(tagged.headers[.eTag] == plain.headers[.eTag])
                #expect(tagged.body == plain.body)
                #expect(!tagged.text.contains("utm_source"))
                #expect(seed.services.cache.count == 1)
                // A miss with extra parameters stores the same page a plain miss would.
                seed.services.cache.dropAll()
                let first = try await client.get("/?ref=newsletter")
                #expect(!first.text.contains("ref%3Dnewsletter"))
                #expect(try await client.get("/").headers[.eTag] == first.headers[.eTag])
                #expect(seed.services.cache.count == 1)
            }
        }
    }

    @Test("Accept-Language picks the UI language on a first visit; the cookie wins", arguments: TestDatabase.allCases)
    func acceptLanguageOnFirstVisit(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let english = try await client.get("/2015/10/banjir", headers: [.acceptLanguage: "en-GB,en;q=0.9"])
                #expect(english.text.contains("<html lang=\"en\""))
                #expect(english.text.contains("By Rina Hapsari"))
                let french = try await client.get("/2015/10/banjir", headers: [.acceptLanguage: "de, fr;q=0.8"])
                #expect(french.text.contains("<html lang=\"fr\""))
                let chosen = try await client.get(
                    "/2015/10/banjir", headers: [.acceptLanguage: "en", .cookie: "warta_lang=id"])
                #expect(chosen.text.contains("<html lang=\"id\""))
                let unknown = try await client.get("/2015/10/banjir", headers: [.acceptLanguage: "de, en;q=0"])
                #expect(unknown.text.contains("<html lang=\"id\""))
                #expect(seed.services.cache.count == 3)
                // The hit answers what the miss rendered.
                let again = try await client.get("/2015/10/banjir", headers: [.acceptLanguage: "en"])
                #expect(again.headers[.eTag] == english.headers[.eTag])
                #expect(english.headers[.vary]?.contains("Accept-Language") == true)
            }
        }
    }

    @Test(
        "gzip and plain carry different ETags; If-None-Match lists, W/ and * give 304", arguments: TestDatabase.allCases
    )
    func etagsPerEncoding(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let path = "/2015/10/banjir"
                let plain = try await client.get(path)
                let zipped = try await client.get(path, headers: [.acceptEncoding: "gzip;q=1, identity;q=0.5"])
                let plainTag = try #require(plain.headers[.eTag])
                let zippedTag = try #require(zipped.headers[.eTag])
                #expect(plainTag != zippedTag)
                #expect(zipped.headers[.contentEncoding] == "gzip")
                #expect(try await client.get(path, headers: [.acceptEncoding: "gzip;q=0"]).headers[.eTag] == plainTag)
                let cases: [(HTTPFields, HTTPResponse.Status)] = [
                    ([.ifNoneMatch: "\"other\", W/\(plainTag)"], .notModified),
                    ([.ifNoneMatch: "*"], .notModified),
                    ([.ifNoneMatch: zippedTag], .ok),
                    ([.ifNoneMatch: zippedTag, .acceptEncoding: "gzip"], .notModified),
                    ([.ifNoneMatch: plainTag, .acceptEncoding: "gzip"], .ok),
                    ([.ifNoneMatch: "garbage,,\"\""], .ok),
                ]
                for (headers, status) in cases {
                    let response = try await client.get(path, headers: headers)
                    #expect(response.status == status, "\(headers)")
                    if status == .notModified {
                        #expect(response.body.readableBytes == 0)
                        #expect(response.headers[.eTag] != nil)
                        #expect(response.headers[.vary] == CacheRequestRules.vary)
                    }
                }
                let head = try await client.execute(uri: path, method: .head, headers: [.acceptEncoding: "gzip"])
                #expect(head.status == .ok)
                #expect(head.body.readableBytes == 0)
                #expect(head.headers[.eTag] == zippedTag)
            }
        }
    }
}

extension CacheKeyTests {
    @Test("Entries expire at the next midnight in the site zone, 10 minutes at most", arguments: TestDatabase.allCases)
    func entriesExpireAtMidnight(database: TestDatabase) async throws {
        try await withTestApp(database, at: "2025-03-03T23:59:30+07:00") { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                let before = NIODeadline.now()
                _ = try await client.get("/2015/10/banjir")
                _ = try await client.get("/")
                let cache = seed.services.cache
                let article = try #require(cache.peek(.init(path: "/2015/10/banjir", language: .id)))
                #expect(article.expires <= NIODeadline.now() + .seconds(30))
                #expect(article.expires >= before + .seconds(29))
                #expect(cache.lookup(.init(path: "/", language: .id), now: .now() + .seconds(31)) == nil)
            }
        }
        try await withTestApp(database, at: "2025-03-03T09:00:00+07:00") { app, seed in
            try await seed.article(slug: "banjir")
            try await app.test(.router) { client in
                _ = try await client.get("/2015/10/banjir")
                let entry = try #require(seed.services.cache.peek(.init(path: "/2015/10/banjir", language: .id)))
                #expect(entry.expires <= NIODeadline.now() + PageCache.maximumAge)
            }
        }
    }
}
