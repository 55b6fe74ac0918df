import FluentKit
import Foundation
import WartaMail

/// The SMTP form of /admin/settings: what it shows, its checks, and the `mail.*` rows it stores
/// (`MailSettings.Key`). The password is a secret: it is never shown back, and a blank one keeps the saved value.
struct MailSettingsForm: Sendable, Equatable {
    /// A form field; its raw value is the posted name.
    enum Field: String, CaseIterable, Sendable {
        case host = "smtp_host"
        case port = "smtp_port"
        case security = "smtp_security"
        case username = "smtp_username"
        case password = "smtp_password"
        case from = "mail_from"
        case digestTime = "digest_time"

        /// The fields `WARTA_SMTP_URL` sets as a whole when it is set.
        var isServerField: Bool { self != .from && self != .digestTime }
    }

    /// The TLS modes `MailSettings` reads (`mail.smtp.security`).
    static let securityModes = ["starttls", "tls", "off"]
    static let hostLimit = 253
    static let textLimit = 200

    var host = ""
    var port = ""
    var security = "starttls"
    var username = ""
    /// True when a password is saved; the form says so instead of showing it.
    var hasPassword = false
    var from = ""
    var digestTime = "06:00"

    /// The saved rows, as the form shows them.
    init(saved: [String: String]) {
        host = saved[MailSettings.Key.host] ?? ""
        port = saved[MailSettings.Key.port] ?? ""
        security = saved[MailSettings.Key.security].flatMap { Self.securityModes.contains($0) ? $0 : nil } ?? "starttls"
        username = saved[MailSettings.Key.username] ?? ""
        hasPassword = !(saved[MailSettings.Key.password] ?? "").isEmpty
        from = saved[MailSettings.Key.from] ?? ""
        digestTime = saved[MailSettings.Key.digestTime] ?? "06:00"
    }

    static func load(on db: any Database) async throws -> [String: String] {
        let rows = try await SiteSetting.query(on: db).filter(\.$id ~~ MailSettings.Key.all).all()
        var saved: [String: String] = [:]
        for row in rows { if let key = row.id { saved[key] = row.value } }
        return saved
    }

    struct Problem: Error, Equatable, Sendable {
        let field: Field
        let key: L10nKey
    }

    struct Problems: Error, Equatable, Sendable {
        let list: [Problem]
        func message(for field: Field) -> L10nKey? { list.first { $0.field == field }?.key }
    }

    /// The rows to store for a posted form. Fields the environment sets (`locked`) are left out, so their saved
    /// values stay; a blank password is left out too. Throws every problem found, each with its field.
    static func rows(from form: FormData, locked: Set<Field>) throws(Problems) -> [String: String] {
        var rows: [String: String] = [:]
        var problems: [Problem] = []
        func check(_ field: Field, limit: Int = textLimit, _ extra: (String) -> L10nKey? = { _ in nil }) {
            guard !locked.contains(field) else { return }
            let value = form[field.rawValue]
            if value.contains(where: \.isNewline) {
                problems.append(.init(field: field, key: .errorMailLineBreak))
            } else if value.count > limit {
                problems.append(.init(field: field, key: .settingsTooLong))
            } else if let key = extra(value.trimmingCharacters(in: .whitespaces)) {
                problems.append(.init(field: field, key: key))
            } else if let key = storageKey(field) {
                rows[key] = value.trimmingCharacters(in: .whitespaces)
            }
        }
        check(.host, limit: hostLimit) { isHostName($0) ? nil : .errorMailHost }
        check(.port) { $0.isEmpty || Int($0).map { (1...65535).contains($0) } == true ? nil : .errorMailPort }
        check(.security) { securityModes.contains($0) ? nil : .errorMailSecurity }
        check(.username)
        check(.from) { $0.isEmpty || MailSender.parse($0) != nil ? nil : .errorMailFrom }
        check(.digestTime) { MailSettings.minuteOfDay($0) != nil ? nil : .errorMailTime }
        // The password is kept as typed (spaces may be part of it) and only when one was typed.
        let password = form[Field.password.rawValue]
        if !locked.contains(.password) {
            if password.contains(where: \.isNewline) {
                problems.append(.init(field: .password, key: .errorMailLineBreak))
            } else if password.count > textLimit {
                problems.append(.init(field: .password, key: .settingsTooLong))
            } else if !password.isEmpty {
                rows[MailSettings.Key.password] = password
            }
        }
        guard problems.isEmpty else { throw Problems(list: problems) }
        return rows
    }

    /// What the admin typed, shown back beside the problems; never the password.
    static func echo(_ form: FormData, over saved: [String: String]) -> MailSettingsForm {
        var values = MailSettingsForm(saved: saved)
        values.host = form[Field.host.rawValue]
        values.port = form[Field.port.rawValue]
        values.security = form[Field.security.rawValue]
        values.username = form[Field.username.rawValue]
        values.from = form[Field.from.rawValue]
        values.digestTime = form[Field.digestTime.rawValue]
        return values
    }

    private static func storageKey(_ field: Field) -> String? {
        switch field {
        case .host: MailSettings.Key.host
        case .port: MailSettings.Key.port
        case .security: MailSettings.Key.security
        case .username: MailSettings.Key.username
        case .password: nil
        case .from: MailSettings.Key.from
        case .digestTime: MailSettings.Key.digestTime
        }
    }

    /// Blank (no server: mail waits), a DNS name or an IP address; nothing an SMTP URL would misread.
    static func isHostName(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        return text.unicodeScalars.allSatisfy(allowed.contains) && !text.hasPrefix("-") && !text.hasPrefix(".")
    }
}

/// The variables that win over the SMTP form, for the fields they set (CONTRACTS.md, "Environment").
struct MailEnvironment: Sendable, Equatable {
    var smtpURLSet = false
    var mailFrom: String?

    init(_ config: AppConfig) {
        smtpURLSet = config.smtpURL != nil
        mailFrom = config.mailFrom
    }

    var lockedFields: Set<MailSettingsForm.Field> {
        var fields = Set<MailSettingsForm.Field>()
        if smtpURLSet { fields.formUnion(MailSettingsForm.Field.allCases.filter(\.isServerField)) }
        if mailFrom != nil { fields.insert(.from) }
        return fields
    }

    /// The variable that sets `field`, if one does.
    func variable(for field: MailSettingsForm.Field) -> String? {
        if field.isServerField { return smtpURLSet ? "WARTA_SMTP_URL" : nil }
        if field == .from { return mailFrom == nil ? nil : "WARTA_MAIL_FROM" }
        return nil
    }
}
