import HTTPTypes
import Hummingbird

/// What a page may do in the browser. Pages need no script (the JSON-LD block is data, not run), so none may run,
/// even if a sanitizer bug let one through; no other site may frame the newsroom (its forms change things).
/// No Referrer-Policy: browsers already default to a strict one.
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
        // For browsers that predate CSP's frame-ancestors.
        if newsroom, let name = frameOptions { headers[name] = "DENY" }
    }

    private static let frameOptions = HTTPField.Name("X-Frame-Options")

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
