import Hummingbird

/// Which methods the router answers on each route, so a path it knows asked with another method gets
/// 405 Method Not Allowed and an `Allow` header (RFC 9110 §15.5.6) instead of a 404 that says the page is missing.
struct RouteMethods: Sendable {
    private let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]

    init(_ descriptions: [Router<WartaContext>.RouteDescription]) {
        var byPath: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in descriptions {
            byPath[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        routes = byPath.values.map { route in
            // HEAD is generated for every GET route when the responder is built (RouterOptions).
            (route.path, route.methods.contains(.get) ? route.methods.union([.head]) : route.methods)
        }
    }

    /// The methods allowed on `path`, in a stable order; empty when no route has that shape.
    func allowed(on path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: Set<HTTPRequest.Method> = []
        for route in routes where route.path.count == segments.count {
            if zip(route.path, segments).allSatisfy({ element, segment in element ~= segment }) {
                methods.formUnion(route.methods)
            }
        }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }
}

/// Turns the router's 404 for a known path asked with another method into 405 with `Allow`; the error page
/// middleware renders it.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    let methods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = methods.allowed(on: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
        }
    }
}
