import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct TaxonomyTests {
    @Test("Renaming keeps the URL, deleting keeps the articles; pages follow at once", arguments: TestDatabase.allCases)
    func renameAndDelete(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.article(
                title: "Harga Kopi Naik", slug: "kopi", category: "Ekonomi", tags: ["Kopi", "Pasar"])
            let category = try #require(try await Category.query(on: seed.services.database.db).first())
            let tag = try #require(try await Tag.query(on: seed.services.database.db).filter(\.$slug == "kopi").first())
            try await app.test(.router) { client in
                #expect(try await client.get("/2015/10/kopi").text.contains(">Ekonomi</a>"))
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let listing = try await browser.get("/admin/categories")
                #expect(listing.text.contains("Ganti nama"))
                #expect(listing.text.contains(">Ekonomi</a> · artikel: 1"))
                #expect(try await browser.get("/admin/tags").text.contains(">Pasar</a> · artikel: 1"))
                let categoryPath = "/admin/categories/\(try category.requireID().uuidString.lowercased())"
                let empty = try await browser.post(categoryPath + "/rename", [("name", "  ")])
                #expect(empty.status == .unprocessableContent)
                let renamed = try await browser.post(categoryPath + "/rename", [("name", "Ekonomi & <Bisnis>")])
                #expect(renamed.status == .seeOther)
                let page = try await client.get("/2015/10/kopi").text
                #expect(page.contains(">Ekonomi &amp; &lt;Bisnis&gt;</a>"))
                #expect(try await client.get("/category/ekonomi").text.contains("Ekonomi &amp; &lt;Bisnis&gt;"))
                _ = try await browser.get("/admin/tags")
                let tagPath = "/admin/tags/\(try tag.requireID().uuidString.lowercased())"
                #expect(try await browser.post(tagPath + "/delete", []).status == .seeOther)
                let after = try await client.get("/2015/10/kopi")
                #expect(after.status == .ok)
                #expect(!after.text.contains("#Kopi"))
                #expect(after.text.contains("#Pasar"))
                #expect(try await client.get("/tag/kopi").status == .notFound)
                #expect(try await browser.post(tagPath + "/delete", []).status == .notFound)
                _ = try await browser.get("/admin/categories")
                #expect(try await browser.post(categoryPath + "/delete", []).status == .seeOther)
                #expect(!(try await client.get("/2015/10/kopi").text.contains("Ekonomi")))
            }
            #expect(try await Article.query(on: seed.services.database.db).count() == 1)
        }
    }

    @Test("Authors may add names but not rename or delete them")
    func authorsCannotEdit() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.staff("author@example.com", name: "Penulis Lepas", role: .author)
            try await seed.article(slug: "kopi", category: "Ekonomi")
            let category = try #require(try await Category.query(on: seed.services.database.db).first())
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "author@example.com", password: "rahasia-sekali")
                let listing = try await browser.get("/admin/categories")
                #expect(!listing.text.contains("Ganti nama"))
                let path = "/admin/categories/\(try category.requireID().uuidString.lowercased())"
                #expect(try await browser.post(path + "/rename", [("name", "Lain")]).status == .forbidden)
                #expect(try await browser.post(path + "/delete", []).status == .forbidden)
                // The same session and token may add a name: the refusals above are about the role.
                _ = try await browser.get("/admin/categories")
                #expect(try await browser.post("/admin/categories", [("name", "Kuliner")]).status == .seeOther)
            }
            #expect(try await Category.query(on: seed.services.database.db).first()?.name == "Ekonomi")
        }
    }
}
