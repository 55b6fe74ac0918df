import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct ArticleEditorTests {
    static let fields: [(String, String)] = [
        ("title", "Gudang Pendingin <Surya> & \"Nelayan\" 🐟"), ("slug", ""), ("language", "id"),
        ("summary", "Ringkasan '; DROP TABLE articles; --"), ("body", "Paragraf <b onclick=\"x\">tebal</b> & emoji 🌊."),
        ("author", "Kantor Berita <Nusantara>"), ("editor", ""), ("source", "The Island Ledger & Co"),
        ("source_url", "https://ledger.example/a?b=1&c=2"), ("original_language", "en"),
        ("original_url", "https://ledger.example/original"), ("translator", "Maya \"Lestari\""),
        ("category", "Teknologi"),
        ("tags", "Lingkungan, UMKM ✨"), ("publish_at", ""),
    ]

    @Test("An editor writes, previews and publishes; every field round-trips exactly", arguments: TestDatabase.allCases)
    func writeAndPublish(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let blank = try await browser.get("/admin/articles/new")
                #expect(blank.text.contains("name=\"editor\" id=\"editor\" value=\"Dodi Pratama\""))
                // Both language fields suggest codes, named in the UI language.
                #expect(
                    blank.text.contains(
                        "name=\"original_language\" id=\"original_language\" value=\"\" list=\"languages\""))
                #expect(blank.text.contains("<option value=\"en\">Inggris</option>"))
                let preview = try await browser.post("/admin/articles", Self.fields + [("action", "preview")])
                #expect(preview.text.contains("<b>tebal</b>"))
                #expect(!preview.text.contains("<b onclick"))
                #expect(try await Article.query(on: seed.services.database.db).count() == 0)
                let created = try await browser.post("/admin/articles", Self.fields + [("action", "publish")])
                #expect(created.status == .seeOther)
                let article = try #require(try await Article.query(on: seed.services.database.db).first())
                #expect(article.status == .published)
                #expect(article.title == "Gudang Pendingin <Surya> & \"Nelayan\" 🐟")
                #expect(article.summary == "Ringkasan '; DROP TABLE articles; --")
                #expect(article.authorCredit == "Kantor Berita <Nusantara>")
                #expect(article.translator == "Maya \"Lestari\"")
                #expect(article.sourceURL == "https://ledger.example/a?b=1&c=2")
                #expect(article.editorName == "Dodi Pratama")
                #expect(article.slug == "gudang-pendingin-surya-nelayan")
                let edit = try await browser.get(try #require(created.headers[.location]))
                #expect(edit.text.contains("value=\"Gudang Pendingin &lt;Surya&gt; &amp; &quot;Nelayan&quot; 🐟\""))
                #expect(edit.text.contains("value=\"Lingkungan, UMKM ✨\""))
                let page = try await client.get("/2025/03/gudang-pendingin-surya-nelayan").text
                #expect(page.contains("<h1>Gudang Pendingin &lt;Surya&gt; &amp; &quot;Nelayan&quot; 🐟</h1>"))
                #expect(
                    page.contains(
                        "Penulis : Kantor Berita &lt;Nusantara&gt; | Editor : Dodi Pratama | Senin, 3 Maret 2025 09:00")
                )
            }
        }
    }

    @Test("Missing or invalid fields show the form again and save nothing", arguments: TestDatabase.allCases)
    func invalidFieldsSaveNothing(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.article(slug: "sudah-ada")
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await browser.get("/admin/articles/new")
                let cases: [([(String, String)], String)] = [
                    ([("title", ""), ("body", "Isi.")], "Wajib diisi."),
                    ([("title", "Judul"), ("body", "  ")], "Wajib diisi."),
                    (
                        [("title", "Judul"), ("slug", "sudah-ada"), ("body", "Isi.")],
                        "Slug sudah dipakai artikel lain."
                    ),
                    ([("title", "Judul"), ("slug", "Bad Slug"), ("body", "Isi.")], "Slug hanya boleh"),
                    (
                        [("title", "Judul"), ("source_url", "javascript:alert(1)"), ("body", "Isi.")],
                        "URL harus diawali"
                    ),
                    ([("title", "Judul"), ("language", "bahasa!"), ("body", "Isi.")], "Kode bahasa tidak valid"),
                    ([("title", "Judul"), ("publish_at", "besok"), ("body", "Isi.")], "Tanggal tidak valid"),
                    ([("title", "Judul"), ("body", "Isi."), ("action", "schedule")], "Isi waktu terbit"),
                ]
                for (fields, message) in cases {
                    let response = try await browser.post("/admin/articles", fields + [("language", "id")])
                    #expect(response.status == .unprocessableContent, "\(fields)")
                    #expect(response.text.contains(message), "\(fields)")
                }
            }
            #expect(try await Article.query(on: seed.services.database.db).count() == 1)
        }
    }

    @Test("Authors cannot publish", arguments: TestDatabase.allCases)
    func authorsCannotPublish(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff("author@example.com", name: "Bayu", role: .author)
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "author@example.com", password: "rahasia-sekali")
                try await browser.get("/admin/articles/new")
                let refused = try await browser.post(
                    "/admin/articles", [("title", "Judul"), ("body", "Isi."), ("action", "publish")])
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("Peran Anda tidak boleh melakukan ini."))
                let review = try await browser.post(
                    "/admin/articles", [("title", "Judul"), ("body", "Isi."), ("action", "review")])
                #expect(review.status == .seeOther)
            }
            let statuses = try await Article.query(on: seed.services.database.db).all().map(\.status)
            #expect(statuses == [.review])
        }
    }

    @Test("A concurrent edit is shown to the second editor, never lost", arguments: TestDatabase.allCases)
    func concurrentEditsConflict(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let article = try await seed.article(title: "Versi Awal", slug: "versi")
            let path = SitePath.adminArticle(try article.requireID()).path
            try await app.test(.router) { client in
                var first = Browser(client)
                var second = Browser(client)
                _ = try await first.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await second.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await first.get(path)
                try await second.get(path)
                let base: [(String, String)] = [
                    ("slug", "versi"), ("language", "id"), ("version", "1"), ("action", "save"),
                ]
                #expect(
                    try await first.post(path, base + [("title", "Versi Pertama"), ("body", "Isi satu.")]).status
                        == .seeOther)
                let late = try await second.post(path, base + [("title", "Versi Kedua"), ("body", "Isi dua.")])
                #expect(late.status == .conflict)
                #expect(late.text.contains("sudah diubah orang lain"))
                #expect(late.text.contains("Versi Pertama"))
                #expect(late.text.contains("value=\"Versi Kedua\""))
            }
            let saved = try #require(try await Article.find(article.requireID(), on: seed.services.database.db))
            #expect(saved.title == "Versi Pertama")
            #expect(saved.version == 2)
        }
    }

    @Test("Every save is a revision and a revision can be restored", arguments: TestDatabase.allCases)
    func revisionsRestore(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let article = try await seed.article(title: "Judul Asli", slug: "asli")
            let id = try article.requireID()
            let path = SitePath.adminArticle(id).path
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await browser.get(path)
                _ = try await browser.post(
                    path,
                    [
                        ("title", "Judul Salah"), ("slug", "asli"), ("language", "id"), ("body", "Isi."),
                        ("version", "1"),
                    ])
                let first = try #require(
                    try await Revision.query(on: seed.services.database.db).filter(\.$articleID == id).filter(
                        \.$version == 1
                    ).first())
                let editor = try await browser.get(path)
                #expect(editor.text.contains("Versi 2, "))
                #expect(editor.text.contains(" · oleh Dodi Pratama"))
                let firstPath = path + "/revisions/" + (try first.requireID().uuidString.lowercased())
                #expect(editor.text.contains("href=\"\(firstPath)\">Lihat</a>"))
                // Seen whole before restoring: fields, body as published, and the restore button.
                let shown = try await browser.get(firstPath)
                #expect(shown.status == .ok)
                #expect(shown.text.contains("<h1>Judul Asli</h1>"))
                #expect(shown.text.contains("Air mulai <strong>turun</strong>."))
                #expect(shown.text.contains("action=\"\(path)/restore\""))
                let other = try await seed.article(title: "Lain", slug: "lain")
                let otherPath = SitePath.adminArticle(try other.requireID()).path
                #expect(
                    try await browser.get(otherPath + "/revisions/" + first.requireID().uuidString).status == .notFound)
                #expect(try await browser.get(path + "/revisions/bukan-id").status == .notFound)
                try await browser.get(path)
                let restored = try await browser.post(
                    path + "/restore", [("revision", try first.requireID().uuidString), ("version", "2")])
                #expect(restored.status == .seeOther)
            }
            let saved = try #require(try await Article.find(id, on: seed.services.database.db))
            #expect(saved.title == "Judul Asli")
            #expect(try await Revision.query(on: seed.services.database.db).filter(\.$articleID == id).count() == 3)
        }
    }

    @Test("A scheduled article goes live when its time comes, from the database scan", arguments: TestDatabase.allCases)
    func scheduledArticleAppearsAtItsTime(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                title: "Terbit Nanti", slug: "nanti", status: .scheduled, publishedAt: "2025-03-03T10:00:00+07:00")
            // "Publish" with a future time waits for that time too.
            let early = try await seed.article(
                title: "Terbit Juga", slug: "juga", status: .published, publishedAt: "2025-03-03T09:30:00+07:00")
            #expect(early.status == .scheduled)
            let worker = JobWorker(services: seed.services)
            try await app.test(.router) { client in
                let before = try await client.get("/2025/03/nanti")
                #expect(before.status == .notFound)
                try await worker.runDue()
                let stillBefore = try await client.get("/2025/03/nanti")
                #expect(stillBefore.status == .notFound)
                seed.world.advance(by: 3601)
                try await worker.runDue()
                let after = try await client.get("/2025/03/nanti")
                #expect(after.status == .ok)
                let home = try await client.get("/")
                #expect(home.text.contains("Terbit Nanti"))
                #expect(home.text.contains("Terbit Juga"))
            }
        }
    }

    @Test("A form body over 1 MB gets 413", arguments: TestDatabase.allCases)
    func oversizedFormIsRefused(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await browser.get("/admin/articles/new")
                let huge = String(repeating: "a", count: 1_100_000)
                let response = try await browser.post("/admin/articles", [("title", "Besar"), ("body", huge)])
                #expect(response.status == .contentTooLarge)
                #expect(response.text.contains("Kiriman terlalu besar"))
            }
            #expect(try await Article.query(on: seed.services.database.db).count() == 0)
        }
    }
}
