import HTTPTypes
import Hummingbird

/// What a page may do in the browser. Pages need no script (the JSON-LD block is data, not run), so none may run,
/// even if a sanitizer bug let one through; no other site may frame the newsroom (its forms change things).
/// Referrer-Policy is set even though browsers now default to the same, for older ones: a newsroom URL (a draft's
/// address, a set-up token) must not leak to another site.
enum SecurityHeaders {
    /// Short on purpose: it rides on every cached response. Scripts, plugins and <base> are what matter here.
    static let publicPolicy = "script-src 'none'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
    /// The newsroom keeps its small stylesheet inline.
    static let newsroomPolicy =
        "default-src 'self'; img-src 'self' https: http: data:; style-src 'self' 'unsafe-inline'; "
        + "script-src 'none'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    static func apply(to headers: inout HTTPFields, newsroom: Bool) {
        guard headers[.contentSecurityPolicy] == nil else { return }
        headers[.contentSecurityPolicy] = newsroom ? newsroomPolicy : publicPolicy
        headers[.xContentTypeOptions] = "nosniff"
        if let name = referrerPolicy { headers[name] = "strict-origin-when-cross-origin" }
        // For browsers that predate CSP's frame-ancestors.
        if newsroom, let name = frameOptions { headers[name] = "DENY" }
    }

    private static let frameOptions = HTTPField.Name("X-Frame-Options")
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")
    /// Two years with subdomains, the value HSTS preload lists ask for; sent only when the site is on https.
    static let strictTransportSecurity = "max-age=63072000; includeSubDomains"

    static func isNewsroom(_ path: String) -> Bool {
        path == "/admin" || path.hasPrefix("/admin/") || path.hasPrefix("/admin?")
    }
}

/// Adds the headers to every routed response (cache entries carry them prebuilt).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WartaContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        SecurityHeaders.apply(to: &response.headers, newsroom: SecurityHeaders.isNewsroom(request.uri.path))
        return response
    }
}

/// Sets `Strict-Transport-Security` on every response of an https site, cache hits included (their prebuilt heads
/// are shared by both schemes' configurations, so the header is added here rather than stored in the entry).
struct StrictTransportResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == WartaContext {
    /// True when `WARTA_SITE_URL` is https.
    let isOn: Bool
    let next: Next

    func respond(to request: Request, context: WartaContext) async throws -> Response {
        guard isOn else { return try await next.respond(to: request, context: context) }
        var response = try await next.respond(to: request, context: context)
        response.headers[.strictTransportSecurity] = SecurityHeaders.strictTransportSecurity
        return response
    }
}
