import Hummingbird
import NIOCore
import Prometheus

/// Answers cache hits and canonical-address redirects before routing; everything else goes on to the router
/// (CONTRACTS.md, "Page cache"). The decisions are `CacheRequestRules`', which the pages rendered on a miss share.
struct PageCacheResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == WartaContext {
    let cache: PageCache
    let settings: SettingsProvider
    let metrics: AppMetrics
    let next: Next

    func respond(to request: Request, context: WartaContext) async throws -> Response {
        switch CacheRequestRules.decision(for: request, defaultLanguage: settings.defaultLanguage) {
        case .bypass:
            return try await next.respond(to: request, context: context)
        case .redirect(let location):
            return Self.redirect(to: location)
        case .lookup(let key):
            guard cache.isEnabled else { return try await next.respond(to: request, context: context) }
            guard let entry = cache.lookup(key) else {
                metrics.cacheMisses.increment()
                return try await next.respond(to: request, context: context)
            }
            metrics.cacheHits.increment()
            let response = entry.response(for: request)
            return request.method == .head ? response.createHeadResponse() : response
        }
    }

    /// 301 to the canonical spelling of a page's address; shared caches may keep it for a day.
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "public, max-age=86400"
        SecurityHeaders.apply(to: &headers, newsroom: false)
        return Response(status: .movedPermanently, headers: headers)
    }
}

extension CacheRequestRules {
    /// `decision(isGetOrHead:uri:cookie:acceptLanguage:defaultLanguage:)` for a Hummingbird request.
    static func decision(for request: Request, defaultLanguage: UILanguage) -> Decision {
        decision(
            isGetOrHead: request.method == .get || request.method == .head, uri: request.uri.description,
            cookie: request.headers[.cookie], acceptLanguage: request.headers[.acceptLanguage],
            defaultLanguage: defaultLanguage)
    }

    /// The UI language of a request: the same rule as the cache key's.
    static func language(of request: Request, default fallback: UILanguage) -> UILanguage {
        language(
            cookie: request.headers[.cookie], acceptLanguage: request.headers[.acceptLanguage], default: fallback)
    }
}
