import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth

/// `/admin/account`: the signed-in user changes their password (a new user starts with a temporary one) and can
/// sign out on every device.
struct AccountRoutes: Sendable {
    let services: AppServices
    let sessions: SessionStore

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
        let limiter = RateLimiter(database: services.database, world: services.world)
        let client = services.config.trustedProxies.clientAddress(of: request, context: context)
        let keys = SignInLimits.keys(email: staff.email, client: client)
        guard try await limiter.admit(keys) else { throw SiteError.tooManyAttempts }
        let accounts = StaffAccounts(
            database: services.database, world: services.world, passwordChecks: services.metrics.passwordChecks)
        guard let user = try await accounts.verify(email: staff.email, password: form["current"]) else {
            return try page(context, notice: nil, error: (field: "current", key: .adminPasswordWrong))
        }
        try await limiter.refund(keys)
        do {
            try StaffAccounts.checkPassword(form["password"])
        } catch let error as StaffAccounts.AccountError {
            return try page(context, notice: nil, error: (field: error.field, key: error.key))
        }
        guard form["password"] == form["repeat"] else {
            return try page(context, notice: nil, error: (field: "repeat", key: .adminPasswordsDiffer))
        }
        let hash = try await StaffAccounts.passwordHash(form["password"])
        let userID = try user.requireID()
        try await services.database.write { tx in
            guard let saved = try await User.find(userID, on: tx) else { throw SiteError.forbidden }
            saved.passwordHash = hash
            try await saved.update(on: tx)
            try await SessionStore.endAll(.staff, of: userID, on: tx)
        }
        context.logger.info("staff changed password", metadata: ["user_id": "\(userID.uuidString)"])
        var response = Response.redirect("/admin/account?changed=1")
        response.setCookie(
            try await sessions.start(for: userID, csrfToken: services.world.randomToken(), replacing: request))
        return response
    }

    private func page(_ context: WartaContext, notice: L10nKey?, error: (field: String, key: L10nKey)?) throws
        -> Response
    {
        guard let staff = context.staff else { throw SiteError.forbidden }
        let view = context.viewContext(services.site)
        let l = view.localizer
        let html = AdminLayout(title: l[.adminAccount], context: view).render { html in
            html.element("h1", text: l[.adminAccount])
            html.element("p", text: "\(staff.name) · \(staff.email) · \(l.role(staff.role))")
            if let notice { html.element("p", [.class("notice")], text: l[notice]) }
            html.element("h2", text: l[.adminChangePassword])
            html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/account/password")]) {
                form in
                csrfField(&form, view)
                let message = { (field: String) in error?.field == field ? error.map { l[$0.key] } : nil }
                textField(
                    &form, label: l[.adminCurrentPassword], name: "current", value: "", type: "password",
                    error: message("current"), required: true)
                textField(
                    &form, label: l[.adminNewPassword], name: "password", value: "", type: "password",
                    error: message("password"), required: true, hint: l[.adminPasswordTooShort])
                textField(
                    &form, label: l[.adminRepeatPassword], name: "repeat", value: "", type: "password",
                    error: message("repeat"), required: true)
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit")], text: l[.adminChangePassword])
                }
            }
            html.element(
                "form", [Attribute("method", "post"), Attribute("action", "/admin/signout-everywhere")]
            ) { form in
                csrfField(&form, view)
                form.element("button", [.type("submit")], text: l[.adminSignOutEverywhere])
            }
        }
        return .html(html, status: error == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }
}
