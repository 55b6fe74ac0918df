import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Testing

@testable import WartaApp

/// The pure parts: which addresses the cache keeps, the XML writer's escaping, dates with offsets, the news language.
@Suite struct SyndicationWriterTests {
    @Test(
        "Feed, sitemap and robots addresses are cached pages keyed on their path alone",
        arguments: [
            "/feed", "/feed.atom", "/feed.json", "/category/ekonomi/feed", "/tag/banjir-2025/feed.atom",
            "/author/rina-hapsari/feed.json", "/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles-1.xml",
            "/sitemap-articles-120.xml", "/robots.txt",
        ])
    func syndicationAddresses(path: String) throws {
        guard case .page(let address) = PageAddress.read(path + "?utm_source=x&page=2") else {
            Issue.record("\(path) is not a page")
            return
        }
        #expect(address.route == .syndication)
        #expect(address.key == path)
        #expect(address.isCanonical)
    }

    @Test(
        "Other spellings and shapes are left to the router",
        arguments: [
            "/Feed", "/feed/", "/feed.xml", "/category/Ekonomi/feed", "/category/ekonomi/feed/", "/blog/x/feed",
            "/sitemap-articles-0.xml", "/sitemap-articles-01.xml", "/sitemap-articles-.xml",
            "/sitemap-articles-1234567.xml", "/sitemap-articles-1.xml.gz", "/robots.TXT", "/category/a.b/feed",
        ])
    func notSyndication(path: String) {
        #expect(PageAddress.read(path) == .notAPage)
    }

    @Test("Article sitemap numbers start at 1 and have no leading zero")
    func sitemapNumbers() {
        #expect(SyndicationPath.articleSitemapNumber("sitemap-articles-1") == 1)
        #expect(SyndicationPath.articleSitemapNumber("sitemap-articles-50") == 50)
        for bad in ["sitemap-articles-0", "sitemap-articles-01", "sitemap-articles-", "sitemap-articles-x", "sitemap"] {
            #expect(SyndicationPath.articleSitemapNumber(bad) == nil)
        }
    }

    @Test("The XML writer escapes markup and drops characters XML 1.0 cannot hold")
    func xmlEscaping() {
        var xml = XMLWriter()
        xml.element("title", [("href", "a\"b'<c>&")], text: "x]]>\u{1}\u{7F}\u{FFFF}<b>&amp; 🌊\ttab")
        #expect(
            xml.output.hasSuffix(
                "<title href=\"a&quot;b&apos;&lt;c&gt;&amp;\">x]]&gt;&lt;b&gt;&amp;amp; 🌊\ttab</title>\n"))
        #expect(XMLWriter.cleaned("a\u{0}b\u{8}c\nd") == "abc\nd")
    }

    @Test("Dates carry the zone's offset: RFC 3339 for Atom and sitemaps, RFC 822 for RSS")
    func datesWithOffset() throws {
        let date = Date(timeIntervalSince1970: 1_444_869_240)  // 2015-10-15T00:34:00Z
        let jakarta = try #require(TimeZone(identifier: "Asia/Jakarta"))
        let newfoundland = try #require(TimeZone(identifier: "America/St_Johns"))
        #expect(CivilTime.rfc3339(date, in: jakarta) == "2015-10-15T07:34:00+07:00")
        #expect(CivilTime.rfc822(date, in: jakarta) == "Thu, 15 Oct 2015 07:34:00 +0700")
        #expect(CivilTime.rfc3339(date, in: newfoundland) == "2015-10-14T22:04:00-02:30")
        #expect(CivilTime.rfc822(date, in: newfoundland) == "Wed, 14 Oct 2015 22:04:00 -0230")
    }

    @Test("Google News languages are ISO 639 codes, with zh-cn and zh-tw")
    func newsLanguages() {
        #expect(Sitemap.newsLanguage("en-GB") == "en")
        #expect(Sitemap.newsLanguage("ID") == "id")
        #expect(Sitemap.newsLanguage("zh-Hant-TW") == "zh-tw")
        #expect(Sitemap.newsLanguage("zh-CN") == "zh-cn")
    }

    @Test("A 50,000-URL article sitemap renders in one piece and stays small once gzipped")
    func largeSitemap() throws {
        let now = Date(timeIntervalSince1970: 1_740_000_000)
        let urls = (1...Sitemap.urlsPerFile).map {
            SitemapURL(path: "/2025/03/berita-nomor-\($0)", lastModified: now.addingTimeInterval(Double($0)))
        }
        let xml = Sitemap.articles(
            siteURL: "https://warta.example", urls: urls, timeZone: try #require(TimeZone(identifier: "Asia/Jakarta")))
        #expect(xml.utf8.count < 10 * 1024 * 1024)
        let entry = PageCache.makeEntry(html: xml, kind: .sitemap, lifetime: 600, contentType: "application/xml")
        #expect(entry.gzip.response.headers[.contentEncoding] == "gzip")
        #expect(entry.size < 12 * 1024 * 1024)
    }
}
