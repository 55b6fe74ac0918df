import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth

/// `/admin`: owner set-up, sign-in and sign-out; the article, taxonomy and user screens hang off it.
struct NewsroomRoutes: Sendable {
    let services: AppServices
    let sessions: SessionStore

    var accounts: StaffAccounts {
        StaffAccounts(
            database: services.database, world: services.world, passwordChecks: services.metrics.passwordChecks)
    }
    var limiter: RateLimiter { RateLimiter(database: services.database, world: services.world) }
    var site: SiteSettings { services.site }

    func add(to router: Router<WartaContext>) {
        let admin = router.group("admin")
            .add(middleware: StaffSessionMiddleware(sessions: sessions, database: services.database))
            .add(
                middleware: CSRFMiddleware(
                    world: services.world, secret: services.secret, secureCookies: site.secureCookies))
        admin.get("/") { _, context in
            context.staff == nil ? Response.redirect("/admin/signin") : Response.redirect("/admin/articles")
        }
        admin.get("/setup", use: setupForm)
        admin.post("/setup", use: completeSetup)
        admin.get("/signin") { _, context in signInPage(context, email: "", failed: false) }
        admin.post("/signin", use: signIn)
        admin.post("/signout", use: signOut)
        admin.post("/signout-everywhere", use: signOutEverywhere)
        let staffOnly = admin.group().add(middleware: RequireStaffMiddleware())
        ArticleEditorRoutes(services: services).add(to: staffOnly)
        RevisionRoutes(services: services).add(to: staffOnly)
        TaxonomyRoutes(
            list: TaxonomyList(database: services.database),
            store: TaxonomyStore(database: services.database, cache: services.cache, world: services.world),
            settings: services.settings
        ).add(to: staffOnly)
        UserRoutes(roster: StaffRoster(database: services.database, world: services.world), settings: services.settings)
            .add(to: staffOnly)
        AccountRoutes(services: services, sessions: sessions).add(to: staffOnly)
        JobRoutes(services: services).add(to: staffOnly)
        SettingsRoutes(services: services).add(to: staffOnly)
    }

    @Sendable func setupForm(_ request: Request, context: WartaContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard try await accounts.isValidSetupToken(token), try await !accounts.hasAdmin() else {
            return setupInvalidPage(context)
        }
        return setupPage(context, token: token, values: FormData(), error: nil)
    }

    @Sendable func completeSetup(_ request: Request, context: WartaContext) async throws -> Response {
        let form = context.form
        guard try await accounts.isValidSetupToken(form["token"]), try await !accounts.hasAdmin() else {
            return setupInvalidPage(context)
        }
        do {
            guard
                let user = try await accounts.completeSetup(
                    token: form["token"], email: form["email"], name: form["name"], password: form["password"])
            else { return setupInvalidPage(context) }
            return try await startSession(for: user, replacing: request)
        } catch let error as StaffAccounts.AccountError {
            return setupPage(context, token: form["token"], values: form, error: error)
        }
    }

    @Sendable func signIn(_ request: Request, context: WartaContext) async throws -> Response {
        let email = context.form["email"].trimmingCharacters(in: .whitespaces).lowercased()
        let client = services.config.trustedProxies.clientAddress(of: request, context: context)
        let keys = SignInLimits.keys(email: email, client: client)
        // Counted before bcrypt, so parallel guesses cannot all pass the check; a right password is not counted.
        guard try await limiter.admit(keys) else { throw SiteError.tooManyAttempts }
        guard let user = try await accounts.verify(email: email, password: context.form["password"]) else {
            return signInPage(context, email: email, failed: true)
        }
        try await limiter.refund(keys)
        // Said only after the right password, so it tells nothing to someone guessing addresses.
        guard user.isActive else {
            return signInPage(context, email: email, failed: true, problem: .adminAccountDisabled)
        }
        context.logger.info("staff signed in", metadata: ["user_id": "\(user.id?.uuidString ?? "")"])
        return try await startSession(for: user, replacing: request)
    }

    @Sendable func signOut(_ request: Request, context: WartaContext) async throws -> Response {
        var response = Response.redirect("/admin/signin")
        if let cleared = try await sessions.end(request) { response.setCookie(cleared) }
        return response
    }

    /// Ends every session of the signed-in user, on every device (a lost phone, a shared computer).
    @Sendable func signOutEverywhere(_ request: Request, context: WartaContext) async throws -> Response {
        guard let staff = context.staff else { return .redirect("/admin/signin") }
        let userID = staff.id
        try await services.database.write { tx in
            try await SessionStore.endAll(.staff, of: userID, on: tx)
        }
        context.logger.info("staff signed out everywhere", metadata: ["user_id": "\(userID.uuidString)"])
        var response = Response.redirect("/admin/signin")
        if let cleared = try await sessions.end(request) { response.setCookie(cleared) }
        return response
    }

    private func startSession(for user: User, replacing request: Request) async throws -> Response {
        var response = Response.redirect("/admin/articles")
        response.setCookie(
            try await sessions.start(
                for: try user.requireID(), csrfToken: services.world.randomToken(), replacing: request))
        return response
    }

    private func signInPage(
        _ context: WartaContext, email: String, failed: Bool, problem: L10nKey = .adminSignInFailed
    ) -> Response {
        let view = context.viewContext(site)
        let l = view.localizer
        let html = AdminLayout(title: l[.adminSignInTitle], context: view).render { html in
            html.element("h1", text: l[.adminSignInTitle])
            if failed { html.element("p", [.class("error")], text: l[problem]) }
            html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/signin")]) { form in
                csrfField(&form, view)
                textField(&form, label: l[.adminEmail], name: "email", value: email, type: "email", required: true)
                textField(
                    &form, label: l[.adminPassword], name: "password", value: "", type: "password", required: true)
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit")], text: l[.adminSignIn])
                }
                form.element("p") { $0.element("small", text: l[.adminForgotPassword]) }
            }
        }
        return .html(html, status: failed ? .unauthorized : .ok, cacheControl: "no-store")
    }

    private func setupPage(_ context: WartaContext, token: String, values: FormData, error: StaffAccounts.AccountError?)
        -> Response
    {
        let view = context.viewContext(site)
        let l = view.localizer
        let html = AdminLayout(title: l[.adminSetupTitle], context: view).render { html in
            html.element("h1", text: l[.adminSetupTitle])
            html.element("p", text: l[.adminSetupIntro])
            html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/setup")]) { form in
                csrfField(&form, view)
                form.open("input", [.type("hidden"), .name("token"), .value(token)])
                nameAndEmailFields(&form, values: values, error: error, l)
                textField(
                    &form, label: l[.adminPassword], name: "password", value: "", type: "password",
                    error: error?.message(for: "password", l), required: true)
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit")], text: l[.adminCreateOwner])
                }
            }
        }
        return .html(html, status: error == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }

    private func setupInvalidPage(_ context: WartaContext) -> Response {
        let view = context.viewContext(site)
        let html = AdminLayout(title: view.localizer[.adminSetupTitle], context: view).render { html in
            html.element("h1", text: view.localizer[.adminSetupTitle])
            html.element("p", [.class("error")], text: view.localizer[.adminSetupInvalid])
        }
        return .html(html, status: .notFound, cacheControl: "no-store")
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
