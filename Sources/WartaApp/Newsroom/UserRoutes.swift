import Foundation
import Hummingbird
import Logging

/// Newsroom users and roles, managed by admins only: the list, adding a user with a temporary password, and
/// changing a role (the last admin cannot be demoted).
struct UserRoutes: Sendable {
    let roster: StaffRoster
    let settings: SettingsProvider

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/users") { _, context in
            try requireAdmin(context)
            return try await users(context, notice: nil)
        }
        group.post("/users", use: addUser)
        group.post("/users/:id/role", use: changeRole)
        group.post("/users/:id/reset-password", use: resetPassword)
        group.post("/users/:id/disable") { _, context in try await setActive(false, context) }
        group.post("/users/:id/enable") { _, context in try await setActive(true, context) }
    }

    @discardableResult
    private func requireAdmin(_ context: WartaContext) throws -> StaffIdentity {
        guard let staff = context.staff, staff.role.canManageUsers else { throw SiteError.forbidden }
        return staff
    }

    private func users(
        _ context: WartaContext, notice: String?, error: StaffAccounts.AccountError? = nil,
        values: FormData = FormData()
    ) async throws -> Response {
        let page = UserListPage(users: try await roster.users(), notice: notice, error: error, values: values)
        let html = userListView(page, context.viewContext(settings.current))
        return .html(html, status: error == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }

    @Sendable func addUser(_ request: Request, context: WartaContext) async throws -> Response {
        try requireAdmin(context)
        let form = context.form
        guard let role = Role(rawValue: form["role"]) else { throw SiteError.badRequest }
        let password: String
        do {
            password = try await roster.add(email: form["email"], name: form["name"], role: role)
        } catch let error as StaffAccounts.AccountError {
            return try await users(context, notice: nil, error: error, values: form)
        }
        let notice = Localizer(context.uiLanguage)(.adminUserCreated, ["password": password])
        return try await users(context, notice: notice)
    }

    /// Admins change roles; the last admin cannot be demoted (the site would lose its owner).
    @Sendable func changeRole(_ request: Request, context: WartaContext) async throws -> Response {
        try requireAdmin(context)
        guard let id = UUID(uuidString: try context.parameters.require("id")),
            let role = Role(rawValue: context.form["role"]),
            let outcome = try await roster.changeRole(of: id, to: role)
        else { throw SiteError.badRequest }
        let l = Localizer(context.uiLanguage)
        return try await users(context, notice: outcome == .lastAdmin ? l[.errorLastAdmin] : l[.adminRoleChanged])
    }

    /// A forgotten password: a new temporary one, shown once to the admin; the user's sessions end. Your own
    /// password is changed on the account page, with the current one.
    @Sendable func resetPassword(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try requireAdmin(context)
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw SiteError.badRequest }
        guard id != staff.id else { return .redirect("/admin/account") }
        guard let reset = try await roster.resetPassword(of: id) else { throw SiteError.notFound }
        context.logger.info("staff password reset", metadata: ["user_id": "\(id.uuidString)", "by": "\(staff.id)"])
        let notice = Localizer(context.uiLanguage)(
            .adminPasswordReset, ["name": reset.name, "password": reset.password])
        return try await users(context, notice: notice)
    }

    /// Someone leaves the newsroom: their account is switched off (sessions end at once, sign-in refused) and
    /// their articles keep their credit. You cannot switch yourself off, and the last active admin stays.
    func setActive(_ active: Bool, _ context: WartaContext) async throws -> Response {
        let staff = try requireAdmin(context)
        guard let id = UUID(uuidString: try context.parameters.require("id")), id != staff.id else {
            throw SiteError.badRequest
        }
        guard let outcome = try await roster.setActive(active, id: id) else { throw SiteError.notFound }
        context.logger.info(
            active ? "staff account enabled" : "staff account disabled",
            metadata: ["user_id": "\(id.uuidString)", "by": "\(staff.id)"])
        let l = Localizer(context.uiLanguage)
        let notice =
            switch outcome {
            case .changed(let name): l(active ? .adminUserEnabled : .adminUserDisabled, ["name": name])
            case .lastAdmin: l[.errorLastAdmin]
            }
        return try await users(context, notice: notice)
    }
}
