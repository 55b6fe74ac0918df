import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Deleting an article that never went public; anything once published is unpublished instead.
@Suite struct ArticleDeleteTests {
    @Test("An editor deletes a draft after confirming; its revisions and tags go too", arguments: TestDatabase.allCases)
    func editorDeletesADraft(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let draft = try await seed.article(
                title: "Draf Keliru", slug: "draf-keliru", status: .draft, publishedAt: nil, tags: ["Banjir"])
            let kept = try await seed.article(title: "Banjir Surut", slug: "banjir-surut", tags: ["Banjir"])
            let id = try draft.requireID()
            let path = SitePath.adminArticle(id).path
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(try await browser.get(path).text.contains("href=\"\(path)/delete\">Hapus artikel</a>"))
                let question = try await browser.get(path + "/delete")
                #expect(question.status == .ok)
                #expect(question.text.contains("Hapus artikel ini untuk selamanya?"))
                #expect(question.text.contains("Draf Keliru"))
                #expect(
                    try await browser.post(path + "/delete", [("version", "1")], csrf: "palsu").status == .forbidden)
                #expect(try await Article.find(id, on: seed.services.database.db) != nil)
                let deleted = try await browser.post(path + "/delete", [("version", "1")])
                #expect(deleted.status == .seeOther)
                #expect(deleted.headers[.location] == "/admin/articles?deleted=1")
                #expect(try await browser.get("/admin/articles?deleted=1").text.contains("Artikel dihapus."))
                #expect(try await browser.get(path).status == .notFound)
            }
            let db = seed.services.database.db
            #expect(try await Article.find(id, on: db) == nil)
            #expect(try await Revision.query(on: db).filter(\.$articleID == id).count() == 0)
            #expect(try await ArticleTag.query(on: db).filter(\.$articleID == id).count() == 0)
            #expect(try await Article.find(kept.requireID(), on: db) != nil)
            #expect(try await ArticleTag.query(on: db).filter(\.$articleID == kept.requireID()).count() == 1)
        }
    }

    @Test("An article that was ever published is not deleted", arguments: TestDatabase.allCases)
    func publishedArticlesStay(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let article = try await seed.article(title: "Sudah Terbit", slug: "sudah-terbit")
            let path = SitePath.adminArticle(try article.requireID()).path
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                #expect(!(try await browser.get(path).text.contains("/delete\"")))
                let unpublished = try await browser.post(
                    path,
                    [
                        ("title", "Sudah Terbit"), ("slug", "sudah-terbit"), ("language", "id"), ("body", "Isi."),
                        ("version", "1"), ("action", "unpublish"),
                    ])
                #expect(unpublished.status == .seeOther)
                let question = try await browser.get(path + "/delete")
                #expect(question.status == .conflict)
                #expect(question.text.contains("tarik dari publikasi saja"))
                #expect(!question.text.contains("action=\"\(path)/delete\""))
                let refused = try await browser.post(path + "/delete", [("version", "2")])
                #expect(refused.status == .conflict)
            }
            let saved = try #require(try await Article.find(article.requireID(), on: seed.services.database.db))
            #expect(saved.status == .unpublished)
        }
    }

    @Test("Authors delete only drafts they started; a stale or bad request deletes nothing")
    func authorsAndStaleConfirmations() async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seed.staff()
            try await seed.staff("author@example.com", name: "Bayu", role: .author)
            let db = seed.services.database.db
            try await app.test(.router) { client in
                var editor = Browser(client)
                var author = Browser(client)
                _ = try await editor.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await author.signIn(email: "author@example.com", password: "rahasia-sekali")
                try await editor.get("/admin/articles/new")
                _ = try await editor.post("/admin/articles", [("title", "Punya Editor"), ("body", "Isi.")])
                try await author.get("/admin/articles/new")
                _ = try await author.post("/admin/articles", [("title", "Punya Penulis"), ("body", "Isi.")])
                let editors = try #require(try await Article.query(on: db).filter(\.$title == "Punya Editor").first())
                let authors = try #require(try await Article.query(on: db).filter(\.$title == "Punya Penulis").first())
                let editorsPath = SitePath.adminArticle(try editors.requireID()).path
                let authorsPath = SitePath.adminArticle(try authors.requireID()).path

                let asked = try await author.get(editorsPath + "/delete")
                #expect(asked.status == .forbidden)
                #expect(!asked.text.contains("action=\"\(editorsPath)/delete\""))
                let refused = try await author.post(editorsPath + "/delete", [("version", "1")])
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("Peran Anda tidak boleh melakukan ini."))
                try await author.get(authorsPath + "/delete")
                #expect(try await author.post(authorsPath + "/delete", [("version", "1")]).status == .seeOther)

                // The editor confirms on version 1, but a save made version 2 meanwhile.
                try await editor.get(editorsPath + "/delete")
                let confirmedOn = editor
                try await editor.get(editorsPath)
                _ = try await editor.post(
                    editorsPath,
                    [("title", "Punya Editor"), ("language", "id"), ("body", "Isi baru."), ("version", "1")])
                var late = confirmedOn
                let stale = try await late.post(editorsPath + "/delete", [("version", "1")])
                #expect(stale.status == .conflict)
                #expect(stale.text.contains("baru saja disimpan orang lain"))
                #expect(try await editor.post(editorsPath + "/delete", []).status == .badRequest)
                #expect(try await editor.get("/admin/articles/bukan-id/delete").status == .notFound)
            }
            #expect(try await Article.query(on: db).filter(\.$title == "Punya Editor").count() == 1)
            #expect(try await Article.query(on: db).filter(\.$title == "Punya Penulis").count() == 0)
        }
    }
}
