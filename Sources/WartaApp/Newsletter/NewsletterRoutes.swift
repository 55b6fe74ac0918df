import Foundation
import Hummingbird
import Logging

/// The public newsletter pages (CONTRACTS.md, "URLs"): the subscribe POST, the confirm, unsubscribe and
/// preferences links. None is cached; none needs a session.
struct NewsletterRoutes: Sendable {
    let store: SubscriptionStore
    let tokens: NewsletterTokens
    let settings: SettingsProvider
    let trustedProxies: TrustedProxies
    /// Subscribe requests per client address (an IPv6 client by its /64) per minute.
    let clientLimiter: RateLimiter
    /// Subscribe requests per address per minute; the mails themselves are capped per day by the store.
    let addressLimiter: RateLimiter
    var site: SiteSettings { settings.current }

    static let unsubscribePath = "/newsletter/unsubscribe"

    init(services: AppServices) {
        store = SubscriptionStore(database: services.database, world: services.world)
        tokens = NewsletterTokens(secret: services.secret)
        settings = services.settings
        trustedProxies = services.config.trustedProxies
        clientLimiter = RateLimiter(database: services.database, world: services.world, limit: 10, window: 60)
        addressLimiter = RateLimiter(database: services.database, world: services.world, limit: 3, window: 60)
    }

    func add(to router: Router<WartaContext>) {
        router.get(RouterPath(NewsletterBox.action), use: subscribePage)
        router.post(RouterPath(NewsletterBox.action), use: subscribe)
        router.get(RouterPath(ConfirmationMail.path), use: confirmPage)
        router.post(RouterPath(ConfirmationMail.path), use: confirm)
        router.get(RouterPath(Self.unsubscribePath), use: unsubscribePage)
        router.post(RouterPath(Self.unsubscribePath), use: unsubscribe)
        router.get(RouterPath(PreferencesPage.path), use: preferencesPage)
        router.post(RouterPath(PreferencesPage.path), use: savePreferences)
    }

    /// The box on a page of its own (a reload after the form was sent, a link from elsewhere).
    @Sendable func subscribePage(_ request: Request, context: WartaContext) async throws -> Response {
        .html(subscribeProblemView(NewsletterBox(), context.viewContext(site)), cacheControl: "no-store")
    }

    /// Answers the same "check your mail" page for a new, pending, confirmed or unsubscribed address, and for a
    /// filled honeypot: nothing here tells whether an address is known.
    @Sendable func subscribe(_ request: Request, context: WartaContext) async throws -> Response {
        guard SameSiteCheck.isSameSite(request, siteURL: site.siteURL) else { throw SiteError.forbidden }
        let form = try await FormData.read(request, context: context)
        let client = trustedProxies.clientAddress(of: request, context: context)
        guard try await clientLimiter.admit(["newsletter:ip:\(client?.rateLimitKey ?? "unknown")"]) else {
            throw SiteError.tooManyAttempts
        }
        let view = context.viewContext(site)
        guard form[NewsletterBox.honeypotField].isEmpty else {
            context.logger.info("newsletter honeypot filled")
            return checkMailPage(view)
        }
        let list = form["list"].isEmpty ? NewsletterLists.daily : form["list"]
        guard let address = SubscriberAddress.normalized(form["email"]) else {
            let box = NewsletterBox(
                email: String(form["email"].prefix(SubscriberAddress.maxBytes)), list: form["list"],
                problem: .newsletterEmailInvalid)
            return .html(subscribeProblemView(box, view), status: .badRequest, cacheControl: "no-store")
        }
        guard try await NewsletterLists.named(list, on: store.database.db) != nil else {
            throw NewsletterError.unknownList
        }
        guard try await addressLimiter.admit(["newsletter:address:\(TokenHash.sha256Hex(address))"]) else {
            throw SiteError.tooManyAttempts
        }
        let (siteName, siteURL, l) = (site.name, site.siteURL, view.localizer)
        let outcome = try await store.subscribe(address: address, list: list) { token in
            ConfirmationMail.make(token: token, siteName: siteName, siteURL: siteURL, l)
        }
        context.logger.info("newsletter subscribe", metadata: ["list": "\(list)", "outcome": "\(outcome)"])
        return checkMailPage(view)
    }

    private func checkMailPage(_ view: ViewContext) -> Response {
        let l = view.localizer
        let html = newsletterMessageView(title: l[.newsletterCheckMailTitle], text: l[.newsletterCheckMailBody], view)
        return .html(html, cacheControl: "no-store")
    }

    @Sendable func confirmPage(_ request: Request, context: WartaContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let view = context.viewContext(site)
        let l = view.localizer
        switch try await store.confirmLink(token) {
        case .usable:
            let page = TokenButtonPage(
                title: l[.newsletterConfirmTitle], text: l(.newsletterConfirmBody, ["site": site.name]),
                action: ConfirmationMail.path, token: token, button: l[.newsletterConfirmButton])
            return .html(tokenButtonPageView(page, view), cacheControl: "no-store")
        case .alreadyConfirmed: return confirmedPage(view)
        case .expired: throw NewsletterError.expiredLink
        case .unknown: throw NewsletterError.unknownLink
        }
    }

    /// The confirm button. The token is in the form; the link's query works too.
    @Sendable func confirm(_ request: Request, context: WartaContext) async throws -> Response {
        let form = try await FormData.read(request, context: context)
        let token = form["token"].isEmpty ? request.uri.queryParameters["token"].map(String.init) ?? "" : form["token"]
        switch try await store.confirm(token) {
        case .usable, .alreadyConfirmed:
            context.logger.info("newsletter subscription confirmed")
            return confirmedPage(context.viewContext(site))
        case .expired: throw NewsletterError.expiredLink
        case .unknown: throw NewsletterError.unknownLink
        }
    }

    private func confirmedPage(_ view: ViewContext) -> Response {
        let l = view.localizer
        let html = newsletterMessageView(
            title: l[.newsletterConfirmedTitle], text: l(.newsletterConfirmedBody, ["site": site.name]), view)
        return .html(html, cacheControl: "no-store")
    }
}
