import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging

/// `/admin/account`: the signed-in user changes their password (a new user starts with a temporary one) and can
/// sign out on every device.
struct AccountRoutes: Sendable {
    let accounts: StaffAccounts
    let roster: StaffRoster
    let limiter: RateLimiter
    let trustedProxies: TrustedProxies
    let sessions: SessionStore
    let settings: SettingsProvider
    let world: World

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/account") { request, context in
            let changed = request.uri.queryParameters["changed"] != nil
            return try page(context, notice: changed ? .adminPasswordChanged : nil, error: nil)
        }
        group.post("/account/password", use: changePassword)
    }

    /// Checks the current password (counted like sign-in failures), sets the new one, ends every session of the
    /// user, and signs this device in again.
    @Sendable func changePassword(_ request: Request, context: WartaContext) async throws -> Response {
        guard let staff = context.staff else { throw SiteError.forbidden }
        let form = context.form
        let client = trustedProxies.clientAddress(of: request, context: context)
        let keys = SignInLimits.keys(email: staff.email, client: client)
        guard try await limiter.admit(keys) else { throw SiteError.tooManyAttempts }
        guard let user = try await accounts.verify(email: staff.email, password: form["current"]) else {
            return try page(context, notice: nil, error: .init(field: "current", key: .adminPasswordWrong))
        }
        try await limiter.refund(keys)
        do {
            try StaffAccounts.checkPassword(form["password"])
        } catch let error as StaffAccounts.AccountError {
            return try page(context, notice: nil, error: error)
        }
        guard form["password"] == form["repeat"] else {
            return try page(context, notice: nil, error: .init(field: "repeat", key: .adminPasswordsDiffer))
        }
        let userID = try user.requireID()
        guard try await roster.setPassword(form["password"], of: userID) != nil else { throw SiteError.forbidden }
        context.logger.info("staff changed password", metadata: ["user_id": "\(userID.uuidString)"])
        var response = Response.redirect("/admin/account?changed=1")
        response.setCookie(try await sessions.start(for: userID, csrfToken: world.randomToken(), replacing: request))
        return response
    }

    private func page(_ context: WartaContext, notice: L10nKey?, error: StaffAccounts.AccountError?) throws
        -> Response
    {
        guard let staff = context.staff else { throw SiteError.forbidden }
        let page = AccountPage(staff: staff, notice: notice, error: error)
        let html = accountPageView(page, context.viewContext(settings.current))
        return .html(html, status: error == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }
}
