import Foundation

/// One `<url>` of an article sitemap.
struct SitemapURL: Sendable, Equatable {
    let path: String
    let lastModified: Date
}

/// One article of the news sitemap.
struct NewsSitemapItem: Sendable, Equatable {
    let path: String
    let title: String
    let language: String
    let publishedAt: Date
}

/// The sitemaps protocol (sitemaps.org 0.9) and Google News' extension. Dates carry the site zone's offset.
enum Sitemap {
    /// sitemaps.org: at most 50,000 URLs (and 50 MB) per file.
    static let urlsPerFile = 50_000
    /// Google News: at most 1,000 articles, published in the last two days.
    static let newsLimit = 1_000
    static let newsWindow: TimeInterval = 48 * 3600

    /// `/sitemap.xml`: each article sitemap with its newest change, then the news sitemap.
    static func index(siteURL: String, articleFiles: [Date?], timeZone: TimeZone) -> String {
        var xml = XMLWriter()
        xml.markup("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for (offset, lastModified) in articleFiles.enumerated() {
            xml.element("sitemap") { entry in
                entry.element("loc", text: siteURL + "/sitemap-articles-\(offset + 1).xml")
                if let lastModified { entry.element("lastmod", text: CivilTime.rfc3339(lastModified, in: timeZone)) }
            }
        }
        xml.element("sitemap") { $0.element("loc", text: siteURL + "/sitemap-news.xml") }
        xml.markup("</sitemapindex>\n")
        return xml.output
    }

    /// `/sitemap-articles-{n}.xml`
    static func articles(siteURL: String, urls: [SitemapURL], timeZone: TimeZone) -> String {
        var xml = XMLWriter(capacity: 64 + urls.count * 140)
        xml.markup("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for url in urls {
            xml.element("url") { entry in
                entry.element("loc", text: siteURL + url.path)
                entry.element("lastmod", text: CivilTime.rfc3339(url.lastModified, in: timeZone))
            }
        }
        xml.markup("</urlset>\n")
        return xml.output
    }

    /// `/sitemap-news.xml` per https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap.
    static func news(siteURL: String, publication: String, items: [NewsSitemapItem], timeZone: TimeZone) -> String {
        var xml = XMLWriter(capacity: 256 + items.count * 400)
        xml.markup(
            """
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" \
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">

            """)
        for item in items {
            xml.element("url") { entry in
                entry.element("loc", text: siteURL + item.path)
                entry.element("news:news") { news in
                    news.element("news:publication") { outlet in
                        outlet.element("news:name", text: publication)
                        outlet.element("news:language", text: newsLanguage(item.language))
                    }
                    news.element("news:publication_date", text: CivilTime.rfc3339(item.publishedAt, in: timeZone))
                    news.element("news:title", text: item.title)
                }
            }
        }
        xml.markup("</urlset>\n")
        return xml.output
    }

    /// Google News takes an ISO 639 code, except `zh-cn` and `zh-tw`: `en-GB` → `en`, `id` → `id`.
    static func newsLanguage(_ tag: String) -> String {
        let lower = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        if lower.hasPrefix("zh-") {
            return lower.contains("tw") || lower.contains("hant") || lower.contains("hk") ? "zh-tw" : "zh-cn"
        }
        let primary = lower.split(separator: "-").first.map(String.init) ?? lower
        return primary.isEmpty ? "id" : primary
    }

    /// robots.txt: the newsroom, previews and readers' pages stay out of search engines; the sitemaps are named.
    static func robots(siteURL: String) -> String {
        """
        User-agent: *
        Disallow: /admin
        Disallow: /preview/
        Disallow: /reader
        Disallow: /search

        Sitemap: \(siteURL)/sitemap.xml
        Sitemap: \(siteURL)/sitemap-news.xml

        """
    }
}
