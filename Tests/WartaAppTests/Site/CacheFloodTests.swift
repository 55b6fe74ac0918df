import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// A flood of requests with random query strings, paths and headers (crawlers, tracking links, scanners) neither
/// pushes the pages readers read out of the cache nor lowers their hit rate (issue 10, part 5).
@Suite struct CacheFloodTests {
    static let requests = 100_000
    static let article = "/2015/10/banjir"

    @Test(
        "100,000 random requests keep the home page and an article, and their hit rate",
        arguments: TestDatabase.allCases)
    func randomRequestsKeepRealPages(database: TestDatabase) async throws {
        // A bound that holds the hot pages and some of the others, so eviction happens.
        try await withTestApp(database, configure: { $0.pageCacheBytes = 160 * 1024 }) { app, seed in
            try await seed.article(slug: "banjir", tags: ["banjir"])
            for index in 0..<12 { try await seed.article(title: "Berita \(index)", tags: ["banjir"]) }
            let others = try await seed.services.articles.latest(page: 1).rows.map(\.path)
            try await app.test(.router) { client in
                var generator = SeededGenerator(seed: 2026)
                var (hotRequests, hotHits) = (0, 0)
                let cache = seed.services.cache
                for _ in 0..<Self.requests {
                    let (uri, isHot, isPage) = Self.randomTarget(others: others, &generator)
                    let headers = Self.randomHeaders(&generator)
                    if isHot {
                        hotRequests += 1
                        let decision = CacheRequestRules.decision(
                            isGetOrHead: true, uri: uri, cookie: headers[.cookie],
                            acceptLanguage: headers[.acceptLanguage], defaultLanguage: .id)
                        if case .lookup(let key) = decision, cache.peek(key) != nil { hotHits += 1 }
                    }
                    let response = try await client.get(uri, headers: headers)
                    if isPage {
                        #expect([.ok, .notModified].contains(response.status), "\(uri)")
                    } else {
                        #expect(response.status.code < 500, "\(uri)")
                    }
                }
                for language in UILanguage.allCases {
                    #expect(cache.peek(.init(path: "/", language: language)) != nil)
                    #expect(cache.peek(.init(path: Self.article, language: language)) != nil)
                }
                #expect(cache.bytes <= cache.limitBytes)
                let metrics = try await client.get("/metrics").text
                let hits = Self.counter("warta_page_cache_hits_total", in: metrics)
                let misses = Self.counter("warta_page_cache_misses_total", in: metrics)
                // Every hot request but the first per page and language is a hit: 2 pages × 3 languages.
                #expect(hotHits >= hotRequests - 6)
                #expect(hits >= hotHits)
                print(
                    "cache flood (\(database)): \(Self.requests) requests, \(hotRequests) hot, \(hotHits) hot hits, "
                        + "all hits \(hits), misses \(misses), entries \(cache.count), bytes \(cache.bytes)")
            }
        }
    }

    /// 80% the home page or the hot article with random tracking parameters, 8% other real pages, 12% random
    /// paths (unknown first segments, article- and list-shaped addresses that do not exist, bad pages).
    static func randomTarget(others: [String], _ generator: inout SeededGenerator) -> (String, Bool, Bool) {
        let roll = Int.random(in: 0..<100, using: &generator)
        let query = randomQuery(&generator)
        switch roll {
        case 0..<40: return ("/" + query, true, true)
        case 40..<80: return (article + query, true, true)
        case 80..<88: return ((others.randomElement(using: &generator) ?? "/") + query, false, true)
        default:
            let word = randomWord(&generator)
            let paths = [
                "/\(word)", "/2015/10/\(word)", "/category/\(word)", "/tag/\(word)?page=7", "/\(word)/\(word)/x/y",
                "/search?q=\(word)", "/assets/\(word).css", "/%7E\(word)", "/2015/13/\(word)", "/?page=\(word)",
            ]
            return ((paths.randomElement(using: &generator) ?? "/") + query, false, false)
        }
    }

    static func randomQuery(_ generator: inout SeededGenerator) -> String {
        let count = Int.random(in: 0..<4, using: &generator)
        guard count > 0 else { return "" }
        let pairs = (0..<count).map { _ in "\(randomWord(&generator))=\(randomWord(&generator))" }
        return "?" + pairs.joined(separator: "&")
    }

    /// Letters, digits, `-`, `_` and a percent escape now and then; never exactly `page`.
    static func randomWord(_ generator: inout SeededGenerator) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_")
        let length = Int.random(in: 1...12, using: &generator)
        var word = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
        if Bool.random(using: &generator) { word += "%2" + String(Int.random(in: 0...9, using: &generator)) }
        return word == "page" ? "pages" : word
    }

    static func randomHeaders(_ generator: inout SeededGenerator) -> HTTPFields {
        var headers = HTTPFields()
        let languages = ["", "en", "fr;q=0.5, id", "de", "en-US,en;q=0.9", ";;q=x", "*", "id;q=0, fr"]
        let encodings = ["", "gzip", "gzip;q=0", "br", "gzip, deflate, br", "*;q=0", "identity"]
        let cookies = ["", "_ga=GA1.2.3", "warta_lang=en", "theme=dark; warta_lang=xx"]
        if let value = languages.randomElement(using: &generator), !value.isEmpty { headers[.acceptLanguage] = value }
        if let value = encodings.randomElement(using: &generator), !value.isEmpty { headers[.acceptEncoding] = value }
        if let value = cookies.randomElement(using: &generator), !value.isEmpty { headers[.cookie] = value }
        return headers
    }

    static func counter(_ name: String, in metrics: String) -> Int {
        let line = metrics.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Int(Double($0.split(separator: " ").last ?? "") ?? -1) } ?? -1
    }
}
