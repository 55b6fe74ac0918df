import Foundation
import Hummingbird
import Logging
import WartaMail

/// The SMTP form of `/admin/settings` (admins only): `POST /admin/settings/mail` saves it, `POST
/// /admin/settings/mail/test` queues a test mail that the outbox sender delivers with the effective settings.
struct MailSettingsRoutes: Sendable {
    let store: SettingsStore
    let settings: SettingsProvider

    var environment: MailEnvironment { MailEnvironment(store.services.config) }

    func add(to group: RouterGroup<WartaContext>) {
        group.post("/settings/mail", use: save)
        group.post("/settings/mail/test", use: sendTest)
    }

    @Sendable func save(_ request: Request, context: WartaContext) async throws -> Response {
        try requireAdmin(context)
        let rows: [String: String]
        do {
            rows = try MailSettingsForm.rows(from: context.form, locked: environment.lockedFields)
        } catch {
            let saved = try await MailSettingsForm.load(on: store.services.database.db)
            var panel = try await MailSettingsPanel.load(store: store, context: context)
            panel.values = MailSettingsForm.echo(context.form, over: saved)
            panel.problems = error
            return try await SettingsRoutes.render(context, settings: settings, mail: panel)
        }
        try await store.saveMail(rows)
        // Which form, never its values: it holds a password.
        context.logger.info("site settings saved", metadata: ["form": "mail"])
        return .redirect("/admin/settings?mail_saved=1#mail")
    }

    @Sendable func sendTest(_ request: Request, context: WartaContext) async throws -> Response {
        try requireAdmin(context)
        let typed = context.form["to"].trimmingCharacters(in: .whitespaces)
        guard !typed.contains(where: \.isNewline), typed.count <= MailSettingsForm.textLimit,
            (try? MailAddress(typed)) != nil
        else {
            var panel = try await MailSettingsPanel.load(store: store, context: context)
            panel.testAddress = typed
            panel.testProblem = .errorMailAddress
            return try await SettingsRoutes.render(context, settings: settings, mail: panel)
        }
        let l = Localizer(context.uiLanguage)
        let mail = OutgoingMail(
            kind: .test, subject: l(.mailSettingsTestSubject, ["site": settings.current.name]), text: l[.mailTestBody],
            html: nil)
        let world = store.services.world
        _ = try await store.services.database.write { tx in
            try await MailOutbox.enqueue(mail, to: [MailRecipient(address: typed)], world: world, on: tx)
        }
        context.logger.info("test mail queued", metadata: ["form": "mail"])
        return .redirect("/admin/settings?mail_test=1#mail")
    }

    private func requireAdmin(_ context: WartaContext) throws {
        guard context.staff?.role.canManageUsers == true else { throw SiteError.forbidden }
    }
}

/// What the SMTP part of /admin/settings shows.
struct MailSettingsPanel: Sendable {
    var values: MailSettingsForm
    var problems: MailSettingsForm.Problems?
    var environment: MailEnvironment
    var notice: L10nKey?
    var testAddress: String
    var testProblem: L10nKey?

    /// The saved values; the test goes to the signed-in admin unless another address is typed.
    static func load(store: SettingsStore, context: WartaContext) async throws -> MailSettingsPanel {
        let saved = try await MailSettingsForm.load(on: store.services.database.db)
        return MailSettingsPanel(
            values: MailSettingsForm(saved: saved), environment: MailEnvironment(store.services.config),
            testAddress: context.staff?.email ?? "")
    }
}

extension SettingsStore {
    /// Saves `mail.*` rows and a new settings version in one write, as `save` does for the general form, so every
    /// instance notices the change within a second (`SettingsWatcher`) and the sender reads the new values.
    func saveMail(_ rows: [String: String]) async throws {
        let version = services.world.randomToken()
        let all = rows.merging([Self.versionKey: version]) { $1 }
        let provider = services.settings
        try await services.database.write { tx in
            try await Self.put(all, on: tx)
            let next = provider.environment.effective(try await Self.savedValues(on: tx))
            AfterCommit.run { provider.apply(next, version: version) }
        }
    }
}
