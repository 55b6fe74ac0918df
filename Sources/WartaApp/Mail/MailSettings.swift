import FluentKit
import Foundation
import WartaMail

/// How this site sends mail now: the SMTP server (`WARTA_SMTP_URL` wins over the one saved in /admin/settings),
/// the sender (`WARTA_MAIL_FROM`, else the saved one, else `{site name} <noreply@{site host}>`) and the daily
/// digest's local time. Read from `settings` by the sender per batch, so a change in /admin applies without a
/// restart.
struct MailSettings: Sendable, Equatable {
    /// Nil while no server is configured: mail stays queued (deferred with a clear error) until one is.
    var smtp: SMTPConfiguration?
    var from: Mailbox
    var smtpFromEnvironment: Bool
    var fromFromEnvironment: Bool
    /// Minutes after local midnight at which the daily digest goes out (default 06:00 in the site zone).
    var digestMinuteOfDay: Int

    enum Key {
        static let host = "mail.smtp.host"
        static let port = "mail.smtp.port"
        /// `starttls` (required), `tls` (implicit, 465) or `off` (a local sink).
        static let security = "mail.smtp.security"
        static let username = "mail.smtp.username"
        static let password = "mail.smtp.password"
        static let from = "mail.from"
        /// `HH:MM`, 24-hour, site zone.
        static let digestTime = "mail.digest_time"
        static let all = [host, port, security, username, password, from, digestTime]
    }

    static let defaultDigestMinute = 6 * 60

    /// The effective settings from the config and the saved `mail.*` rows.
    static func load(config: AppConfig, site: SiteSettings, on db: any Database) async throws -> MailSettings {
        let rows = try await SiteSetting.query(on: db).filter(\.$id ~~ Key.all).all()
        var saved: [String: String] = [:]
        for row in rows { if let key = row.id { saved[key] = row.value } }
        return resolve(config: config, site: site, saved: saved)
    }

    static func resolve(config: AppConfig, site: SiteSettings, saved: [String: String]) -> MailSettings {
        let helo = URL(string: config.siteURL)?.host ?? "localhost"
        var smtp: SMTPConfiguration?
        if let url = config.smtpURL {
            smtp = try? SMTPConfiguration(url: url, extraTrustedCAFile: config.smtpCAFile, heloName: helo)
        } else if let host = saved[Key.host], !host.isEmpty {
            smtp = savedServer(host: host, saved: saved, caFile: config.smtpCAFile, helo: helo)
        }
        let from =
            config.mailFrom.flatMap(MailSender.parse) ?? saved[Key.from].flatMap(MailSender.parse)
            ?? MailSender.fallback(siteName: site.name, siteURL: config.siteURL)
        return MailSettings(
            smtp: smtp, from: from, smtpFromEnvironment: config.smtpURL != nil,
            fromFromEnvironment: config.mailFrom != nil,
            digestMinuteOfDay: saved[Key.digestTime].flatMap(minuteOfDay) ?? defaultDigestMinute)
    }

    private static func savedServer(host: String, saved: [String: String], caFile: String?, helo: String)
        -> SMTPConfiguration
    {
        let security: SMTPConfiguration.Security =
            switch saved[Key.security] {
            case "tls": .implicitTLS
            case "off": .starttlsOff
            default: .starttlsRequired
            }
        let defaultPort = security == .implicitTLS ? 465 : 587
        let port = saved[Key.port].flatMap { Int($0) }.flatMap { (1...65535).contains($0) ? $0 : nil } ?? defaultPort
        let user = saved[Key.username] ?? ""
        let credentials =
            user.isEmpty ? nil : SMTPConfiguration.Credentials(username: user, password: saved[Key.password] ?? "")
        return SMTPConfiguration(
            host: host, port: port, security: security, credentials: credentials, extraTrustedCAFile: caFile,
            heloName: helo)
    }

    /// `HH:MM` (00:00–23:59) as minutes after midnight.
    static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }
}

/// The `From` of every mail.
enum MailSender {
    /// `Name <local@domain>` or a bare address; nil for anything else (line breaks included).
    static func parse(_ text: String) -> Mailbox? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: \.isNewline) else { return nil }
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            guard let address = try? MailAddress(String(inner)) else { return nil }
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            return Mailbox(address, displayName: name.isEmpty ? nil : name)
        }
        guard let address = try? MailAddress(trimmed) else { return nil }
        return Mailbox(address)
    }

    /// `{site name} <noreply@{site host}>` (CONTRACTS.md, `WARTA_MAIL_FROM`).
    static func fallback(siteName: String, siteURL: String) -> Mailbox {
        let host = URL(string: siteURL)?.host ?? "localhost"
        let address = (try? MailAddress("noreply@\(host)")) ?? MailAddress.noReplyLocalhost
        return Mailbox(address, displayName: siteName)
    }
}
