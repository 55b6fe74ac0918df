import Foundation

/// The sign-in form, with the address typed and the problem after a failed try.
struct SignInPage: Sendable {
    var email = ""
    /// `.adminSignInFailed`, or `.adminAccountDisabled` once the password was right.
    var problem: L10nKey?
}

func signInPageView(_ page: SignInPage, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.adminSignInTitle], context: context).render { html in
        html.element("h1", text: l[.adminSignInTitle])
        if let problem = page.problem { html.element("p", [.class("error")], text: l[problem]) }
        html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/signin")]) { form in
            csrfField(&form, context)
            textField(&form, label: l[.adminEmail], name: "email", value: page.email, type: "email", required: true)
            textField(&form, label: l[.adminPassword], name: "password", value: "", type: "password", required: true)
            form.element("p", [.class("actions")]) {
                $0.element("button", [.type("submit")], text: l[.adminSignIn])
            }
            form.element("p") { $0.element("small", text: l[.adminForgotPassword]) }
        }
    }
}
