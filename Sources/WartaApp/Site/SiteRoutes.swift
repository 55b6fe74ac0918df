import Foundation
import Hummingbird
import NIOCore

/// The public pages: home, article, category, tag, author, language switch, assets.
struct SiteRoutes: Sendable {
    let store: ArticleStore
    let cache: PageCache
    let settings: SettingsProvider
    var site: SiteSettings { settings.current }

    func add(to router: Router<WartaContext>) {
        router.get("/", use: home)
        router.get("/:year/:month/:slug", use: article)
        router.get("/category/:slug") { try await list(.category, $0, $1) }
        router.get("/tag/:slug") { try await list(.tag, $0, $1) }
        router.get("/author/:slug") { try await list(.author, $0, $1) }
        router.get("/lang/:code", use: switchLanguage)
        router.get("/assets/:file", use: asset)
    }

    @Sendable func home(_ request: Request, context: WartaContext) async throws -> Response {
        let page = try pageNumber(request)
        let (rows, hasMore) = try await store.latest(page: page)
        let view = context.viewContext(site)
        let list = ListPage(
            heading: view.localizer[.latestHeading], rows: rows, page: page, hasMore: hasMore,
            pathForPage: { SitePath.home(page: $0).path })
        guard page == 1 || !rows.isEmpty else { throw SiteError.notFound }
        return cached(listPageView(list, view), kind: .list, request, context)
    }

    @Sendable func article(_ request: Request, context: WartaContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        guard let year = Int(try context.parameters.require("year")),
            let month = Int(try context.parameters.require("month")),
            (1...12).contains(month)
        else { throw SiteError.notFound }
        switch try await store.publishedArticle(year: year, month: month, slug: slug) {
        case .missing:
            throw SiteError.notFound
        case .withdrawn:
            throw SiteError.withdrawn
        case .moved(let path):
            return .redirect(path, status: .movedPermanently)
        case .found(let row):
            let view = context.viewContext(site)
            let html = articlePageView(ArticlePage(row, context: view), view)
            return cached(html, kind: .article(path: row.path), request, context)
        }
    }

    enum ListKind { case category, tag, author }

    func list(_ kind: ListKind, _ request: Request, _ context: WartaContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let page = try pageNumber(request)
        let view = context.viewContext(site)
        let l = view.localizer
        let found: (name: String, rows: [ArticleSummaryRow], hasMore: Bool)?
        let heading: L10nKey
        let path: SitePath
        switch kind {
        case .category:
            (found, heading, path) = (
                try await store.inCategory(slug: slug, page: page), .categoryHeading, .category(slug)
            )
        case .tag: (found, heading, path) = (try await store.tagged(slug: slug, page: page), .tagHeading, .tag(slug))
        case .author:
            (found, heading, path) = (try await store.byAuthor(slug: slug, page: page), .authorHeading, .author(slug))
        }
        guard let found, page == 1 || !found.rows.isEmpty else { throw SiteError.notFound }
        let base = path.path
        let list = ListPage(
            heading: l(heading, ["name": found.name]), rows: found.rows, page: page, hasMore: found.hasMore,
            pathForPage: { $0 <= 1 ? base : "\(base)?page=\($0)" })
        return cached(listPageView(list, view), kind: .list, request, context)
    }

    /// Sets `warta_lang` and goes back to a same-site path only (never an absolute or scheme-relative URL).
    @Sendable func switchLanguage(_ request: Request, context: WartaContext) async throws -> Response {
        guard let language = UILanguage(rawValue: try context.parameters.require("code")) else {
            throw SiteError.notFound
        }
        let requested = request.uri.queryParameters["return"].map(String.init) ?? "/"
        let target = Self.isSameSitePath(requested) ? requested : "/"
        var response = Response.redirect(target)
        let cookie = Cookie(
            name: "warta_lang", value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
            secure: site.secureCookies,
            httpOnly: true, sameSite: .lax)
        response.setCookie(cookie)
        return response
    }

    static func isSameSitePath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\") else { return false }
        return !path.unicodeScalars.contains { $0.value < 0x20 || $0 == "\\" }
    }

    /// The stylesheet and the icon, under names that change with their content, so they are cached for a year.
    @Sendable func asset(_ request: Request, context: WartaContext) async throws -> Response {
        let file = try context.parameters.require("file")
        guard let asset = HashedAsset.all.first(where: { $0.file == file }) else { throw SiteError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// `page` as the cache key reads it (PageAddress), so a page never depends on a parameter its key lacks.
    private func pageNumber(_ request: Request) throws -> Int {
        switch PageAddress.read(request.uri.description) {
        case .page(let address): return address.page
        case .badQuery: throw SiteError.badRequest
        case .notAPage: return 1
        }
    }

    /// Anonymous GET pages go into the page cache; the response is the cached entry's, so the ETag matches.
    private func cached(_ html: String, kind: PageCache.Kind, _ request: Request, _ context: WartaContext) -> Response {
        guard context.staff == nil,
            case .lookup(let key) = CacheRequestRules.decision(for: request, defaultLanguage: site.defaultLanguage)
        else { return PageCache.personalResponse(html: html, for: request) }
        let dates = DateFormats(language: context.uiLanguage, timeZone: site.timeZone)
        let expires = dates.nextMidnight(after: context.now)
        let entry = cache.store(key, html: html, kind: kind, expiresAt: expires, now: context.now)
        return entry.response(for: request)
    }
}
