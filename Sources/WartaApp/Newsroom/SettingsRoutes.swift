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
            return page(context, form: GeneralSettings(settings.current), problems: nil, saved: saved)
        }
        group.post("/settings", use: saveGeneral)
    }

    @Sendable func saveGeneral(_ request: Request, context: WartaContext) async throws -> Response {
        try requireAdmin(context)
        let locked = Set(settings.environment.overrides.keys)
        let general: GeneralSettings
        do {
            general = try GeneralSettings.parse(context.form, current: settings.current, lockedByEnvironment: locked)
        } catch {
            return page(context, form: Self.echo(context.form, over: settings.current), problems: error, saved: false)
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

    private func page(
        _ context: WartaContext, form: GeneralSettings, problems: GeneralSettings.Problems?, saved: Bool
    ) -> Response {
        let page = SettingsPage(
            general: form, problems: problems, saved: saved, environment: settings.environment.overrides)
        let html = settingsView(page, context.viewContext(settings.current))
        return .html(html, status: problems == nil ? .ok : .unprocessableContent, cacheControl: "no-store")
    }
}
