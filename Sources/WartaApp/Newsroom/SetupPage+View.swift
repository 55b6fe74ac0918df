import Foundation

/// The owner set-up form: the one-time token it carries, what was typed, and the problem if any.
struct SetupPage: Sendable {
    let token: String
    var values = FormData()
    var error: StaffAccounts.AccountError?
}

func setupPageView(_ page: SetupPage, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.adminSetupTitle], context: context).render { html in
        html.element("h1", text: l[.adminSetupTitle])
        html.element("p", text: l[.adminSetupIntro])
        html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/setup")]) { form in
            csrfField(&form, context)
            form.open("input", [.type("hidden"), .name("token"), .value(page.token)])
            nameAndEmailFields(&form, values: page.values, error: page.error, l)
            textField(
                &form, label: l[.adminPassword], name: "password", value: "", type: "password",
                error: page.error?.message(for: "password", l), required: true)
            form.element("p", [.class("actions")]) {
                $0.element("button", [.type("submit")], text: l[.adminCreateOwner])
            }
        }
    }
}

/// A set-up link that is wrong, spent or expired, or an owner already exists.
func setupInvalidView(_ context: ViewContext) -> String {
    AdminLayout(title: context.localizer[.adminSetupTitle], context: context).render { html in
        html.element("h1", text: context.localizer[.adminSetupTitle])
        html.element("p", [.class("error")], text: context.localizer[.adminSetupInvalid])
    }
}
