/// The subscribe box's form values when it is shown again with a problem.
struct NewsletterBox: Sendable, Equatable {
    /// The form's honeypot: hidden from people by the stylesheet, filled in by bots that fill every field.
    static let honeypotField = "website"
    static let action = "/newsletter"

    var email = ""
    var list = ""
    var problem: L10nKey?
}

/// Part 8 of the article page (DESIGN.md §1). It sits on cached pages that are the same for everyone, so it holds
/// no per-visitor token (CONTRACTS.md, "Public forms on cached pages"); it works without JavaScript.
func newsletterBoxView(_ box: NewsletterBox, _ context: ViewContext, into html: inout HTML) {
    let l = context.localizer
    html.element("section", [.class("newsletter"), Attribute("aria-labelledby", "newsletter-heading")]) { section in
        section.element("h2", [.id("newsletter-heading")], text: l[.newsletterHeading])
        section.element("p", text: l[.newsletterIntro])
        section.element("form", [Attribute("method", "post"), Attribute("action", NewsletterBox.action)]) { form in
            form.element("label", [Attribute("for", "newsletter-email")], text: l[.newsletterEmailLabel])
            if let problem = box.problem {
                form.element("p", [.class("error"), .id("newsletter-problem")], text: l[problem])
            }
            form.open(
                "input",
                [
                    .id("newsletter-email"), .type("email"), .name("email"), .flag("required"),
                    Attribute("autocomplete", "email"), Attribute("maxlength", "254"),
                    box.email.isEmpty ? nil : .value(box.email),
                    box.problem == nil ? nil : Attribute("aria-describedby", "newsletter-problem"),
                    box.problem == nil ? nil : Attribute("aria-invalid", "true"),
                ])
            if !box.list.isEmpty { form.open("input", [.type("hidden"), .name("list"), .value(box.list)]) }
            form.element("label", [.class("hp"), Attribute("aria-hidden", "true")]) { trap in
                trap.text(l[.newsletterHoneypot])
                trap.open(
                    "input",
                    [.name(NewsletterBox.honeypotField), Attribute("tabindex", "-1"), Attribute("autocomplete", "off")])
            }
            form.element("button", [.type("submit")], text: l[.newsletterSubscribe])
        }
    }
}
