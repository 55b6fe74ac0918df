import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Pins the HTML of the newsroom's set-up, sign-in, user, taxonomy, account and revision pages for a fixed fixture
/// and clock, so moving their queries and views cannot change a byte unnoticed.
@Suite struct NewsroomSnapshotTests {
    @Test("Set-up and sign-in pages")
    func setupAndSignInMatchTheirSnapshots() async throws {
        try await withTestApp(.sqlite) { app, seed in
            let token = try await StaffAccounts(database: seed.services.database, world: seed.world.world)
                .issueSetupToken()
            try await app.test(.router) { client in
                var browser = Browser(client)
                try expectSnapshot(try await browser.get("/admin/setup?token=wrong").text, named: "admin-setup-invalid")
                try expectSnapshot(try await browser.get("/admin/setup?token=\(token)").text, named: "admin-setup")
                let short = try await browser.post(
                    "/admin/setup",
                    [("token", token), ("name", "Rina <R>"), ("email", "rina@example.com"), ("password", "pendek")])
                try expectSnapshot(short.text, named: "admin-setup-error")
                try expectSnapshot(try await browser.get("/admin/signin").text, named: "admin-signin")
                let failed = try await browser.post(
                    "/admin/signin", [("email", "Nobody@Example.com"), ("password", "salah-sekali")])
                try expectSnapshot(failed.text, named: "admin-signin-failed")
            }
        }
    }

    @Test("Users, categories, tags, account and revision pages")
    func staffPagesMatchTheirSnapshots() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.staff("owner@example.com", name: "Rina", role: .admin)
            let editor = try await seed.staff("editor@example.com", name: "Dodi Pratama", role: .editor)
            let article = try await seed.article(
                title: "Harga Kopi Naik", slug: "kopi", category: "Ekonomi", tags: ["Kopi", "Pasar"])
            let path = SitePath.adminArticle(try article.requireID()).path
            try await app.test(.router) { client in
                var admin = Browser(client)
                _ = try await admin.signIn(email: "owner@example.com", password: "rahasia-sekali")
                try expectSnapshot(try await admin.get("/admin/users").text, named: "admin-users")
                let bad = try await admin.post(
                    "/admin/users", [("name", "Bayu"), ("email", "bukan-alamat"), ("role", "author")])
                try expectSnapshot(bad.text, named: "admin-users-error")
                let added = try await admin.post(
                    "/admin/users", [("name", "Bayu"), ("email", "bayu@example.com"), ("role", "author")])
                try expectSnapshot(masked(added.text), named: "admin-users-added")
                let editorPath = "/admin/users/\(try editor.requireID().uuidString.lowercased())"
                let disabled = try await admin.post(editorPath + "/disable", [])
                try expectSnapshot(disabled.text, named: "admin-users-disabled")
                try expectSnapshot(try await admin.get("/admin/categories").text, named: "admin-categories")
                try expectSnapshot(try await admin.get("/admin/tags?q=o").text, named: "admin-tags-found")
                try expectSnapshot(try await admin.get("/admin/tags?q=zz").text, named: "admin-tags-none")
                let empty = try await admin.post("/admin/tags", [("name", " ")])
                try expectSnapshot(empty.text, named: "admin-tags-error")
                try expectSnapshot(try await admin.get("/admin/account?changed=1").text, named: "admin-account")
                let wrong = try await admin.post(
                    "/admin/account/password",
                    [("current", "bukan-ini-sandinya"), ("password", "sandi-baru-panjang"), ("repeat", "x")])
                try expectSnapshot(wrong.text, named: "admin-account-error")
                try await admin.get(path)
                _ = try await admin.post(
                    path,
                    [
                        ("title", "Harga Kopi Turun"), ("slug", "kopi"), ("language", "id"), ("body", "Isi."),
                        ("category", "Ekonomi"), ("tags", "Kopi"), ("version", "1"),
                    ])
                let first = try #require(
                    try await Revision.query(on: seed.services.database.db).filter(\.$version == 1).first())
                let revision = path + "/revisions/" + (try first.requireID().uuidString.lowercased())
                try expectSnapshot(try await admin.get(revision).text, named: "admin-revision")
                let latest = try #require(
                    try await Revision.query(on: seed.services.database.db).filter(\.$version == 2).first())
                let current = path + "/revisions/" + (try latest.requireID().uuidString.lowercased())
                try expectSnapshot(try await admin.get(current).text, named: "admin-revision-current")
            }
        }
    }

    /// The temporary password is random: the rest of the page is pinned.
    private func masked(_ html: String) -> String {
        guard let start = html.range(of: "Kata sandi sementara: "),
            let end = html[start.upperBound...].firstIndex(of: "<")
        else { return html }
        return html.replacingCharacters(in: start.upperBound..<end, with: "********")
    }
}
