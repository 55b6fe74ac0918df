import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct SignInTests {
    @Test("The one-time set-up link creates the owner once", arguments: TestDatabase.allCases)
    func ownerSetup(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let token = try await StaffAccounts(database: seed.services.database, world: seed.world.world)
                .issueSetupToken()
            try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(try await browser.get("/admin/setup?token=wrong").status == .notFound)
                #expect(try await browser.get("/admin/setup?token=\(token)").status == .ok)
                let short = try await browser.post(
                    "/admin/setup",
                    [("token", token), ("name", "Rina"), ("email", "rina@example.com"), ("password", "pendek")])
                #expect(short.status == .unprocessableContent)
                #expect(short.text.contains("Kata sandi minimal 10 karakter."))
                let done = try await browser.post(
                    "/admin/setup",
                    [
                        ("token", token), ("name", "Rina"), ("email", "rina@example.com"),
                        ("password", "sandi-yang-panjang"),
                    ])
                #expect(done.status == .seeOther)
                #expect(done.headers[.location] == "/admin/articles")
                let cookie = try #require(done.headers[values: .setCookie].first { $0.hasPrefix("warta_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(try await browser.get("/admin/articles").status == .ok)
                var other = Browser(client)
                #expect(try await other.get("/admin/setup?token=\(token)").status == .notFound)
            }
            #expect(try await User.query(on: seed.services.database.db).filter(\.$role == .admin).count() == 1)
        }
    }

    @Test("Five failures a minute per account answer 429, counted in the database", arguments: TestDatabase.allCases)
    func signInIsRateLimited(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(try await browser.get("/admin/signin").text.contains("Lupa kata sandi? Minta admin redaksi"))
                for _ in 1...5 {
                    let failed = try await browser.signIn(email: "editor@example.com", password: "salah-terus")
                    #expect(failed.status == .unauthorized)
                    #expect(failed.text.contains("Email atau kata sandi salah."))
                }
                let blocked = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(blocked.status == .tooManyRequests)
                #expect(blocked.text.contains("Terlalu banyak percobaan"))
                #expect(try await RateLimitCounter.query(on: seed.services.database.db).count() == 2)
                seed.world.advance(by: 61)
                let allowed = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(allowed.status == .seeOther)
            }
        }
    }

    @Test("Forms without the right CSRF token get 403 and change nothing", arguments: TestDatabase.allCases)
    func csrfIsChecked(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                #expect(
                    try await browser.post(
                        "/admin/signin", [("email", "editor@example.com"), ("password", "rahasia-sekali")]
                    )
                    .status == .forbidden)
                // A cookie the site did not sign is refused even when the field matches it.
                browser.cookies["warta_csrf"] = "planted-token-0123456789"
                let planted = try await browser.post(
                    "/admin/signin", [("email", "editor@example.com"), ("password", "rahasia-sekali")],
                    csrf: "planted-token-0123456789")
                #expect(planted.status == .forbidden)
                browser.cookies = [:]
                #expect(
                    try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali").status
                        == .seeOther)
                try await browser.get("/admin/articles/new")
                let fields = [("title", "Judul"), ("body", "Isi."), ("action", "save")]
                let missing = try await browser.post("/admin/articles", fields, csrf: "")
                #expect(missing.status == .forbidden)
                #expect(missing.text.contains("Akses ditolak"))
                #expect(
                    try await browser.post("/admin/articles", fields, csrf: "tebakan-yang-salah-sekali").status
                        == .forbidden)
            }
            #expect(try await Article.query(on: seed.services.database.db).count() == 0)
            let secrets = try await SiteSetting.query(on: seed.services.database.db)
                .filter(\.$id == SiteSecret.settingKey).all()
            #expect(secrets.count == 1)
        }
    }

    @Test("Sessions live in the database: they survive a restart and end on sign-out", arguments: TestDatabase.allCases)
    func sessionsSurviveRestart(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let cookies = try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                return browser.cookies
            }
            #expect(try await SessionRecord.query(on: seed.services.database.db).count() == 1)
            let restarted = buildApplication(seed.services)
            try await restarted.test(.router) { client in
                var browser = Browser(client)
                browser.cookies = cookies
                let list = try await browser.get("/admin/articles")
                #expect(list.status == .ok)
                #expect(list.text.contains("Dodi Pratama"))
                #expect(try await browser.post("/admin/signout", []).status == .seeOther)
                browser.cookies = cookies
                #expect(try await browser.get("/admin/articles").headers[.location] == "/admin/signin")
            }
            #expect(try await SessionRecord.query(on: seed.services.database.db).count() == 0)
        }
    }

    @Test("Signing out everywhere ends the user's sessions on every device only", arguments: TestDatabase.allCases)
    func signOutEverywhere(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            try await app.test(.router) { client in
                var phone = Browser(client)
                var laptop = Browser(client)
                var colleague = Browser(client)
                _ = try await phone.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await laptop.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await colleague.signIn(email: "admin@example.com", password: "rahasia-sekali")
                #expect(try await laptop.get("/admin/account").text.contains("Keluar dari semua perangkat"))
                let out = try await laptop.post("/admin/signout-everywhere", [])
                #expect(out.status == .seeOther)
                #expect(out.headers[.location] == "/admin/signin")
                #expect(try await phone.get("/admin/articles").headers[.location] == "/admin/signin")
                #expect(try await laptop.get("/admin/articles").headers[.location] == "/admin/signin")
                #expect(try await colleague.get("/admin/articles").status == .ok)
                // Without the CSRF token nothing happens.
                #expect(try await colleague.post("/admin/signout-everywhere", [], csrf: "").status == .forbidden)
                #expect(try await colleague.get("/admin/articles").status == .ok)
            }
            #expect(try await SessionRecord.query(on: seed.services.database.db).count() == 1)
        }
    }

    @Test("Changing the password checks the old one and ends the other sessions", arguments: TestDatabase.allCases)
    func passwordChange(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var laptop = Browser(client)
                var phone = Browser(client)
                _ = try await laptop.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await phone.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await laptop.get("/admin/account").text.contains("Ganti kata sandi"))
                let attempts: [([(String, String)], String)] = [
                    (
                        [("current", "tebakan-salah"), ("password", "baru-sekali-123"), ("repeat", "baru-sekali-123")],
                        "Kata sandi sekarang salah."
                    ),
                    (
                        [("current", "rahasia-sekali"), ("password", "pendek"), ("repeat", "pendek")],
                        "Kata sandi minimal 10 karakter."
                    ),
                    (
                        [
                            ("current", "rahasia-sekali"), ("password", "baru-sekali-123"),
                            ("repeat", "baru-sekali-124"),
                        ],
                        "Kedua kata sandi baru tidak sama."
                    ),
                ]
                for (fields, message) in attempts {
                    let refused = try await laptop.post("/admin/account/password", fields)
                    #expect(refused.status == .unprocessableContent)
                    #expect(refused.text.contains(message))
                }
                let fields = [
                    ("current", "rahasia-sekali"), ("password", "baru-sekali-123"), ("repeat", "baru-sekali-123"),
                ]
                #expect(try await laptop.post("/admin/account/password", fields, csrf: "").status == .forbidden)
                let changed = try await laptop.post("/admin/account/password", fields)
                #expect(changed.status == .seeOther)
                #expect(changed.headers[.location] == "/admin/account?changed=1")
                #expect(try await laptop.get("/admin/account?changed=1").text.contains("Kata sandi sudah diganti."))
                #expect(try await phone.get("/admin/articles").headers[.location] == "/admin/signin")
                var other = Browser(client)
                #expect(
                    try await other.signIn(email: "editor@example.com", password: "rahasia-sekali").status
                        == .unauthorized)
                #expect(
                    try await other.signIn(email: "editor@example.com", password: "baru-sekali-123").status
                        == .seeOther)
            }
        }
    }

    @Test("An admin resets a forgotten password: shown once, old sessions end", arguments: TestDatabase.allCases)
    func adminResetsPassword(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let editor = try await seed.staff()
            try await seed.staff("admin@example.com", name: "Sari Admin", role: .admin)
            let path = "/admin/users/\(try editor.requireID().uuidString.lowercased())/reset-password"
            try await app.test(.router) { client in
                var editorBrowser = Browser(client)
                _ = try await editorBrowser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await editorBrowser.get("/admin/articles")
                #expect(try await editorBrowser.post(path, []).status == .forbidden)
                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                #expect(try await admin.get("/admin/users").text.contains("Setel ulang kata sandi"))
                let reset = try await admin.post(path, [])
                #expect(reset.status == .ok)
                let prefix = "Kata sandi sementara untuk Dodi Pratama: "
                let start = try #require(reset.text.range(of: prefix))
                let end = try #require(reset.text.range(of: ". Sesinya", range: start.upperBound..<reset.text.endIndex))
                let temporary = String(reset.text[start.upperBound..<end.lowerBound])
                #expect(temporary.count >= 12)
                #expect(try await editorBrowser.get("/admin/articles").headers[.location] == "/admin/signin")
                var fresh = Browser(client)
                #expect(
                    try await fresh.signIn(email: "editor@example.com", password: "rahasia-sekali").status
                        == .unauthorized)
                #expect(try await fresh.signIn(email: "editor@example.com", password: temporary).status == .seeOther)
            }
        }
    }

    @Test func signedOutUsersAreSentToSignIn() async throws {
        try await withTestApp(.sqlite) { app, _ in
            try await app.test(.router) { client in
                for path in ["/admin", "/admin/articles", "/admin/articles/new", "/admin/users"] {
                    let response = try await client.get(path)
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/admin/signin")
                }
            }
        }
    }
}

@Suite struct UserAdminTests {
    @Test("Admins add users and change roles; the last admin stays; editors cannot", arguments: TestDatabase.allCases)
    func usersAndRoles(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let owner = try await seed.staff("owner@example.com", name: "Rina", role: .admin)
            try await seed.staff("editor@example.com", name: "Dodi Pratama", role: .editor)
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "owner@example.com", password: "rahasia-sekali")
                try await admin.get("/admin/users")
                let added = try await admin.post(
                    "/admin/users", [("name", "Bayu"), ("email", "bayu@example.com"), ("role", "author")])
                #expect(added.status == .ok)
                #expect(added.text.contains("Kata sandi sementara: "))
                let duplicate = try await admin.post(
                    "/admin/users", [("name", "Bayu"), ("email", "bayu@example.com"), ("role", "author")])
                #expect(duplicate.status == .unprocessableContent)
                let ownerPath = "/admin/users/\(try owner.requireID().uuidString.lowercased())/role"
                let refused = try await admin.post(ownerPath, [("role", "editor")])
                #expect(refused.text.contains("setidaknya satu admin"))
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await editor.get("/admin/users").status == .forbidden)
                #expect(try await editor.post(ownerPath, [("role", "author")]).status == .forbidden)
            }
            let roles = try await User.query(on: seed.services.database.db).sort(\.$email).all().map(\.role)
            #expect(roles == [.author, .editor, .admin])
        }
    }
}
