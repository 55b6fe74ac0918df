import Foundation
import Hummingbird
import Logging

/// `/admin/settings` (admins only). Its first form is the general one (CONTRACTS.md: the field `site_name`);
/// later issues add mail, sign-in providers and comment rules as further forms on the same page.
struct SettingsRoutes: Sendable {
    let store: SettingsStore
    let settings: SettingsProvider

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/settings") { request, context in
            try requireAdmin(context)
            let saved = request.uri.queryParameters["saved"] != nil
            var mail = try await MailSettingsPanel.load(store: store, context: context)
            if request.uri.queryParameters["mail_saved"] != nil { mail.notice = .settingsSaved }
            if request.uri.queryParameters["mail_test"] != nil { mail.notice = .mailTestQueued }
            return try await Self.render(
                context, settings: settings, general: GeneralSettings(settings.current), saved: saved, mail: mail)
        }
        group.post("/settings", use: saveGeneral)
        MailSettingsRoutes(store: store, settings: settings).add(to: group)
    }

    @Sendable func saveGeneral(_ request: Request, context: WartaContext) async throws -> Response {
        try requireAdmin(context)
        let locked = Set(settings.environment.overrides.keys)
        let general: GeneralSettings
        do {
            general = try GeneralSettings.parse(context.form, current: settings.current, lockedByEnvironment: locked)
        } catch {
            return try await Self.render(
                context, settings: settings, general: Self.echo(context.form, over: settings.current),
                problems: error, mail: try await MailSettingsPanel.load(store: store, context: context))
        }
        try await store.save(general)
        // Which fields, not their values: a later form will hold secrets.
        context.logger.info("site settings saved", metadata: ["form": "general"])
        return .redirect("/admin/settings?saved=1")
    }

    private func requireAdmin(_ context: WartaContext) throws {
        guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
    }

    /// What the admin typed, shown back beside the problems.
    private static func echo(_ form: FormData, over current: SiteSettings) -> GeneralSettings {
        var values = GeneralSettings(current)
        values.name = form[GeneralSettings.Field.name.rawValue]
        values.description = form[GeneralSettings.Field.description.rawValue]
        values.languages = GeneralSettings.languages(form.values(GeneralSettings.Field.languages.rawValue))
        values.defaultLanguage =
            UILanguage(rawValue: form[GeneralSettings.Field.defaultLanguage.rawValue])
            ?? current.defaultLanguage
        values.timeZone = form[GeneralSettings.Field.timeZone.rawValue]
        values.contact = form[GeneralSettings.Field.contact.rawValue]
        return values
    }

    /// The whole page: the general form (`general`, as saved unless given) and the SMTP form (`mail`); 422 when
    /// either shows problems.
    static func render(
        _ context: WartaContext, settings: SettingsProvider, general: GeneralSettings? = nil,
        problems: GeneralSettings.Problems? = nil, saved: Bool = false, mail: MailSettingsPanel
    ) async throws -> Response {
        let page = SettingsPage(
            general: general ?? GeneralSettings(settings.current), problems: problems, saved: saved,
            environment: settings.environment.overrides, mail: mail)
        let html = settingsView(page, context.viewContext(settings.current))
        let failed = problems != nil || mail.problems != nil || mail.testProblem != nil
        return .html(html, status: failed ? .unprocessableContent : .ok, cacheControl: "no-store")
    }
}
