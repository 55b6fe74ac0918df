import FluentKit
import Foundation
import Hummingbird

/// Newsroom users and roles, managed by admins only: the list, adding a user with a temporary password, and
/// changing a role (the last admin cannot be demoted).
struct UserRoutes: Sendable {
    let services: AppServices
    var db: any Database { services.database.db }

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/users") { _, context in try await users(context, notice: nil, error: nil) }
        group.post("/users", use: addUser)
        group.post("/users/:id/role", use: changeRole)
        group.post("/users/:id/reset-password", use: resetPassword)
        group.post("/users/:id/disable") { _, context in try await setActive(false, context) }
        group.post("/users/:id/enable") { _, context in try await setActive(true, context) }
    }

    private func users(
        _ context: WartaContext, notice: String?, error: StaffAccounts.AccountError?, values: FormData = FormData()
    )
        async throws -> Response
    {
        guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
        let all = try await User.query(on: db).sort(\.$name).all()
        let view = context.viewContext(services.site)
        let l = view.localizer
        let html = AdminLayout(title: l[.adminUsers], context: view).render { html in
            html.element("h1", text: l[.adminUsers])
            if let notice { html.element("p", [.class("notice")], text: notice) }
            // Four columns do not fit a phone: there each user is a block of lines.
            html.element("table", [.class("stack")]) { table in
                for user in all {
                    table.element("tr") { row in
                        row.element("td", text: user.name)
                        row.element("td") { cell in
                            cell.text(user.email)
                            if !user.isActive { cell.element("strong", text: " · " + l[.adminAccountOff]) }
                        }
                        row.element("td") { cell in roleForm(user, view, &cell) }
                        row.element("td") { cell in
                            resetForm(user, view, &cell)
                            activeForm(user, view, &cell)
                        }
                    }
                }
            }
            html.element("h2", text: l[.adminAddUser])
            html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/users")]) { form in
                csrfField(&form, view)
                nameAndEmailFields(&form, values: values, error: error, l)
                form.element("label", [Attribute("for", "role")], text: l[.adminRole])
                form.element("select", [.name("role"), .id("role")]) { select in
                    for role in Role.allCases {
                        select.element(
                            "option", [.value(role.rawValue), .flag("selected", values["role"] == role.rawValue)],
                            text: l.role(role))
                    }
                }
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit")], text: l[.actionCreate])
                }
            }
        }
        return .html(html, status: error == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }

    private func resetForm(_ user: User, _ view: ViewContext, _ html: inout HTML) {
        guard let id = user.id, id != view.staffID else { return }
        let action = "/admin/users/\(id.uuidString.lowercased())/reset-password"
        html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
            csrfField(&form, view)
            form.element("button", [.type("submit")], text: view.localizer[.adminResetPassword])
        }
    }

    /// A forgotten password: a new temporary one, shown once to the admin; the user's sessions end. Your own
    /// password is changed on the account page, with the current one.
    @Sendable func resetPassword(_ request: Request, context: WartaContext) async throws -> Response {
        guard let staff = context.staff, staff.role.canManageUsers else { throw SiteError.forbidden }
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw SiteError.badRequest }
        guard id != staff.id else { return .redirect("/admin/account") }
        let password = RandomToken.make(byteCount: 12)
        let hash = try await StaffAccounts.passwordHash(password)
        let name = try await services.database.write { tx -> String? in
            guard let user = try await User.find(id, on: tx) else { return nil }
            user.passwordHash = hash
            try await user.update(on: tx)
            try await SessionStore.endAll(.staff, of: id, on: tx)
            return user.name
        }
        guard let name else { throw SiteError.notFound }
        context.logger.info("staff password reset", metadata: ["user_id": "\(id.uuidString)", "by": "\(staff.id)"])
        let notice = Localizer(context.uiLanguage)(.adminPasswordReset, ["name": name, "password": password])
        return try await users(context, notice: notice, error: nil)
    }

    private func roleForm(_ user: User, _ view: ViewContext, _ html: inout HTML) {
        guard let id = user.id else { return }
        let l = view.localizer
        let action = "/admin/users/\(id.uuidString.lowercased())/role"
        html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
            csrfField(&form, view)
            form.element("select", [.name("role"), Attribute("aria-label", l[.adminRole])]) { select in
                for role in Role.allCases {
                    select.element(
                        "option", [.value(role.rawValue), .flag("selected", role == user.role)], text: l.role(role))
                }
            }
            form.element("button", [.type("submit")], text: l[.adminChangeRole])
        }
    }

    /// Admins change roles; the last admin cannot be demoted (the site would lose its owner).
    @Sendable func changeRole(_ request: Request, context: WartaContext) async throws -> Response {
        guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
        guard let id = UUID(uuidString: try context.parameters.require("id")),
            try await User.find(id, on: db) != nil,
            let role = Role(rawValue: context.form["role"])
        else { throw SiteError.badRequest }
        let l = Localizer(context.uiLanguage)
        // Counted inside the write, in turn: two admins demoting each other cannot leave the site without one.
        let changed = try await services.database.write(taking: .staffRoster) { tx -> Bool in
            guard let user = try await User.find(id, on: tx) else { return false }
            if user.role == .admin, user.isActive, role != .admin, try await StaffAccounts.activeAdminCount(on: tx) <= 1
            {
                return false
            }
            user.role = role
            try await user.update(on: tx)
            return true
        }
        return try await users(context, notice: changed ? l[.adminRoleChanged] : l[.errorLastAdmin], error: nil)
    }

    @Sendable func addUser(_ request: Request, context: WartaContext) async throws -> Response {
        guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
        let form = context.form
        guard let role = Role(rawValue: form["role"]) else { throw SiteError.badRequest }
        let password = RandomToken.make(byteCount: 12)
        do {
            let accounts = StaffAccounts(database: services.database, world: services.world)
            _ = try await accounts.create(email: form["email"], name: form["name"], role: role, password: password)
        } catch let error as StaffAccounts.AccountError {
            return try await users(context, notice: nil, error: error, values: form)
        }
        let notice = Localizer(context.uiLanguage)(.adminUserCreated, ["password": password])
        return try await users(context, notice: notice, error: nil)
    }

    private func activeForm(_ user: User, _ view: ViewContext, _ html: inout HTML) {
        guard let id = user.id, id != view.staffID else { return }
        let verb = user.isActive ? "disable" : "enable"
        let action = "/admin/users/\(id.uuidString.lowercased())/\(verb)"
        html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
            csrfField(&form, view)
            form.element(
                "button", [.type("submit")],
                text: view.localizer[user.isActive ? .adminDisableUser : .adminEnableUser])
        }
    }

    /// Someone leaves the newsroom: their account is switched off (sessions end at once, sign-in refused) and
    /// their articles keep their credit. You cannot switch yourself off, and the last active admin stays.
    func setActive(_ active: Bool, _ context: WartaContext) async throws -> Response {
        guard let staff = context.staff, staff.role.canManageUsers else { throw SiteError.forbidden }
        guard let id = UUID(uuidString: try context.parameters.require("id")), id != staff.id else {
            throw SiteError.badRequest
        }
        let now = services.world.now()
        let outcome = try await services.database.write(taking: .staffRoster) { tx -> (name: String, changed: Bool)? in
            guard let user = try await User.find(id, on: tx) else { return nil }
            if !active, user.role == .admin, user.isActive, try await StaffAccounts.activeAdminCount(on: tx) <= 1 {
                return (user.name, false)
            }
            user.disabledAt = active ? nil : (user.disabledAt ?? now)
            try await user.update(on: tx)
            if !active { try await SessionStore.endAll(.staff, of: id, on: tx) }
            return (user.name, true)
        }
        guard let outcome else { throw SiteError.notFound }
        context.logger.info(
            active ? "staff account enabled" : "staff account disabled",
            metadata: ["user_id": "\(id.uuidString)", "by": "\(staff.id)"])
        let l = Localizer(context.uiLanguage)
        let notice =
            outcome.changed
            ? l(active ? .adminUserEnabled : .adminUserDisabled, ["name": outcome.name]) : l[.errorLastAdmin]
        return try await users(context, notice: notice, error: nil)
    }
}
