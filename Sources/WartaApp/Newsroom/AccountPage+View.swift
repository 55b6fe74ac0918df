import Foundation

/// What the account page shows: who is signed in, a notice after a change, and the password form's problem.
struct AccountPage: Sendable {
    let staff: StaffIdentity
    var notice: L10nKey?
    var error: StaffAccounts.AccountError?
}

func accountPageView(_ page: AccountPage, _ context: ViewContext) -> String {
    let (staff, l) = (page.staff, context.localizer)
    return AdminLayout(title: l[.adminAccount], context: context).render { html in
        html.element("h1", text: l[.adminAccount])
        html.element("p", text: "\(staff.name) · \(staff.email) · \(l.role(staff.role))")
        if let notice = page.notice { html.element("p", [.class("notice")], text: l[notice]) }
        html.element("h2", text: l[.adminChangePassword])
        html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/account/password")]) { form in
            csrfField(&form, context)
            textField(
                &form, label: l[.adminCurrentPassword], name: "current", value: "", type: "password",
                error: page.error?.message(for: "current", l), required: true)
            textField(
                &form, label: l[.adminNewPassword], name: "password", value: "", type: "password",
                error: page.error?.message(for: "password", l), required: true, hint: l[.adminPasswordTooShort])
            textField(
                &form, label: l[.adminRepeatPassword], name: "repeat", value: "", type: "password",
                error: page.error?.message(for: "repeat", l), required: true)
            form.element("p", [.class("actions")]) {
                $0.element("button", [.type("submit")], text: l[.adminChangePassword])
            }
        }
        html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/signout-everywhere")]) { form in
            csrfField(&form, context)
            form.element("button", [.type("submit")], text: l[.adminSignOutEverywhere])
        }
    }
}
