import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import WartaApp

/// Authors work on their own articles: ones they started or whose credit names them. Editors and admins work on all.
@Suite struct AuthorScopeTests {
    @Test(
        "An author cannot open, save, restore or read revisions of a colleague's draft",
        arguments: TestDatabase.allCases)
    func colleaguesDraftsAreNotTheirs(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.staff("bayu@example.com", name: "Bayu Aji", role: .author)
            let sari = try await seed.staff("sari@example.com", name: "Sari Wulandari", role: .author)
            let db = seed.services.database.db
            try await app.test(.router) { client in
                var bayu = Browser(client)
                _ = try await bayu.signIn(email: "bayu@example.com", password: "rahasia-sekali")
                try await bayu.get("/admin/articles/new")
                _ = try await bayu.post("/admin/articles", [("title", "Draf Bayu"), ("body", "Isi Bayu.")])
                var editor = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await editor.get("/admin/articles/new")
                _ = try await editor.post(
                    "/admin/articles", [("title", "Untuk Sari"), ("author", "Sari Wulandari"), ("body", "Isi.")])
                let bayus = try #require(try await Article.query(on: db).filter(\.$title == "Draf Bayu").first())
                let credited = try #require(try await Article.query(on: db).filter(\.$title == "Untuk Sari").first())
                #expect(credited.authorUserID == (try sari.requireID()))
                let bayusPath = SitePath.adminArticle(try bayus.requireID()).path
                let creditedPath = SitePath.adminArticle(try credited.requireID()).path
                let revision = try #require(
                    try await Revision.query(on: db).filter(\.$articleID == bayus.requireID()).first())

                var sariBrowser = Browser(client)
                _ = try await sariBrowser.signIn(email: "sari@example.com", password: "rahasia-sekali")
                let list = try await sariBrowser.get("/admin/articles")
                #expect(list.text.contains("<td>Draf Bayu</td>"))
                #expect(!list.text.contains("href=\"\(bayusPath)\""))
                #expect(list.text.contains("href=\"\(creditedPath)\""))
                let opened = try await sariBrowser.get(bayusPath)
                #expect(opened.status == .forbidden)
                #expect(opened.text.contains("Artikel ini milik rekan Anda."))
                #expect(!opened.text.contains("Isi Bayu."))
                let revisionPath = bayusPath + "/revisions/" + (try revision.requireID()).uuidString.lowercased()
                #expect(try await sariBrowser.get(revisionPath).status == .forbidden)
                try await sariBrowser.get("/admin/articles")
                let saved = try await sariBrowser.post(
                    bayusPath, [("title", "Diubah Sari"), ("language", "id"), ("body", "Isi lain."), ("version", "1")])
                #expect(saved.status == .forbidden)
                let restored = try await sariBrowser.post(
                    bayusPath + "/restore",
                    [("revision", (try revision.requireID()).uuidString), ("version", "1")])
                #expect(restored.status == .forbidden)

                // Her own credit opens the article to her; Bayu and the editor keep working on his.
                #expect(try await sariBrowser.get(creditedPath).status == .ok)
                let own = try await sariBrowser.post(
                    creditedPath,
                    [
                        ("title", "Untuk Sari, Disunting"), ("language", "id"), ("body", "Isi."),
                        ("author", "Sari Wulandari"), ("version", "1"),
                    ])
                #expect(own.status == .seeOther)
                #expect(try await bayu.get(bayusPath).status == .ok)
                #expect(try await editor.get(bayusPath).text.contains("Isi Bayu."))
                #expect(try await editor.get("/admin/articles").text.contains("href=\"\(bayusPath)\""))
            }
            let kept = try #require(try await Article.query(on: db).filter(\.$title == "Draf Bayu").first())
            #expect(kept.version == 1)
            #expect(kept.bodyMarkdown == "Isi Bayu.")
            #expect(try await Article.query(on: db).filter(\.$title == "Untuk Sari, Disunting").count() == 1)
        }
    }

    @Test("Migration 0017 gives existing articles the user of their first revision", arguments: TestDatabase.allCases)
    func creatorIsTakenFromTheFirstRevision(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let bayu = try await seed.staff("bayu@example.com", name: "Bayu Aji", role: .author)
            let staff = StaffIdentity(
                id: try bayu.requireID(), name: "Bayu Aji", email: "bayu@example.com", role: .author)
            var draft = ArticleDraft()
            draft.title = "Tulisan Lama"
            draft.language = "id"
            draft.bodyMarkdown = "Isi."
            let (services, input) = (seed.services, draft)
            let article = try await services.database.write(taking: .relatedLists) { tx in
                try await services.writer.create(input, status: .draft, by: staff, on: tx)
            }
            let imported = try await seed.article(title: "Kiriman Kantor Berita", status: .draft, publishedAt: nil)
            #expect(article.createdBy == staff.id)
            // As before 0017: the column is gone, then the migration runs on the existing rows.
            let db = services.database.db
            try await AddArticleCreator().revert(on: db)
            try await AddArticleCreator().prepare(on: db)
            #expect(try await Article.find(article.requireID(), on: db)?.createdBy == staff.id)
            let importedNow = try #require(try await Article.find(imported.requireID(), on: db))
            #expect(importedNow.createdBy == nil)
        }
    }
}
