import Foundation

/// What the users screen shows: everyone, a notice after a change, and the add form with its values and problem.
struct UserListPage: Sendable {
    let users: [StaffRoster.Row]
    var notice: String?
    var error: StaffAccounts.AccountError?
    var values = FormData()
}

func userListView(_ page: UserListPage, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.adminUsers], context: context).render { html in
        html.element("h1", text: l[.adminUsers])
        if let notice = page.notice { html.element("p", [.class("notice")], text: notice) }
        // Four columns do not fit a phone: there each user is a block of lines.
        html.element("table", [.class("stack")]) { table in
            for user in page.users {
                table.element("tr") { row in
                    row.element("td", text: user.name)
                    row.element("td") { cell in
                        cell.text(user.email)
                        if !user.isActive { cell.element("strong", text: " · " + l[.adminAccountOff]) }
                    }
                    row.element("td") { cell in roleForm(user, context, &cell) }
                    row.element("td") { cell in
                        resetForm(user, context, &cell)
                        activeForm(user, context, &cell)
                    }
                }
            }
        }
        html.element("h2", text: l[.adminAddUser])
        html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/users")]) { form in
            csrfField(&form, context)
            nameAndEmailFields(&form, values: page.values, error: page.error, l)
            form.element("label", [Attribute("for", "role")], text: l[.adminRole])
            form.element("select", [.name("role"), .id("role")]) { select in
                for role in Role.allCases {
                    select.element(
                        "option", [.value(role.rawValue), .flag("selected", page.values["role"] == role.rawValue)],
                        text: l.role(role))
                }
            }
            form.element("p", [.class("actions")]) {
                $0.element("button", [.type("submit")], text: l[.actionCreate])
            }
        }
    }
}

private func roleForm(_ user: StaffRoster.Row, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    let action = "/admin/users/\(user.id.uuidString.lowercased())/role"
    html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
        csrfField(&form, context)
        form.element("select", [.name("role"), Attribute("aria-label", l[.adminRole])]) { select in
            for role in Role.allCases {
                select.element(
                    "option", [.value(role.rawValue), .flag("selected", role == user.role)], text: l.role(role))
            }
        }
        form.element("button", [.type("submit")], text: l[.adminChangeRole])
    }
}

/// Not for yourself: your own password is changed on the account page, with the current one.
private func resetForm(_ user: StaffRoster.Row, _ context: ViewContext, _ html: inout HTML) {
    guard user.id != context.staffID else { return }
    let action = "/admin/users/\(user.id.uuidString.lowercased())/reset-password"
    html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
        csrfField(&form, context)
        form.element("button", [.type("submit")], text: context.localizer[.adminResetPassword])
    }
}

/// Not for yourself: you cannot switch your own account off.
private func activeForm(_ user: StaffRoster.Row, _ context: ViewContext, _ html: inout HTML) {
    guard user.id != context.staffID else { return }
    let verb = user.isActive ? "disable" : "enable"
    let action = "/admin/users/\(user.id.uuidString.lowercased())/\(verb)"
    html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
        csrfField(&form, context)
        form.element(
            "button", [.type("submit")], text: context.localizer[user.isActive ? .adminDisableUser : .adminEnableUser])
    }
}
