import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// The 409 page after two saves of one version (issue 10, part 6): it keeps her text, carries the latest version,
/// says what changed and who saved it, and one more save from it puts her text in.
@Suite struct EditorConflictTests {
    @Test("A second save from the conflict page goes in", arguments: TestDatabase.allCases)
    func conflictPageSavesOnTheLatestVersion(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            try await seed.staff("rina@example.com", name: "Rina Hapsari")
            let article = try await seed.article(
                title: "Versi Awal", slug: "versi", author: "", editor: "", body: "Isi awal.", status: .draft,
                publishedAt: nil)
            let id = try article.requireID()
            let path = SitePath.adminArticle(id).path
            try await app.test(.router) { client in
                var dodi = Browser(client)
                var rina = Browser(client)
                _ = try await dodi.signIn(email: "editor@example.com", password: "rahasia-sekali")
                _ = try await rina.signIn(email: "rina@example.com", password: "rahasia-sekali")
                try await dodi.get(path)
                try await rina.get(path)
                let base: [(String, String)] = [("slug", "versi"), ("language", "id"), ("action", "save")]
                let first = try await dodi.post(
                    path, base + [("title", "Versi Dodi"), ("body", "Isi Dodi."), ("version", "1")])
                #expect(first.status == .seeOther)
                let hers = base + [("title", "Versi Rina"), ("body", "Isi Rina.")]
                let late = try await rina.post(path, hers + [("version", "1")])
                #expect(late.status == .conflict)
                #expect(late.text.contains("value=\"Versi Rina\""))
                #expect(late.text.contains(">Isi Rina.</textarea>"))
                #expect(late.text.contains("name=\"version\" value=\"2\""), "the form carries the latest version")
                #expect(late.text.contains("Yang diubah sejak versi Anda (1): Judul, Isi (Markdown)."))
                #expect(late.text.contains("oleh Dodi Pratama"), "who saved in between")
                #expect(late.text.contains("<pre>Isi Dodi.</pre>"))
                let again = try await rina.post(path, hers + [("version", "2")])
                #expect(again.status == .seeOther)
            }
            let saved = try #require(try await Article.find(id, on: seed.services.database.db))
            #expect(saved.title == "Versi Rina")
            #expect(saved.bodyMarkdown == "Isi Rina.")
            #expect(saved.version == 3)
        }
    }

    @Test("A forged or stale version is a conflict page with the latest version", arguments: TestDatabase.allCases)
    func forgedVersionIsAConflict(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            let article = try await seed.article(title: "Versi Awal", slug: "versi", status: .draft, publishedAt: nil)
            let path = SitePath.adminArticle(try article.requireID()).path
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                try await browser.get(path)
                for version in ["abc", "-5", "99999999999999999999", "7"] {
                    let response = try await browser.post(
                        path, [("title", "Judul Baru"), ("body", "Isi."), ("slug", "versi"), ("version", version)])
                    #expect(response.status == .conflict, "version \(version)")
                    #expect(response.text.contains("name=\"version\" value=\"1\""))
                    #expect(response.text.contains("value=\"Judul Baru\""))
                    #expect(!response.text.contains("sejak versi Anda"), "no account of changes from a made-up version")
                }
            }
            let saved = try #require(try await Article.find(article.requireID(), on: seed.services.database.db))
            #expect(saved.title == "Versi Awal")
            #expect(saved.version == 1)
        }
    }

    @Test("Changed fields compare saved values, tags as a set")
    func changedFieldsIgnoreTagOrder() {
        var base = ArticleDraft()
        base.title = "Banjir"
        base.tags = ["Jakarta", "Banjir"]
        var latest = base
        latest.tags = ["banjir", "jakarta"]
        #expect(base.fields(differingFrom: latest).isEmpty)
        latest.summary = "Ringkas."
        latest.publishAt = Date(timeIntervalSince1970: 1_000)
        #expect(base.fields(differingFrom: latest) == [.summary, .publishAt])
    }
}
