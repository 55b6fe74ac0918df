import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging

/// Owner set-up, sign-in and sign-out.
struct SignInRoutes: Sendable {
    let accounts: StaffAccounts
    let roster: StaffRoster
    let limiter: RateLimiter
    let trustedProxies: TrustedProxies
    let sessions: SessionStore
    let settings: SettingsProvider
    let world: World

    func add(to admin: RouterGroup<WartaContext>) {
        admin.get("/setup", use: setupForm)
        admin.post("/setup", use: completeSetup)
        admin.get("/signin") { _, context in signInPage(context, SignInPage()) }
        admin.post("/signin", use: signIn)
        admin.post("/signout", use: signOut)
        admin.post("/signout-everywhere", use: signOutEverywhere)
    }

    @Sendable func setupForm(_ request: Request, context: WartaContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard try await accounts.isValidSetupToken(token), try await !accounts.hasAdmin() else {
            return setupInvalidPage(context)
        }
        return setupPage(context, SetupPage(token: token))
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
            return setupPage(context, SetupPage(token: form["token"], values: form, error: error))
        }
    }

    @Sendable func signIn(_ request: Request, context: WartaContext) async throws -> Response {
        let email = context.form["email"].trimmingCharacters(in: .whitespaces).lowercased()
        let client = trustedProxies.clientAddress(of: request, context: context)
        let keys = SignInLimits.keys(email: email, client: client)
        // Counted before bcrypt, so parallel guesses cannot all pass the check; a right password is not counted.
        guard try await limiter.admit(keys) else { throw SiteError.tooManyAttempts }
        guard let user = try await accounts.verify(email: email, password: context.form["password"]) else {
            return signInPage(context, SignInPage(email: email, problem: .adminSignInFailed))
        }
        try await limiter.refund(keys)
        // Said only after the right password, so it tells nothing to someone guessing addresses.
        guard user.isActive else {
            return signInPage(context, SignInPage(email: email, problem: .adminAccountDisabled))
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
        try await roster.endSessions(of: staff.id)
        context.logger.info("staff signed out everywhere", metadata: ["user_id": "\(staff.id.uuidString)"])
        var response = Response.redirect("/admin/signin")
        if let cleared = try await sessions.end(request) { response.setCookie(cleared) }
        return response
    }

    private func startSession(for user: User, replacing request: Request) async throws -> Response {
        var response = Response.redirect("/admin/articles")
        response.setCookie(
            try await sessions.start(for: try user.requireID(), csrfToken: world.randomToken(), replacing: request))
        return response
    }

    private func signInPage(_ context: WartaContext, _ page: SignInPage) -> Response {
        let html = signInPageView(page, context.viewContext(settings.current))
        return .html(html, status: page.problem == nil ? .ok : .unauthorized, cacheControl: "no-store")
    }

    private func setupPage(_ context: WartaContext, _ page: SetupPage) -> Response {
        let html = setupPageView(page, context.viewContext(settings.current))
        return .html(html, status: page.error == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }

    private func setupInvalidPage(_ context: WartaContext) -> Response {
        .html(setupInvalidView(context.viewContext(settings.current)), status: .notFound, cacheControl: "no-store")
    }
}
