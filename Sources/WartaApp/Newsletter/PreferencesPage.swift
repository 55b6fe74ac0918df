/// The preferences page: the subscriber's lists with ticks, display-ready.
struct PreferencesPage: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        let slug: String
        let name: String
        let about: String
        let isOn: Bool
        let isPending: Bool
    }

    static let path = "/newsletter/preferences"
    static let leaveAllAction = "leave-all"

    let email: String
    let token: String
    let rows: [Row]
    var notice: L10nKey?

    init(
        _ preferences: SubscriptionStore.Preferences, lists: [NewsletterList], token: String, notice: L10nKey?,
        _ l: Localizer
    ) {
        email = preferences.email
        self.token = token
        self.notice = notice
        rows = lists.map { list in
            let state = preferences.states[list.slug]
            return Row(
                slug: list.slug, name: list.displayName(l), about: list.displayDescription(l),
                isOn: state == "active" || state == "pending", isPending: state == "pending")
        }
    }
}

func preferencesPageView(_ page: PreferencesPage, _ context: ViewContext) -> String {
    let l = context.localizer
    let title = l[.newsletterPreferencesTitle]
    return PublicLayout(title: title, description: title, context: context).render { html in
        html.element("section", [.class("newsletter-page")]) { section in
            section.element("h1", text: title)
            if let notice = page.notice { section.element("p", [.class("notice")], text: l[notice]) }
            section.element("p", text: l(.newsletterPreferencesIntro, ["email": page.email]))
            section.element("form", [Attribute("method", "post"), Attribute("action", PreferencesPage.path)]) { form in
                form.open("input", [.type("hidden"), .name("token"), .value(page.token)])
                form.element("fieldset") { set in
                    for row in page.rows { preferenceRow(row, l, into: &set) }
                }
                form.element(
                    "button", [.type("submit"), .name("action"), .value("save")], text: l[.newsletterPreferencesSave])
                form.text(" ")
                form.element(
                    "button", [.type("submit"), .name("action"), .value(PreferencesPage.leaveAllAction)],
                    text: l[.newsletterLeaveAll])
            }
        }
    }
}

private func preferenceRow(_ row: PreferencesPage.Row, _ l: Localizer, into html: inout HTML) {
    html.element("p") { p in
        p.element("label") { label in
            label.open("input", [.type("checkbox"), .name("list"), .value(row.slug), .flag("checked", row.isOn)])
            label.text(" ")
            label.element("strong", text: row.name)
            if row.isPending { label.text(" (\(l[.newsletterStatePending]))") }
        }
        if !row.about.isEmpty {
            p.open("br")
            p.element("small", text: row.about)
        }
    }
}
