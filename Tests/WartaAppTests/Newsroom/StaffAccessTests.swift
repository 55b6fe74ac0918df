import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Someone leaves the newsroom: an admin switches their account off, and back on if they return.
@Suite struct StaffAccessTests {
    @Test("A switched-off account loses its sessions at once and cannot sign in", arguments: TestDatabase.allCases)
    func switchedOffAccountsAreLockedOut(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("admin@example.com", name: "Maya Lestari", role: .admin)
            let editor = try await seed.staff()
            let editorID = try editor.requireID()
            let article = try await seed.article(title: "Tulisan Dodi", slug: "tulisan-dodi", author: "Dodi Pratama")
            let db = seed.services.database.db
            try await app.test(.router) { client in
                var dodi = Browser(client)
                _ = try await dodi.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await dodi.get("/admin/articles").status == .ok)

                var maya = Browser(client)
                _ = try await maya.signIn(email: "admin@example.com", password: "rahasia-sekali")
                try await maya.get("/admin/users")
                let forged = try await maya.post(
                    "/admin/users/\(editorID.uuidString.lowercased())/disable", [], csrf: "palsu")
                #expect(forged.status == .forbidden)
                #expect(try await dodi.get("/admin/articles").status == .ok)
                let off = try await maya.post("/admin/users/\(editorID.uuidString.lowercased())/disable", [])
                #expect(off.status == .ok)
                #expect(off.text.contains("Akun Dodi Pratama dinonaktifkan"))
                #expect(off.text.contains("editor@example.com<strong> · nonaktif</strong>"))
                #expect(off.text.contains("/enable\""))

                #expect(try await dodi.get("/admin/articles").status == .seeOther)
                #expect(try await SessionRecord.query(on: db).filter(\.$userID == editorID).count() == 0)
                var again = Browser(client)
                let refused = try await again.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(refused.status == .unauthorized)
                #expect(refused.text.contains("Akun ini dinonaktifkan."))
                // A wrong password learns nothing about the account.
                let guessed = try await again.signIn(email: "editor@example.com", password: "tebak-tebakan")
                #expect(guessed.text.contains("Email atau kata sandi salah."))
                #expect(!guessed.text.contains("dinonaktifkan"))

                let on = try await maya.post("/admin/users/\(editorID.uuidString.lowercased())/enable", [])
                #expect(on.text.contains("Akun Dodi Pratama aktif lagi."))
                var back = Browser(client)
                #expect(
                    try await back.signIn(email: "editor@example.com", password: "rahasia-sekali").status == .seeOther)
            }
            let kept = try #require(try await Article.find(article.requireID(), on: db))
            #expect(kept.authorCredit == "Dodi Pratama")
        }
    }

    @Test(
        "The last active admin stays; only admins switch accounts; bad ids are refused",
        arguments: TestDatabase.allCases)
    func lastActiveAdminStays(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let maya = try await seed.staff("admin@example.com", name: "Maya Lestari", role: .admin)
            let budi = try await seed.staff("budi@example.com", name: "Budi Santoso", role: .admin)
            try await seed.staff()
            let mayaPath = "/admin/users/\(try maya.requireID().uuidString.lowercased())"
            let budiPath = "/admin/users/\(try budi.requireID().uuidString.lowercased())"
            try await app.test(.router) { client in
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await editor.get("/admin/articles")
                #expect(try await editor.post(budiPath + "/disable", []).status == .forbidden)

                var admin = Browser(client)
                _ = try await admin.signIn(email: "admin@example.com", password: "rahasia-sekali")
                try await admin.get("/admin/users")
                #expect(try await admin.post(budiPath + "/disable", []).status == .ok)
                // Budi is switched off, so Maya is the last active admin: she cannot step down or switch off.
                let demoted = try await admin.post(mayaPath + "/role", [("role", "editor")])
                #expect(demoted.text.contains("Situs harus tetap punya setidaknya satu admin."))
                #expect(try await admin.post(mayaPath + "/disable", []).status == .badRequest)
                #expect(try await admin.post("/admin/users/bukan-id/disable", []).status == .badRequest)
                let unknown = "/admin/users/\(UUID().uuidString.lowercased())/disable"
                #expect(try await admin.post(unknown, []).status == .notFound)
            }
            let db = seed.services.database.db
            #expect(try await User.find(maya.requireID(), on: db)?.role == .admin)
            #expect(try await User.find(maya.requireID(), on: db)?.isActive == true)
            #expect(try await User.find(budi.requireID(), on: db)?.isActive == false)
        }
    }
}
