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

    @Test("The lists find names and page through them, with counts per name", arguments: TestDatabase.allCases)
    func findAndPage(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.article(slug: "kopi", tags: ["Kopi Luwak"])
            for number in 1...103 {
                let name = "Tag " + Digits.padded(number, width: 3)
                try await Taxonomy.insertTag(
                    id: UUID(), name: name, slug: Slug.make(from: name), on: seed.services.database.db)
            }
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let first = try await browser.get("/admin/tags").text
                #expect(first.contains(">Kopi Luwak</a> · artikel: 1"))
                #expect(first.contains(">Tag 099</a> · artikel: 0"))
                #expect(!first.contains(">Tag 100</a>"))
                #expect(first.contains("<a href=\"/admin/tags?page=2\">Berikutnya »</a>"))
                let second = try await browser.get("/admin/tags?page=2").text
                #expect(second.contains(">Tag 100</a>") && second.contains(">Tag 103</a>"))
                #expect(!second.contains(">Kopi Luwak</a>") && !second.contains("Berikutnya"))
                #expect(second.contains("<a href=\"/admin/tags\">« Sebelumnya</a>"))
                let found = try await browser.get("/admin/tags?q=LUWAK").text
                #expect(found.contains(">Kopi Luwak</a>") && !found.contains(">Tag 001</a>"))
                #expect(found.contains("value=\"LUWAK\""))
                // LIKE wildcards in the fragment are taken literally; markup in it is escaped.
                let literal = try await browser.get("/admin/tags?q=%25%3Cb%3E_").text
                #expect(literal.contains("Tidak ada yang cocok.") && !literal.contains(">Tag 001</a>"))
                #expect(literal.contains("value=\"%&lt;b&gt;_\""))
                #expect(try await browser.get("/admin/categories?q=tag").text.contains("Tidak ada yang cocok."))
                #expect(try await browser.get("/admin/tags?page=0").status == .badRequest)
                #expect(try await browser.get("/admin/tags?page=dua").status == .badRequest)
            }
        }
    }
}
