import Hummingbird
import NIOCore
import Prometheus

/// Answers cache hits before routing; everything else goes on to the router (CONTRACTS.md, "Page cache").
struct PageCacheResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == WartaContext {
    let cache: PageCache
    let defaultLanguage: UILanguage
    let metrics: AppMetrics
    let next: Next

    func respond(to request: Request, context: WartaContext) async throws -> Response {
        guard cache.isEnabled, request.method == .get || request.method == .head,
            let key = PageCache.key(for: request, defaultLanguage: defaultLanguage)
        else { return try await next.respond(to: request, context: context) }
        if let entry = cache.lookup(key) {
            metrics.cacheHits.increment()
            let response = entry.response(for: request)
            return request.method == .head ? response.createHeadResponse() : response
        }
        metrics.cacheMisses.increment()
        return try await next.respond(to: request, context: context)
    }
}

extension PageCache {
    /// The cache key, or nil when the request carries a session and must not be served from the cache.
    static func key(for request: Request, defaultLanguage: UILanguage) -> PageCache.Key? {
        guard let cookieHeader = request.headers[.cookie] else {
            return PageCache.Key(path: request.uri.description, language: defaultLanguage)
        }
        if cookieHeader.utf8.contains(bytesOf: SessionStore.sessionCookiePrefix.utf8) { return nil }
        let language = UILanguage.from(cookie: request.cookies["warta_lang"]?.value[...], default: defaultLanguage)
        return PageCache.Key(path: request.uri.description, language: language)
    }
}
