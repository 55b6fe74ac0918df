import Foundation
import Hummingbird
import Logging
import NIOCore

/// Per-request facts: UI language, the signed-in staff member, the CSRF token. No services.
struct WartaContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var uiLanguage: UILanguage = .id
    var staff: StaffIdentity?
    var csrfToken: String?
    /// The posted form of a newsroom request, read once by `CSRFMiddleware`.
    var form = FormData()
    var requestPath = "/"
    /// Set by `RequestFactsMiddleware` from the world's clock; cache hits never read it.
    var now = Date(timeIntervalSince1970: 0)
    private let remoteAddress: SocketAddress?

    /// Form posts above 1 MB get 413 (Hummingbird's default is 2 MB).
    var maxUploadSize: Int { 1024 * 1024 }

    init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's address (nil in in-process tests). Parsed on demand: the cache-hit path creates a context for
    /// every request. Behind a proxy it is the proxy's: ask `TrustedProxies.clientAddress(of:context:)` instead.
    var peerAddress: IPAddress? { remoteAddress?.ipAddress.flatMap { IPAddress($0) } }

    /// UI language by the page cache's rule (cookie, `Accept-Language`, default), the path for the language switch,
    /// the clock. On a cached page the path is its key's, so the page holds no parameter the key leaves out.
    mutating func applyRequestFacts(_ request: Request, site: SiteSettings, world: World) {
        uiLanguage = site.available(CacheRequestRules.language(of: request, default: site.defaultLanguage))
        if case .page(let address) = PageAddress.read(request.uri.description) {
            requestPath = address.key
        } else {
            requestPath = request.uri.description
        }
        now = world.now()
    }

    func viewContext(_ site: SiteSettings) -> ViewContext {
        ViewContext(
            localizer: Localizer(uiLanguage), dates: DateFormats(language: uiLanguage, timeZone: site.timeZone),
            siteName: site.name, siteURL: site.siteURL, languages: site.uiLanguages, now: now, currentPath: requestPath,
            csrfToken: csrfToken,
            staffName: staff?.name, staffID: staff?.id)
    }
}

/// The signed-in newsroom user, as loaded for one request.
struct StaffIdentity: Sendable, Equatable {
    let id: UUID
    let name: String
    let email: String
    let role: Role
}

/// Sets language, path and clock on the context (`applyRequestFacts`).
struct RequestFactsMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    let settings: SettingsProvider
    let world: World

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.applyRequestFacts(request, site: settings.current, world: world)
        return try await next(request, context)
    }
}
