import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WartaMail

@testable import WartaApp

@Suite struct MailSettingsFormTests {
    static let valid: [(String, String)] = [
        ("smtp_host", "smtp.example.org"), ("smtp_port", "587"), ("smtp_security", "starttls"),
        ("smtp_username", "redaksi"), ("smtp_password", "sandi rahasia 123"),
        ("mail_from", "Kabar Pesisir <redaksi@example.org>"), ("digest_time", "05:30"),
    ]

    static func replacing(_ name: String, with value: String) -> [(String, String)] {
        valid.filter { $0.0 != name } + [(name, value)]
    }

    @Test(
        "An admin saves SMTP settings after the general form; the password is never shown and a blank one keeps it",
        arguments: TestDatabase.allCases)
    func saveKeepsPassword(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let form = try await admin.get("/admin/settings")
                let general = try #require(form.text.range(of: "name=\"site_name\""))
                let mail = try #require(form.text.range(of: "name=\"smtp_host\""))
                #expect(general.lowerBound < mail.lowerBound)
                #expect(form.text.contains("Belum ada kata sandi tersimpan."))
                let versionBefore = seed.services.settings.version
                let saved = try await admin.post("/admin/settings/mail", Self.valid)
                #expect(saved.headers[.location] == "/admin/settings?mail_saved=1#mail")
                #expect(seed.services.settings.version != versionBefore)
                let stored = try await MailSettingsForm.load(on: seed.services.database.db)
                #expect(stored[MailSettings.Key.password] == "sandi rahasia 123")
                #expect(stored[MailSettings.Key.digestTime] == "05:30")
                let again = try await admin.get("/admin/settings?mail_saved=1")
                #expect(again.text.contains("value=\"smtp.example.org\""))
                #expect(again.text.contains("Kata sandi sudah tersimpan."))
                #expect(!again.text.contains("sandi rahasia 123"))
                _ = try await admin.post(
                    "/admin/settings/mail", Self.replacing("smtp_password", with: "") + [("smtp_port", "")])
                let kept = try await MailSettingsForm.load(on: seed.services.database.db)
                #expect(kept[MailSettings.Key.password] == "sandi rahasia 123")
                let effective = MailSettings.resolve(
                    config: seed.services.config, site: seed.services.site, saved: kept)
                #expect(effective.smtp?.host == "smtp.example.org")
                #expect(effective.from.address.description == "redaksi@example.org")
                #expect(effective.digestMinuteOfDay == 5 * 60 + 30)
            }
        }
    }

    @Test("Bad SMTP fields are refused with a message by each and nothing is saved", arguments: TestDatabase.allCases)
    func badFieldsAreRefused(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                _ = try await admin.get("/admin/settings")
                let cases: [([(String, String)], String)] = [
                    (Self.replacing("smtp_port", with: "70000"), "Port harus berupa angka 1 sampai 65535."),
                    (Self.replacing("smtp_port", with: "dua"), "Port harus berupa angka"),
                    (Self.replacing("mail_from", with: "Redaksi <bukan-alamat>"), "Pengirim tidak valid."),
                    (Self.replacing("digest_time", with: "25:00"), "Jam tidak valid."),
                    (Self.replacing("digest_time", with: "6:00"), "Jam tidak valid."),
                    (Self.replacing("smtp_host", with: "smtp.example.org\r\nRCPT TO:<x@y>"), "Baris baru tidak"),
                    (Self.replacing("smtp_username", with: "a\nb"), "Baris baru tidak"),
                    (Self.replacing("smtp_password", with: "a\rb"), "Baris baru tidak"),
                    (Self.replacing("mail_from", with: "A <a@example.org>\nBcc: b@example.org"), "Baris baru tidak"),
                    (Self.replacing("smtp_host", with: "smtp example org"), "Bukan nama server atau alamat IP."),
                    (Self.replacing("smtp_security", with: "ssl3"), "Pilih STARTTLS, TLS atau tanpa enkripsi."),
                ]
                for (fields, message) in cases {
                    let response = try await admin.post("/admin/settings/mail", fields)
                    #expect(response.status == .unprocessableContent, "\(message)")
                    #expect(response.text.contains(message), "\(message)")
                    #expect(!response.text.contains("sandi rahasia 123"))
                }
                #expect(try await MailSettingsForm.load(on: seed.services.database.db).isEmpty)
                #expect(try await admin.post("/admin/settings/mail", Self.valid, csrf: "forged").status == .forbidden)
            }
        }
    }

    @Test("WARTA_SMTP_URL and WARTA_MAIL_FROM win, and the form says so", arguments: TestDatabase.allCases)
    func environmentWins(database: TestDatabase) async throws {
        try await withTestApp(
            database,
            configure: {
                $0.smtpURL = "smtp://user:geheim@mail.internal:2525"
                $0.mailFrom = "Warta Env <env@example.org>"
            }
        ) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let form = try await admin.get("/admin/settings")
                #expect(form.text.contains("Diatur oleh variabel lingkungan WARTA_SMTP_URL"))
                #expect(form.text.contains("Diatur oleh variabel lingkungan WARTA_MAIL_FROM"))
                #expect(form.text.contains("value=\"Warta Env &lt;env@example.org&gt;\" readonly"))
                #expect(!form.text.contains("geheim"))
                let saved = try await admin.post("/admin/settings/mail", Self.valid)
                #expect(saved.status == .seeOther)
                let stored = try await MailSettingsForm.load(on: seed.services.database.db)
                #expect(stored[MailSettings.Key.host] == nil && stored[MailSettings.Key.password] == nil)
                #expect(stored[MailSettings.Key.from] == nil)
                #expect(stored[MailSettings.Key.digestTime] == "05:30")
            }
        }
    }

    @Test("The test button queues a test mail to the admin; a bad address is refused", arguments: TestDatabase.allCases)
    func testMailIsQueued(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await seed.staff()
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                let form = try await admin.get("/admin/settings")
                #expect(form.text.contains("name=\"to\" id=\"to\" value=\"admin@example.com\""))
                for bad in ["bukan alamat", "a@example.org\r\nBcc: b@example.org", ""] {
                    let refused = try await admin.post("/admin/settings/mail/test", [("to", bad)])
                    #expect(refused.status == .unprocessableContent)
                    #expect(refused.text.contains("Alamat email tidak valid."))
                }
                #expect(try await seed.count("mail_outbox") == 0)
                let queued = try await admin.post("/admin/settings/mail/test", [("to", "admin@example.com")])
                #expect(queued.headers[.location] == "/admin/settings?mail_test=1#mail")
                let rows = try await seed.campaignOutbox()
                #expect(rows.count == 1)
                #expect(rows.first?.kind == "test" && rows.first?.recipient == "admin@example.com")
                #expect(rows.first?.subject == "Email uji dari Warta")
                #expect(try await admin.get("/admin/settings?mail_test=1").text.contains("Email uji masuk antrean"))
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await editor.post("/admin/settings/mail", Self.valid).status == .forbidden)
                #expect(
                    try await editor.post("/admin/settings/mail/test", [("to", "x@example.org")]).status == .forbidden)
            }
        }
    }
}
