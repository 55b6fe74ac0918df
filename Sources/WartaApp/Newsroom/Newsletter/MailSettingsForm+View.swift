/// The SMTP form and the test mail button, after the general form of /admin/settings.
func mailSettingsForms(_ panel: MailSettingsPanel, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    html.element("h2", [.id("mail")], text: l[.mailSettingsHeading])
    if let notice = panel.notice { html.element("p", [.class("notice")], text: l[notice]) }
    if panel.problems != nil { html.element("p", [.class("error")], text: l[.settingsNotSaved]) }
    html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/settings/mail")]) { form in
        csrfField(&form, context)
        serverFields(panel, context, &form)
        mailField(.from, label: l[.mailFrom], value: panel.values.from, panel, context, &form)
        form.element("p") { $0.element("small", text: l[.mailFromHint]) }
        mailField(.digestTime, label: l[.mailDigestTime], value: panel.values.digestTime, panel, context, &form)
        form.element("p") { $0.element("small", text: l[.mailDigestTimeHint]) }
        form.element("p", [.class("actions")]) { $0.element("button", [.type("submit")], text: l[.actionSave]) }
    }
    html.element("form", [Attribute("method", "post"), Attribute("action", "/admin/settings/mail/test")]) { form in
        csrfField(&form, context)
        textField(
            &form, label: l[.mailTestTo], name: "to", value: panel.testAddress, type: "email",
            error: panel.testProblem.map { l[$0] }, required: true)
        form.element("p", [.class("actions")]) { $0.element("button", [.type("submit")], text: l[.mailSendTest]) }
    }
}

private func serverFields(_ panel: MailSettingsPanel, _ context: ViewContext, _ form: inout HTML) {
    let l = context.localizer
    let values = panel.values
    mailField(.host, label: l[.mailSmtpHost], value: values.host, panel, context, &form)
    form.element("p") { $0.element("small", text: l[.mailSmtpHostHint]) }
    mailField(.port, label: l[.mailSmtpPort], value: values.port, panel, context, &form, type: "number")
    let locked = panel.environment.variable(for: .security) != nil
    form.element("label", [Attribute("for", "smtp_security")], text: l[.mailSmtpSecurity])
    form.element(
        "select", [.name("smtp_security"), .id("smtp_security"), .flag("disabled", locked)]
    ) { select in
        let modes: [(String, L10nKey)] = [
            ("starttls", .mailSecurityStartTLS), ("tls", .mailSecurityTLS), ("off", .mailSecurityOff),
        ]
        for (mode, key) in modes {
            select.element("option", [.value(mode), .flag("selected", values.security == mode)], text: l[key])
        }
    }
    problemAndNote(.security, panel, context, &form)
    mailField(.username, label: l[.mailSmtpUsername], value: values.username, panel, context, &form)
    // A secret: the field is always empty, and a note tells whether one is saved.
    mailField(.password, label: l[.mailSmtpPassword], value: "", panel, context, &form, type: "password")
    let hint: L10nKey = values.hasPassword ? .mailPasswordSaved : .mailPasswordNone
    form.element("p") { $0.element("small", text: l[hint]) }
}

/// A text field of the SMTP form; read-only, with a note naming the variable, when the environment sets it.
private func mailField(
    _ field: MailSettingsForm.Field, label: String, value: String, _ panel: MailSettingsPanel,
    _ context: ViewContext, _ html: inout HTML, type: String = "text"
) {
    let locked = panel.environment.variable(for: field) != nil
    let shown = field == .from && locked ? panel.environment.mailFrom ?? value : value
    html.element("label", [Attribute("for", field.rawValue)], text: label)
    html.open(
        "input",
        [
            .type(type), .name(field.rawValue), .id(field.rawValue), .value(shown), .flag("readonly", locked),
            field == .password ? Attribute("autocomplete", "new-password") : nil,
        ])
    problemAndNote(field, panel, context, &html)
}

private func problemAndNote(
    _ field: MailSettingsForm.Field, _ panel: MailSettingsPanel, _ context: ViewContext, _ html: inout HTML
) {
    let l = context.localizer
    if let key = panel.problems?.message(for: field) { html.element("p", [.class("error")], text: l[key]) }
    if let variable = panel.environment.variable(for: field) {
        html.element("p") { $0.element("small", text: l(.settingsSetByEnvironment, ["variable": variable])) }
    }
}
