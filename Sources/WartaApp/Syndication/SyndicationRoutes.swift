import Foundation
import Hummingbird

/// Feeds, sitemaps and robots.txt (CONTRACTS.md, "URLs"). Every answer goes through the page cache, so it gets
/// ETag/304, gzip and HEAD like a page, and an article's publish, edit or unpublish drops it (`CacheEvent.listings`).
struct SyndicationRoutes: Sendable {
    let store: SyndicationStore
    let cache: PageCache
    let settings: SettingsProvider
    /// `Sitemap.urlsPerFile`; smaller in tests, which cannot publish 50,000 articles.
    var sitemapURLsPerFile = Sitemap.urlsPerFile
    var site: SiteSettings { settings.current }

    func add(to router: Router<WartaContext>) {
        for format in FeedFormat.allCases {
            router.get(RouterPath(format.path(forList: ""))) { try await feed(.site, format, $0, $1) }
            for list in ["category", "tag", "author"] {
                router.get(RouterPath(format.path(forList: "/\(list)/:slug"))) { request, context in
                    let slug = try context.parameters.require("slug")
                    let scope: FeedScope =
                        switch list {
                        case "category": .category(slug)
                        case "tag": .tag(slug)
                        default: .author(slug)
                        }
                    return try await feed(scope, format, request, context)
                }
            }
        }
        router.get("/robots.txt") { request, context in
            cached(Sitemap.robots(siteURL: site.siteURL), "text/plain; charset=utf-8", request, context)
        }
        // One route for every `*.xml` name: the router cannot capture between a prefix and a suffix.
        router.get("/{name}.xml", use: sitemap)
    }

    func feed(_ scope: FeedScope, _ format: FeedFormat, _ request: Request, _ context: WartaContext) async throws
        -> Response
    {
        guard let found = try await store.feed(scope) else { throw SiteError.notFound }
        let feed = Feed(
            scope: scope, name: found.name, rows: found.rows, site: site, context: context.viewContext(site))
        return cached(format.render(feed), format.contentType, request, context, kind: .feed)
    }

    @Sendable func sitemap(_ request: Request, context: WartaContext) async throws -> Response {
        let name = try context.parameters.require("name")
        let xmlType = "application/xml; charset=utf-8"
        let (url, zone) = (site.siteURL, site.timeZone)
        switch name {
        case "sitemap":
            let files = try await store.sitemapFiles(perFile: sitemapURLsPerFile)
            return cached(Sitemap.index(siteURL: url, articleFiles: files, timeZone: zone), xmlType, request, context)
        case "sitemap-news":
            let items = try await store.newsItems(now: context.now)
            let xml = Sitemap.news(siteURL: url, publication: site.name, items: items, timeZone: zone)
            return cached(xml, xmlType, request, context)
        default:
            guard let number = SyndicationPath.articleSitemapNumber(name) else { throw SiteError.notFound }
            let urls = try await store.sitemapURLs(number: number, perFile: sitemapURLsPerFile)
            // The first file exists even before anything is published; past the last one is not found.
            guard number == 1 || !urls.isEmpty else { throw SiteError.notFound }
            return cached(Sitemap.articles(siteURL: url, urls: urls, timeZone: zone), xmlType, request, context)
        }
    }

    /// As `SiteRoutes.cached`: anonymous GET/HEAD answers are kept, and the response is the kept entry's.
    private func cached(
        _ body: String, _ contentType: String, _ request: Request, _ context: WartaContext,
        kind: PageCache.Kind = .sitemap
    ) -> Response {
        guard context.staff == nil,
            case .lookup(let key) = CacheRequestRules.decision(for: request, defaultLanguage: site.defaultLanguage)
        else { return PageCache.personalResponse(html: body, for: request, contentType: contentType) }
        let expires = DateFormats(language: context.uiLanguage, timeZone: site.timeZone).nextMidnight(
            after: context.now)
        let entry = cache.store(
            key, html: body, kind: kind, expiresAt: expires, now: context.now, contentType: contentType)
        return entry.response(for: request)
    }
}
