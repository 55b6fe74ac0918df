import Foundation
import Hummingbird

/// `/admin`: sessions and CSRF for every newsroom screen; set-up and sign-in, then the article, taxonomy, user,
/// account, job and settings screens for signed-in staff. Each routes type gets from `services` only what it uses.
struct NewsroomRoutes: Sendable {
    let services: AppServices
    let sessions: SessionStore

    func add(to router: Router<WartaContext>) {
        let (database, world, settings) = (services.database, services.world, services.settings)
        let admin = router.group("admin")
            .add(middleware: StaffSessionMiddleware(sessions: sessions, database: database))
            .add(
                middleware: CSRFMiddleware(
                    world: world, secret: services.secret, secureCookies: services.site.secureCookies))
        admin.get("/") { _, context in
            context.staff == nil ? Response.redirect("/admin/signin") : Response.redirect("/admin/articles")
        }
        let accounts = StaffAccounts(
            database: database, world: world, passwordChecks: services.metrics.passwordChecks)
        let roster = StaffRoster(database: database, world: world)
        let limiter = RateLimiter(database: database, world: world)
        let proxies = services.config.trustedProxies
        SignInRoutes(
            accounts: accounts, roster: roster, limiter: limiter, trustedProxies: proxies, sessions: sessions,
            settings: settings, world: world
        ).add(to: admin)
        let staffOnly = admin.group().add(middleware: RequireStaffMiddleware())
        ArticleEditorRoutes(
            queries: ArticleEditorQueries(database: database), list: AdminArticleList(database: database),
            database: database, makeWriter: { [services] in services.writer }, settings: settings
        ).add(to: staffOnly)
        RevisionRoutes(revisions: RevisionStore(database: database), settings: settings).add(to: staffOnly)
        TaxonomyRoutes(
            list: TaxonomyList(database: database),
            store: TaxonomyStore(database: database, cache: services.cache, world: world), settings: settings
        ).add(to: staffOnly)
        UserRoutes(roster: roster, settings: settings).add(to: staffOnly)
        AccountRoutes(
            accounts: accounts, roster: roster, limiter: limiter, trustedProxies: proxies, sessions: sessions,
            settings: settings, world: world
        ).add(to: staffOnly)
        JobRoutes(queue: JobQueue(database: database, world: world), settings: settings).add(to: staffOnly)
        SettingsRoutes(store: SettingsStore(services: services), settings: settings).add(to: staffOnly)
        CampaignRoutes(store: CampaignStore(database: database, world: world), settings: settings).add(to: staffOnly)
        SubscriberRoutes(store: SubscriberStore(database: database), settings: settings).add(to: staffOnly)
    }
}

/// Newsroom screens need a signed-in user; others are sent to the sign-in page.
struct RequireStaffMiddleware: RouterMiddleware {
    typealias Context = WartaContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard context.staff != nil else { return .redirect("/admin/signin") }
        return try await next(request, context)
    }
}
