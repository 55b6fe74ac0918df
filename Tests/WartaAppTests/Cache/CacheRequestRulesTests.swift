import Testing

@testable import WartaApp

/// The hit rules on raw header values: encodings, UI language, cookies, `If-None-Match`, and bad input.
@Suite struct CacheRequestRulesTests {
    @Test(arguments: [
        (nil, CacheRequestRules.Coding.identity), ("", .identity), ("gzip", .gzip), ("GZIP", .gzip),
        ("gzip, deflate, br", .gzip), ("br", .identity), ("deflate, br;q=1", .identity), ("gzip;q=0", .identity),
        ("gzip; q=0", .identity), ("gzip;Q=0.000", .identity), ("gzip;q=0.001", .gzip), ("*", .gzip),
        ("*;q=0", .identity), ("*;q=0, gzip", .gzip), ("gzip;q=0, *", .identity), ("identity;q=0", .identity),
        ("identity;q=0, gzip;q=0.1", .gzip), ("gzip;q=0.5, identity", .identity), ("gzip, identity;q=0.5", .gzip),
        ("gzip;q=0.8, identity;q=0.8", .gzip), ("x-gzip", .gzip), ("gzip;level=9;q=1", .gzip),
        ("gzip;q=\"0\"", .identity), ("gzip;foo=\"a,b;q=0\";q=0.3", .gzip), ("  gzip  ;  q=1.0  ", .gzip),
        ("gzipx", .identity), ("x-gzgzip", .identity), ("gzip;q", .identity), ("gzip;q=", .identity),
    ])
    func encodingHonoursWeights(header: String?, expected: CacheRequestRules.Coding) {
        #expect(CacheRequestRules.coding(acceptEncoding: header) == expected)
    }

    @Test(
        "Malformed weights make their element void, never a crash",
        arguments: [
            "gzip;q=2", "gzip;q=1.5", "gzip;q=-1", "gzip;q=.5", "gzip;q=0.1234", "gzip;q=abc", "gzip;q=1e0",
            "gzip;q=0x1",
            "gzip;q=99999999999999999999999", "gzip;q=0.5.5",
        ])
    func malformedWeightsAreIgnored(header: String) {
        #expect(CacheRequestRules.coding(acceptEncoding: header) == .identity)
        #expect(CacheRequestRules.coding(acceptEncoding: header + ", *") == .gzip)
    }

    @Test(arguments: [
        (nil, nil, UILanguage.id), ("warta_lang=fr", nil, .fr), ("warta_lang=fr", "en", .fr),
        ("warta_lang=xx", "en", .en), ("warta_lang=", "fr", .fr), ("a=1; warta_lang=\"en\"; b=2", nil, .en),
        ("warta_lang=EN", nil, .id), ("xwarta_lang=fr", nil, .id), (nil, "en-US,en;q=0.9", .en),
        (nil, "de-DE, fr;q=0.5, en;q=0.4", .fr), (nil, "de, ja", .id), (nil, "en;q=0.5, fr;q=0.5", .en),
        (nil, "fr;q=0.5, en;q=0.5", .fr), (nil, "en;q=0, fr;q=0.1", .fr), (nil, "en;q=0", .id),
        (nil, "EN-gb", .en), (nil, "id-ID,id;q=0.9,en-US;q=0.8", .id), (nil, "*", .id), (nil, "*;q=0.5, en", .en),
        (nil, "en;q=0.5, *", .id), (nil, "id;q=0, *", .en), (nil, "ind, eng, fra", .id), (nil, "e", .id),
        (nil, "fr-CA;q=0.9, en;q=abc", .fr), (nil, ",,,;;;===", .id), (nil, "-", .id), (nil, "fr-", .fr),
    ])
    func uiLanguageFromCookieThenAcceptLanguage(cookie: String?, acceptLanguage: String?, expected: UILanguage) {
        #expect(CacheRequestRules.language(cookie: cookie, acceptLanguage: acceptLanguage, default: .id) == expected)
    }

    @Test func defaultLanguageComesLast() {
        #expect(CacheRequestRules.language(cookie: nil, acceptLanguage: nil, default: .fr) == .fr)
        #expect(CacheRequestRules.language(cookie: nil, acceptLanguage: "de", default: .en) == .en)
        #expect(CacheRequestRules.language(cookie: nil, acceptLanguage: "*", default: .en) == .en)
        #expect(CacheRequestRules.language(cookie: nil, acceptLanguage: "en;q=0, *", default: .en) == .id)
    }

    @Test(arguments: [
        (nil, false), ("", false), ("\"abc\"", true), ("W/\"abc\"", true), ("\"x\", \"abc\"", true),
        ("\"x\",W/\"abc\"", true), ("*", true), ("\"abc-gz\"", false), ("abc", false), ("\"ab\"", false),
        ("\"abc", false), ("\"a,b\", \"abc\"", true), ("junk, \"abc\"", true), ("W/, W/\"abc\"", true),
        ("\"abcd\"", false), ("W\"abc\"", false), (",,,", false),
    ])
    func ifNoneMatchComparesWeakly(header: String?, expected: Bool) {
        #expect(CacheRequestRules.isNotModified(ifNoneMatch: header, etag: "\"abc\"") == expected)
    }

    @Test(arguments: [
        ("warta_session=abc", true), ("a=b; warta_session=abc", true), ("warta_session", true),
        (" warta_session = x", true), ("warta_sessionx=abc", false), ("xwarta_session=abc", false),
        ("warta_lang=en", false), ("warta_csrf=abc", false), (";;; ;", false), ("=warta_session", false),
    ])
    func sessionCookieIsFoundByName(cookie: String, expected: Bool) {
        #expect(CacheRequestRules.readCookies(cookie).hasSession == expected)
    }

    @Test func decisionsForMethodsCookiesAndSpellings() {
        func decide(_ uri: String, get: Bool = true, cookie: String? = nil, language: String? = nil)
            -> CacheRequestRules.Decision
        {
            CacheRequestRules.decision(
                isGetOrHead: get, uri: uri, cookie: cookie, acceptLanguage: language, defaultLanguage: .id)
        }
        #expect(decide("/") == .lookup(.init(path: "/", language: .id)))
        #expect(decide("/", get: false) == .bypass)
        #expect(decide("/", cookie: "warta_session=1") == .bypass)
        #expect(decide("/", cookie: "_ga=GA1.2; theme=dark") == .lookup(.init(path: "/", language: .id)))
        #expect(decide("/?utm_source=x", language: "en") == .lookup(.init(path: "/", language: .en)))
        #expect(decide("/2024/1/banjir") == .redirect(location: "/2024/01/banjir"))
        #expect(decide("/2024/1/banjir", cookie: "warta_session=1") == .redirect(location: "/2024/01/banjir"))
        #expect(decide("/admin/articles") == .bypass)
        #expect(decide("/?page=abc") == .bypass)
    }

    @Test("Huge and hostile headers get an answer in one pass")
    func hugeHeaders() {
        let many = Array(repeating: "de;q=0.9", count: 20_000).joined(separator: ", ") + ", fr;q=0.95"
        #expect(CacheRequestRules.language(cookie: nil, acceptLanguage: many, default: .id) == .fr)
        let codings = Array(repeating: "br;q=0.1", count: 20_000).joined(separator: ",") + ",gzip;q=0.2"
        #expect(CacheRequestRules.coding(acceptEncoding: codings) == .gzip)
        let junk = String(repeating: ";q=;=,\"\\", count: 10_000)
        #expect(CacheRequestRules.coding(acceptEncoding: junk) == .identity)
        #expect(CacheRequestRules.language(cookie: junk, acceptLanguage: junk, default: .en) == .en)
        #expect(!CacheRequestRules.isNotModified(ifNoneMatch: junk, etag: "\"abc\""))
        let unicode = "ĝżîþ;q=0.5, 🌊, en\u{0};q=1, fr"
        #expect(CacheRequestRules.language(cookie: unicode, acceptLanguage: unicode, default: .id) == .fr)
        #expect(CacheRequestRules.coding(acceptEncoding: unicode) == .identity)
    }
}
