import Testing

@testable import WartaApp

/// Keys hold the canonical path and only the parameters the route reads; other spellings are told to redirect.
@Suite struct PageAddressTests {
    private func address(_ uri: String) -> PageAddress? {
        guard case .page(let address) = PageAddress.read(uri) else { return nil }
        return address
    }

    @Test(
        "Canonical addresses key on themselves",
        arguments: [
            ("/", PageAddress.Route.home), ("/?page=2", .home), ("/2015/10/banjir-surut", .article),
            ("/category/ekonomi", .list), ("/tag/banjir?page=12", .list), ("/author/rina-hapsari", .list),
            ("/search", .search), ("/0999/01/x", .article),
        ])
    func canonicalAddresses(uri: String, route: PageAddress.Route) throws {
        let found = try #require(address(uri))
        #expect(found.route == route)
        #expect(found.key == uri)
        #expect(found.isCanonical)
    }

    @Test(
        "Other spellings name their canonical address",
        arguments: [
            ("/2024/1/slug", "/2024/01/slug"), ("/2024/01/slug/", "/2024/01/slug"), ("/2024/01/Slug", "/2024/01/slug"),
            ("/999/1/x", "/0999/01/x"), ("/02024/01/x", "/2024/01/x"), ("//2024//01/x", "/2024/01/x"),
            ("/Category/Ekonomi", "/category/ekonomi"), ("/tag/banjir/", "/tag/banjir"), ("/?page=1", "/"),
            ("/?page=01", "/"), ("/?page=002", "/?page=2"), ("/category/a?page=1&utm=x", "/category/a"),
            ("//", "/"), ("/SEARCH?page=1", "/search"),
        ])
    func otherSpellings(uri: String, canonical: String) throws {
        let found = try #require(address(uri))
        #expect(!found.isCanonical)
        #expect(found.key == canonical)
    }

    @Test(
        "Parameters a route does not read stay out of the key",
        arguments: [
            ("/?utm_source=x&fbclid=y", "/"), ("/?", "/"), ("/2015/10/a?page=2", "/2015/10/a"),
            ("/2015/10/a?anything=1&page=x", "/2015/10/a"), ("/tag/b?x=1&page=3&y=2", "/tag/b?page=3"),
            ("/?pagex=2&xpage=3&Page=4", "/"), ("/?page=2&&&", "/?page=2"), ("/2024/01/slug?page=01", "/2024/01/slug"),
        ])
    func unreadParametersAreLeftOut(uri: String, key: String) throws {
        let found = try #require(address(uri))
        #expect(found.key == key)
        #expect(found.isCanonical)
    }

    @Test func searchKeysItsParametersInTableOrder() throws {
        let found = try #require(address("/search?page=2&x=1&category=ekonomi&q=banjir+surut%21"))
        #expect(found.key == "/search?q=banjir%20surut%21&category=ekonomi&page=2")
        #expect(found.isCanonical)
        #expect(found.text == [.q: "banjir surut!", .category: "ekonomi"])
        #expect(found.page == 2)
        let reordered = try #require(address("/search?category=ekonomi&q=banjir%20surut!&page=2"))
        #expect(reordered.key == found.key)
        #expect(try #require(address("/search?q=&category=")).key == "/search")
    }

    @Test(
        "Pages and queries the route cannot read are 400s from the route",
        arguments: [
            "/?page=abc", "/?page=0", "/?page=-1", "/?page=", "/?page", "/?page=100001", "/?page=2&page=3",
            "/?page=99999999999999999999", "/?page=%32", "/search?q=%zz", "/search?q=%C3", "/search?q=a&q=b",
        ])
    func badQueries(uri: String) {
        guard case .badQuery = PageAddress.read(uri) else {
            Issue.record("\(uri) read as \(PageAddress.read(uri))")
            return
        }
    }

    @Test(
        "Everything else is not a cached page",
        arguments: [
            "", "*", "/admin", "/admin/articles", "/2015/13/x", "/2015/00/x", "/0/10/x", "/12345/10/x", "/2015/10",
            "/2015/10/x/comments", "/x", "/category", "/category/a/b", "/lang/en?return=/", "/assets/site.abc.css",
            "/2015/10/a_b", "/2015/10/a%20b", "/2015/10/ä", "/tag/a.b", "http://example.com/", "/healthz",
            "/category/" + String(repeating: "a", count: 201), "/a/b/c/d", "/search/x",
        ])
    func notPages(uri: String) {
        #expect(PageAddress.read(uri) == .notAPage)
    }

    @Test("Every SitePath of a cached page reads back as itself")
    func sitePathsAreCanonical() throws {
        for path in [
            SitePath.home(page: 1), .home(page: 7), .article(year: 2015, month: 3, slug: "banjir"),
            .category("ekonomi"), .tag("banjir"), .author("rina-hapsari"),
        ] {
            let found = try #require(address(path.path))
            #expect(found.key == path.path)
            #expect(found.isCanonical)
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...127, using: &generator) }
            let uri = "/" + String(decoding: bytes, as: UTF8.self)
            if case .page(let found) = PageAddress.read(uri) {
                // A key is always itself canonical.
                #expect(address(found.key)?.key == found.key)
                #expect(address(found.key)?.isCanonical == true)
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
