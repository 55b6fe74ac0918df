import FluentKit
import Foundation
import Testing
import WartaMail

@testable import WartaApp

@Suite struct AppConfigTests {
    @Test func workerSwitch() throws {
        #expect(try AppConfig.fromEnvironment([:]).runsWorker)
        #expect(try !AppConfig.fromEnvironment(["WARTA_WORKER": "0"]).runsWorker)
        #expect(throws: ConfigError(variable: "WARTA_WORKER", problem: "'no' is not 0 or 1")) {
            try AppConfig.fromEnvironment(["WARTA_WORKER": "no"])
        }
    }

    @Test func mailVariables() throws {
        let config = try AppConfig.fromEnvironment([
            "WARTA_SMTP_URL": "smtps://rina:pw@mail.example:465",
            "WARTA_MAIL_FROM": "Kabar Desa <redaksi@kabar.example>",
            "WARTA_SITE_NAME": "Kabar",
        ])
        let site = SiteSettings(
            name: "Kabar", timeZone: .gmt, defaultLanguage: .id, siteURL: config.siteURL, secureCookies: false)
        let mail = MailSettings.resolve(config: config, site: site, saved: [MailSettings.Key.host: "ignored.example"])
        #expect(mail.smtp?.host == "mail.example")
        #expect(mail.smtp?.security == .implicitTLS)
        #expect(mail.smtpFromEnvironment)
        #expect(mail.from.address.description == "redaksi@kabar.example")
        #expect(mail.from.displayName == "Kabar Desa")
        #expect(mail.digestMinuteOfDay == 360)
        let fallback = MailSettings.resolve(
            config: try AppConfig.fromEnvironment(["WARTA_SITE_URL": "https://berita.example"]), site: site,
            saved: [
                MailSettings.Key.host: "relay.example", MailSettings.Key.security: "off", MailSettings.Key.port: "2525",
                MailSettings.Key.digestTime: "07:30",
            ])
        #expect(fallback.smtp?.host == "relay.example")
        #expect(fallback.smtp?.port == 2525)
        #expect(fallback.smtp?.security == .starttlsOff)
        #expect(fallback.from.address.description == "noreply@berita.example")
        #expect(fallback.from.displayName == "Kabar")
        #expect(fallback.digestMinuteOfDay == 450)
        #expect(MailSettings.minuteOfDay("24:00") == nil)
        #expect(MailSettings.minuteOfDay("6:00") == nil)
    }

    @Test func defaultsNeedNoVariables() throws {
        let config = try AppConfig.fromEnvironment([:])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.siteURL == "http://127.0.0.1:8080")
        #expect(config.database == .sqlite(path: "./warta.sqlite"))
        #expect(config.language == .id)
        #expect(config.timeZone.identifier == "Asia/Jakarta")
        #expect(config.pageCacheBytes == 64 * 1024 * 1024)
        #expect(!config.usesSecureCookies)
    }

    @Test func readsEveryVariable() throws {
        let config = try AppConfig.fromEnvironment([
            "WARTA_HOST": "0.0.0.0", "WARTA_PORT": "9000", "WARTA_SITE_URL": "https://berita.example/",
            "DATABASE_URL": "postgres://u:p@db:5432/warta", "WARTA_LANGUAGE": "fr", "WARTA_TIMEZONE": "Europe/Paris",
            "WARTA_SITE_NAME": "Kabar", "WARTA_LOG_LEVEL": "debug", "WARTA_THREADS": "3", "WARTA_PAGE_CACHE_MB": "0",
        ])
        #expect(config.port == 9000)
        #expect(config.siteURL == "https://berita.example")
        #expect(config.usesSecureCookies)
        #expect(config.database == .postgres(url: "postgres://u:p@db:5432/warta"))
        #expect(config.language == .fr)
        #expect(config.siteName == "Kabar")
        #expect(config.threads == 3)
        #expect(config.pageCacheBytes == 0)
    }

    @Test(
        "A bad value names its variable",
        arguments: [
            ("WARTA_PORT", "eighty"), ("WARTA_PORT", "70000"), ("WARTA_LANGUAGE", "de"),
            ("WARTA_TIMEZONE", "Mars/Base"),
            ("DATABASE_URL", "mysql://x"), ("WARTA_SITE_URL", "ftp://x"), ("WARTA_LOG_LEVEL", "loud"),
            ("WARTA_THREADS", "0"), ("WARTA_PAGE_CACHE_MB", "-1"), ("WARTA_SECRET", "short"),
            ("WARTA_SMTP_URL", "http://mail.example"), ("WARTA_SMTP_URL", "smtp://host:99999"),
            ("WARTA_SMTP_CA_FILE", "/nonexistent/ca.pem"), ("WARTA_MAIL_FROM", "Redaksi"),
            ("WARTA_MAIL_FROM", "Redaksi <a@b.example>\r\nBcc: x@y.example"),
        ])
    func badValueNamesVariable(variable: String, value: String) {
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment([variable: value]) }
        do {
            _ = try AppConfig.fromEnvironment([variable: value])
        } catch let error as ConfigError {
            #expect(error.variable == variable)
            #expect(error.description.hasPrefix("\(variable): "))
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
