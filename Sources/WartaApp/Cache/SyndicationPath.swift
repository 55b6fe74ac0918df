/// The feed, sitemap and robots addresses the page cache keeps (CONTRACTS.md, "URLs"): `/feed`, `/feed.atom`,
/// `/feed.json`, the same after `/category|tag|author/{slug}`, `/sitemap.xml`, `/sitemap-news.xml`,
/// `/sitemap-articles-{n}.xml` (n ≥ 1, no leading zero) and `/robots.txt`. Lower case only: any other spelling
/// goes to the router, which answers 404, so a key never depends on case.
enum SyndicationPath {
    private static let fixed: [String] = [
        "/feed", "/feed.atom", "/feed.json", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt",
    ]
    private static let feedNames: [String] = ["feed", "feed.atom", "feed.json"]
    private static let listNames: [String] = ["category", "tag", "author"]

    static func matches(_ path: HeaderBytes.Part) -> Bool {
        if fixed.contains(where: { path.elementsEqual($0.utf8) }) { return true }
        if isArticleSitemap(path) { return true }
        let segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard segments.count == 4, segments[0].isEmpty,
            listNames.contains(where: { segments[1].elementsEqual($0.utf8) }),
            feedNames.contains(where: { segments[3].elementsEqual($0.utf8) })
        else { return false }
        let slug = segments[2]
        return (1...200).contains(slug.count)
            && slug.allSatisfy { HeaderBytes.isDigit($0) || $0 == UInt8(ascii: "-") || ($0 >= 0x61 && $0 <= 0x7A) }
    }

    /// `/sitemap-articles-12.xml`
    private static func isArticleSitemap(_ path: HeaderBytes.Part) -> Bool {
        let prefix = "/sitemap-articles-".utf8
        let suffix = ".xml".utf8
        guard path.count > prefix.count + suffix.count, path.starts(with: prefix),
            path.reversed().starts(with: suffix.reversed())
        else { return false }
        let digits = path.dropFirst(prefix.count).dropLast(suffix.count)
        return (1...6).contains(digits.count) && digits.first != UInt8(ascii: "0")
            && digits.allSatisfy(HeaderBytes.isDigit)
    }

    /// The sitemap number in `sitemap-articles-{n}` as the route captures it (without `.xml`); nil for anything
    /// else, `0` or a leading zero.
    static func articleSitemapNumber(_ name: String) -> Int? {
        let prefix = "sitemap-articles-"
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        guard (1...6).contains(digits.count), digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int(digits)
    }
}
