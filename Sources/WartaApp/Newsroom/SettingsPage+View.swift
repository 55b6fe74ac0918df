import Foundation

/// What /admin/settings shows: the general form's values, its problems, and which fields the environment sets.
struct SettingsPage: Sendable {
    let general: GeneralSettings
    let problems: GeneralSettings.Problems?
    let saved: Bool
    let environment: [GeneralSettings.Field: String]
    /// The second form: SMTP server, sender, digest time, and the test mail button.
    let mail: MailSettingsPanel
}

func settingsView(_ page: SettingsPage, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.adminSettings], context: context).render { html in
        html.element("h1", text: l[.adminSettings])
        if page.saved { html.element("p", [.class("notice")], text: l[.settingsSaved]) }
        if page.problems != nil { html.element("p", [.class("error")], text: l[.settingsNotSaved]) }
        html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/settings")]) { form in
            csrfField(&form, context)
            form.element("h2", text: l[.settingsGeneral])
            generalFields(page, context, &form)
            form.element("p", [.class("actions")]) {
                $0.element("button", [.type("submit")], text: l[.actionSave])
            }
        }
        mailSettingsForms(page.mail, context, &html)
    }
}

private func generalFields(_ page: SettingsPage, _ context: ViewContext, _ form: inout HTML) {
    let l = context.localizer
    let values = page.general
    func problem(_ field: GeneralSettings.Field) -> String? { page.problems?.message(for: field).map { l[$0] } }
    func lockedNote(_ field: GeneralSettings.Field, _ html: inout HTML) {
        guard let variable = page.environment[field] else { return }
        html.element("p") { $0.element("small", text: l(.settingsSetByEnvironment, ["variable": variable])) }
    }
    field(.name, label: l[.settingsSiteName], value: values.name, page, problem(.name), &form)
    lockedNote(.name, &form)
    field(.description, label: l[.settingsDescription], value: values.description, page, problem(.description), &form)
    form.element("fieldset") { set in
        set.element("legend", text: l[.settingsLanguagesOn])
        for language in UILanguage.allCases {
            set.element("label") { label in
                label.open(
                    "input",
                    [
                        .type("checkbox"), .name(GeneralSettings.Field.languages.rawValue), .value(language.rawValue),
                        .flag("checked", values.languages.contains(language)),
                    ])
                label.text(" " + language.autonym)
            }
        }
        if let message = problem(.languages) { set.element("p", [.class("error")], text: message) }
    }
    let languageLocked = page.environment[.defaultLanguage] != nil
    form.element("label", [Attribute("for", "default_language")], text: l[.settingsDefaultLanguage])
    form.element(
        "select", [.name("default_language"), .id("default_language"), .flag("disabled", languageLocked)]
    ) { select in
        for language in UILanguage.allCases {
            select.element(
                "option", [.value(language.rawValue), .flag("selected", values.defaultLanguage == language)],
                text: language.autonym)
        }
    }
    if let message = problem(.defaultLanguage) { form.element("p", [.class("error")], text: message) }
    lockedNote(.defaultLanguage, &form)
    field(.timeZone, label: l[.settingsTimeZone], value: values.timeZone, page, problem(.timeZone), &form)
    form.element("p") { $0.element("small", text: l[.settingsTimeZoneHint]) }
    lockedNote(.timeZone, &form)
    field(.contact, label: l[.settingsContact], value: values.contact, page, problem(.contact), &form, type: "email")
}

/// A text field of the general form; read-only with the variable's value when the environment sets it.
private func field(
    _ field: GeneralSettings.Field, label: String, value: String, _ page: SettingsPage, _ error: String?,
    _ html: inout HTML, type: String = "text"
) {
    let locked = page.environment[field] != nil
    html.element("label", [Attribute("for", field.rawValue)], text: label)
    html.open(
        "input",
        [
            .type(type), .name(field.rawValue), .id(field.rawValue), .value(value), .flag("readonly", locked),
            .flag("required", field == .name || field == .timeZone),
        ])
    if let error { html.element("p", [.class("error")], text: error) }
}
