/// A page with a heading, a line of text and one button that POSTs `token` back (confirm, unsubscribe): GET only
/// shows it, so a link scanner that opens mailed links changes nothing.
struct TokenButtonPage: Sendable, Equatable {
    struct HiddenField: Sendable, Equatable {
        let name: String
        let value: String
    }

    let title: String
    let text: String
    let action: String
    let token: String
    let button: String
    /// Extra hidden fields (the RFC 8058 body for the unsubscribe button).
    var fields: [HiddenField] = []
}

func tokenButtonPageView(_ page: TokenButtonPage, _ context: ViewContext) -> String {
    PublicLayout(title: page.title, description: page.title, context: context).render { html in
        html.element("section", [.class("newsletter-page")]) { section in
            section.element("h1", text: page.title)
            section.element("p", text: page.text)
            section.element("form", [Attribute("method", "post"), Attribute("action", page.action)]) { form in
                form.open("input", [.type("hidden"), .name("token"), .value(page.token)])
                for field in page.fields {
                    form.open("input", [.type("hidden"), Attribute("name", field.name), .value(field.value)])
                }
                form.element("button", [.type("submit")], text: page.button)
            }
        }
    }
}

/// A heading and a line of text, with an optional link (the outcome pages).
func newsletterMessageView(
    title: String, text: String, link: (path: String, label: String)? = nil, _ context: ViewContext
) -> String {
    PublicLayout(title: title, description: title, context: context).render { html in
        html.element("section", [.class("newsletter-page")]) { section in
            section.element("h1", text: title)
            section.element("p", text: text)
            if let link { section.element("p") { $0.element("a", [.href(link.path)], text: link.label) } }
            section.element("p") { $0.element("a", [.href("/")], text: context.localizer[.backHome]) }
        }
    }
}

/// The subscribe form alone: on its own page, or shown again with what was wrong (a bad address).
func subscribeProblemView(_ box: NewsletterBox, _ context: ViewContext) -> String {
    let title = context.localizer[.newsletterHeading]
    return PublicLayout(title: title, description: title, context: context).render { html in
        newsletterBoxView(box, context, into: &html)
    }
}
