import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the web application: routes, middleware and the page cache in front of the router.
/// Production (`warta serve`) and tests call this same function.
public func buildApplication(_ services: AppServices, extraServices: [any Service] = []) -> some ApplicationProtocol {
    let router = Router(context: WartaContext.self)
    router.addMiddleware {
        MetricsMiddleware(metrics: services.metrics)
        RequestFactsMiddleware(site: services.site, world: services.world)
        ErrorPageMiddleware(site: services.site)
    }
    HealthRoutes(database: services.database, metrics: services.metrics).add(to: router)
    SiteRoutes(store: services.articles, cache: services.cache, site: services.site).add(to: router)
    router.addRoutes(NotFoundRoutes().routes)
    // Hits are answered here, before routing; misses go on to the router (CONTRACTS.md, "Page cache").
    let responder = PageCacheResponder(
        cache: services.cache, defaultLanguage: services.site.defaultLanguage, metrics: services.metrics,
        next: router.buildResponder())
    let configuration = ApplicationConfiguration(
        address: .hostname(services.config.host, port: services.config.port), serverName: nil)
    return Application(
        responder: responder, configuration: configuration,
        services: [DatabaseService(database: services.database)] + extraServices,
        eventLoopGroupProvider: .shared(services.eventLoopGroup), logger: services.logger)
}

/// Any path no route claims gets the localized 404 page.
struct NotFoundRoutes {
    var routes: RouteCollection<WartaContext> {
        let routes = RouteCollection(context: WartaContext.self)
        routes.on("**", method: .get) { _, _ -> Response in throw SiteError.notFound }
        routes.on("**", method: .head) { _, _ -> Response in throw SiteError.notFound }
        routes.on("**", method: .post) { _, _ -> Response in throw SiteError.notFound }
        return routes
    }
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
