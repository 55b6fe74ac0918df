/// The newsroom frame: a plain, fast page with the navigation and the signed-in user.
struct AdminLayout {
    let title: String
    let context: ViewContext

    static let css: StaticString = """
        <style>*,*::before,*::after{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b}\
        header{background:#1b1b1b;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}\
        header a{color:#fff}main{max-width:60rem;margin:0 auto;padding:1rem}label{display:block;font-weight:600;margin-top:.8rem}\
        input[type=text],input[type=email],input[type=password],input[type=url],input[type=search],select,textarea{\
        width:100%;padding:.4rem;font:inherit}td select{width:auto;max-width:100%}textarea{min-height:18rem}\
        .error{color:#b3261e}.notice{background:#eef7ee;padding:.5rem}\
        .conflict{background:#fff4e5;padding:.5rem;border:1px solid #e0a040}table{border-collapse:collapse;width:100%}\
        td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}.actions button{margin:.8rem .4rem 0 0}\
        button{font:inherit;padding:.4rem .9rem;min-height:2.75rem}.preview{border:1px dashed #999;padding:1rem;margin-top:1rem}\
        form.inline{display:inline}summary{padding:.7rem 0;cursor:pointer}ul.names li{border-bottom:1px solid #eee;padding-top:.3rem}\
        button.danger{background:#b3261e;color:#fff;border:1px solid #8c1d18}\
        @media (max-width:40rem){table.stack tr{display:block;border-bottom:1px solid #ddd;padding:.4rem 0}\
        table.stack td{display:block;border:0;padding:.15rem 0}}</style>
        """

    func render(_ content: (inout HTML) -> Void) -> String {
        let l = context.localizer
        var html = HTML()
        html.markup("<!doctype html>")
        html.open("html", [.lang(context.language.rawValue)])
        html.element("head") { head in
            head.markup(
                "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            head.markup("<meta name=\"robots\" content=\"noindex\">")
            head.element("title", text: "\(title) – \(l[.adminTitle])")
            head.markup(Self.css)
            head.iconLink()
        }
        html.open("body")
        html.element("header") { header in
            header.element("a", [.href("/")], text: context.siteName)
            if let name = context.staffName {
                header.element("a", [.href("/admin/articles")], text: l[.adminArticles])
                header.element("a", [.href("/admin/categories")], text: l[.adminCategories])
                header.element("a", [.href("/admin/tags")], text: l[.adminTags])
                header.element("a", [.href("/admin/users")], text: l[.adminUsers])
                header.element("a", [.href("/admin/newsletter")], text: l[.adminNewsletter])
                header.element("a", [.href("/admin/settings")], text: l[.adminSettings])
                header.element("a", [.href("/admin/jobs")], text: l[.adminJobs])
                header.element("a", [.href("/admin/account"), Attribute("title", l[.adminAccount])], text: name)
                header.element(
                    "form", [Attribute("method", "post"), Attribute("action", "/admin/signout"), .class("inline")]
                ) {
                    form in
                    csrfField(&form, context)
                    form.element("button", [.type("submit")], text: l[.adminSignOut])
                }
            }
        }
        html.element("main", [], content)
        html.close("body")
        html.close("html")
        return html.output
    }
}

/// The hidden CSRF field every newsroom form carries.
func csrfField(_ html: inout HTML, _ context: ViewContext) {
    html.open("input", [.type("hidden"), .name(CSRFMiddleware.fieldName), .value(context.csrfToken ?? "")])
}

/// A labelled text input with its error message, if any.
func textField(
    _ html: inout HTML, label: String, name: String, value: String, type: String = "text", error: String? = nil,
    required: Bool = false, hint: String? = nil, list: String? = nil
) {
    html.element("label", [Attribute("for", name)], text: label)
    if let hint { html.element("small", text: hint) }
    html.open(
        "input",
        [
            .type(type), .name(name), .id(name), .value(value), .flag("required", required),
            list.map { Attribute("list", $0) },
        ])
    if let error { html.element("p", [.class("error")], text: error) }
}

/// The name and email fields of a new account (owner set-up, adding a user), each with its error if any.
func nameAndEmailFields(_ form: inout HTML, values: FormData, error: StaffAccounts.AccountError?, _ l: Localizer) {
    textField(
        &form, label: l[.adminName], name: "name", value: values["name"], error: error?.message(for: "name", l),
        required: true)
    textField(
        &form, label: l[.adminEmail], name: "email", value: values["email"], type: "email",
        error: error?.message(for: "email", l), required: true)
}
