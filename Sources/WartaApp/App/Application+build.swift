import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the web application: routes, middleware and the page cache in front of the router.
/// Production (`warta serve`) and tests call this same function.
public func buildApplication(
    _ services: AppServices, extraServices: [any Service] = [],
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    // HEAD answers like GET without the body: uptime monitors and link checkers ask with HEAD.
    let router = Router(context: WartaContext.self, options: .autoGenerateHeadEndpoints)
    router.addMiddleware {
        SecurityHeadersMiddleware()
        MetricsMiddleware(metrics: services.metrics)
        RequestFactsMiddleware(settings: services.settings, world: services.world)
        ErrorPageMiddleware(settings: services.settings)
    }
    HealthRoutes(database: services.database, metrics: services.metrics).add(to: router)
    SiteRoutes(store: services.articles, cache: services.cache, settings: services.settings).add(to: router)
    SyndicationRoutes(
        store: SyndicationStore(database: services.database), cache: services.cache, settings: services.settings,
        sitemapURLsPerFile: services.config.sitemapURLsPerFile
    ).add(to: router)
    let sessions = SessionStore(
        kind: .staff, database: services.database, world: services.world, secureCookies: services.site.secureCookies)
    NewsroomRoutes(services: services, sessions: sessions).add(to: router)
    NewsletterRoutes(services: services).add(to: router)
    // Added after every route, so it wraps only the router's answer to requests no route took.
    router.add(middleware: MethodNotAllowedMiddleware(methods: RouteMethods(router.routes)))
    // Hits are answered here, before routing; misses go on to the router (CONTRACTS.md, "Page cache").
    let responder = PageCacheResponder(
        cache: services.cache, settings: services.settings, metrics: services.metrics,
        next: router.buildResponder())
    let configuration = ApplicationConfiguration(
        address: .hostname(services.config.host, port: services.config.port), serverName: nil)
    // Closes a connection idle between requests or stalled mid-request, and one whose request takes too long to
    // arrive (a slow client): neither may hold a connection for ever.
    let (idle, read) = (services.config.connectionIdleTimeout.timeAmount, services.config.requestReadTimeout.timeAmount)
    let server: HTTPServerBuilder
    if services.config.answersHitsInChannel {
        // Hits answered below Hummingbird's async layer (issue 11); `PageHitHandler` keeps the idle timeout.
        let hits = PageHits(
            cache: services.cache, settings: services.settings, metrics: services.metrics,
            strictTransport: services.config.usesSecureCookies, idleTimeout: idle)
        let channel = HTTP1Channel.Configuration(additionalChannelHandlers: [RequestReadDeadlineHandler(limit: read)])
        server = HTTPServerBuilder { HitHTTP1Channel(responder: $0, configuration: channel, hits: hits) }
    } else {
        server = .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestReadDeadlineHandler(limit: read)], idleTimeout: idle))
    }
    return Application(
        responder: StrictTransportResponder(isOn: services.config.usesSecureCookies, next: responder), server: server,
        configuration: configuration, services: extraServices, onServerRunning: onServerRunning,
        eventLoopGroupProvider: .shared(services.eventLoopGroup), logger: services.logger)
}

struct HealthRoutes {
    let database: WartaDatabase
    let metrics: AppMetrics

    func add(to router: Router<WartaContext>) {
        router.get("/healthz") { _, _ in Self.plain("ok\n") }
        router.get("/readyz") { _, _ in
            await database.isReachable()
                ? Self.plain("ready\n") : Self.plain("database unreachable\n", status: .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Self.plain(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    static func plain(
        _ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8"
    )
        -> Response
    {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
