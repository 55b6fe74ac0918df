import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
import WartaMarkup

@testable import WartaApp

@Suite struct ArticlePageTests {
    @Test("A published article shows parts 2 to 6 in order", arguments: TestDatabase.allCases)
    func articleShowsItsParts(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                title: "Gudang Pendingin Bantu Nelayan", slug: "gudang-pendingin", author: "Claire Donovan",
                editor: "Dodi Pratama", body: "Paragraf **pertama**.\n\n> Kutipan.", category: "Teknologi",
                tags: ["Lingkungan", "UMKM"], source: "The Island Ledger", sourceURL: "https://ledger.example/a",
                originalLanguage: "en", translator: "Maya Lestari")
            try await seed.article(title: "Berita Lain Soal Nelayan", tags: ["UMKM"])
            try await app.test(.router) { client in
                let response = try await client.get("/2015/10/gudang-pendingin")
                #expect(response.status == .ok)
                let html = response.text
                let parts = [
                    "<p class=\"today\">Senin, 3 Maret 2025</p>", "<h1>Gudang Pendingin Bantu Nelayan</h1>",
                    "Penulis : Claire Donovan | Editor : Dodi Pratama | Kamis, 15 Oktober 2015 07:34",
                    "<strong>pertama</strong>", "- Sumber : <a href=\"https://ledger.example/a\"",
                    "Diterjemahkan dari bahasa Inggris oleh Maya Lestari", "Anda mungkin tertarik :",
                    "Berita Lain Soal Nelayan",
                ]
                var cursor = html.startIndex
                for part in parts {
                    let found = try #require(
                        html.range(of: part, range: cursor..<html.endIndex), "missing or out of order: \(part)")
                    cursor = found.upperBound
                }
                #expect(html.contains("<html lang=\"id\">"))
                #expect(html.contains("<article lang=\"id\">"))
            }
        }
    }

    @Test("English and French labels", arguments: TestDatabase.allCases)
    func labelsFollowTheLanguageCookie(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                slug: "banjir", source: "Harian Pesisir", sourceURL: "https://pesisir.example/x",
                originalLanguage: "id", translator: "Sekar")
            try await app.test(.router) { client in
                let english = try await client.get("/2015/10/banjir", headers: [.cookie: "warta_lang=en"]).text
                #expect(english.contains("By Rina Hapsari | Editor: Dodi Pratama | Thursday, 15 October 2015 07:34"))
                #expect(english.contains("- Source: <a"))
                #expect(english.contains("Translated from Indonesian by Sekar"))
                #expect(english.contains("<html lang=\"en\">"))
                let french = try await client.get("/2015/10/banjir", headers: [.cookie: "warta_lang=fr"]).text
                #expect(french.contains("Par Rina Hapsari | Éditeur : Dodi Pratama | jeudi 15 octobre 2015 07:34"))
                #expect(french.contains("- Source : <a"))
            }
        }
    }

    @Test("Old slugs and months answer 301; unknown paths a localized 404", arguments: TestDatabase.allCases)
    func redirectsAndNotFound(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(slug: "banjir-surut")
            try await seed.edit(article) { $0.slug = "banjir-sudah-surut" }
            try await app.test(.router) { client in
                let old = try await client.get("/2015/10/banjir-surut")
                #expect(old.status == .movedPermanently)
                #expect(old.headers[.location] == "/2015/10/banjir-sudah-surut")
                let wrongMonth = try await client.get("/2016/01/banjir-sudah-surut")
                #expect(wrongMonth.status == .movedPermanently)
                #expect(try await client.get("/2015/10/banjir-sudah-surut").status == .ok)
                let missing = try await client.get("/tidak/ada/sama-sekali")
                #expect(missing.status == .notFound)
                #expect(missing.text.contains("Halaman tidak ditemukan"))
                let missingEnglish = try await client.get("/nothing-here", headers: [.cookie: "warta_lang=en"])
                #expect(missingEnglish.status == .notFound)
                #expect(missingEnglish.text.contains("Page not found"))
                #expect(try await client.get("/?page=abc").status == .badRequest)
                #expect(try await client.get("/category/tidak-ada").status == .notFound)
            }
        }
    }

    @Test("Drafts are not public", arguments: TestDatabase.allCases)
    func draftsAreHidden(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(title: "Rahasia Redaksi", slug: "rahasia", status: .draft, publishedAt: nil)
            try await app.test(.router) { client in
                #expect(try await client.get("/2015/10/rahasia").status == .notFound)
                let home = try await client.get("/").text
                #expect(!home.contains("Rahasia Redaksi"))
            }
        }
    }

    @Test(
        "An unpublished article's address answers 410 Gone, saying it was withdrawn", arguments: TestDatabase.allCases)
    func unpublishedArticlesAreGone(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(title: "Berita Keliru", slug: "keliru")
            try await app.test(.router) { client in
                #expect(try await client.get("/2015/10/keliru").status == .ok)
                try await seed.edit(article, status: .unpublished)
                let gone = try await client.get("/2015/10/keliru")
                #expect(gone.status == .gone)
                #expect(gone.text.contains("Redaksi telah menarik artikel ini dari publikasi."))
                #expect(!gone.text.contains("Berita Keliru"))
                // Only its own address says so; elsewhere it is simply not there.
                #expect(try await client.get("/2015/11/keliru").status == .notFound)
                #expect(try await client.get("/2015/10/lain").status == .notFound)
            }
        }
    }

    @Test("Sharing tags and schema.org data name the source and the translation", arguments: TestDatabase.allCases)
    func headCarriesAttribution(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(
                title: "Nelayan </script><script>alert(1)</script> & Co", slug: "nelayan", author: "Claire Donovan",
                category: "Ekonomi", tags: ["UMKM"], source: "The Island Ledger",
                sourceURL: "https://ledger.example/a", originalLanguage: "en", translator: "Maya Lestari")
            try await app.test(.router) { client in
                let html = try await client.get("/2015/10/nelayan").text
                #expect(html.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/2015/10/nelayan\">"))
                #expect(html.contains("<meta property=\"og:type\" content=\"article\">"))
                #expect(html.contains("<meta property=\"article:tag\" content=\"UMKM\">"))
                #expect(
                    html.contains("<meta property=\"article:published_time\" content=\"2015-10-15T07:34:00+07:00\">"))
                // Exactly one script element, and it is the JSON-LD: the title cannot end it early.
                #expect(html.components(separatedBy: "<script").count == 2)
                let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
                let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
                let json = String(html[start.upperBound..<end.lowerBound])
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
                #expect(object["@type"] as? String == "NewsArticle")
                #expect(object["headline"] as? String == "Nelayan </script><script>alert(1)</script> & Co")
                // CONTRACTS.md, "JSON-LD": the original URL, else the source URL.
                #expect(object["isBasedOn"] as? String == "https://ledger.example/a")
                let original = try #require(object["translationOfWork"] as? [String: Any])
                #expect(original["name"] as? String == "The Island Ledger")
                #expect(original["inLanguage"] as? String == "en")
                #expect((object["translator"] as? [String: Any])?["name"] as? String == "Maya Lestari")
                #expect(object["articleSection"] as? String == "Ekonomi")
            }
        }
    }

    @Test(
        "A body stored by an older sanitizer or a bulk load is sanitized again on view and stored back",
        arguments: TestDatabase.allCases)
    func staleStoredBodyIsSanitizedAgain(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(slug: "muara")
            let id = try article.requireID()
            #expect(article.bodyHTMLRevision == Sanitizer.revision)
            let sql = try seed.services.database.sql
            let loaded = "<p onclick=\"steal()\">Air <b>naik</b></p><script>alert(1)</script>"
            try await sql.raw(
                "UPDATE articles SET body_html = \(bind: loaded), body_html_revision = NULL WHERE id = \(bind: id)"
            ).run()
            try await app.test(.router) { client in
                let html = try await client.get("/2015/10/muara").text
                #expect(html.contains("<p>Air <b>naik</b></p>"))
                #expect(!html.contains("steal()") && !html.contains("alert(1)"))
            }
            let stored = try #require(try await Article.find(id, on: seed.services.database.db))
            #expect(stored.bodyHTML == "<p>Air <b>naik</b></p>")
            #expect(stored.bodyHTMLRevision == Sanitizer.revision)
            #expect(stored.version == article.version)
        }
    }

    @Test("When storing the re-sanitized body fails, the reader still gets the page")
    func failedBodyStoreStillServesThePage() async throws {
        try await withTestApp(.sqlite) { app, seed in
            let article = try await seed.article(slug: "muara")
            let sql = try seed.services.database.sql
            try await sql.raw(
                "UPDATE articles SET body_html = '<p>Air <i>naik</i></p><script>x()</script>', body_html_revision = NULL"
            ).run()
            // Every update of an article now fails, as with a full disk or a lock held past the busy timeout.
            try await sql.raw(
                "CREATE TRIGGER refuse_updates BEFORE UPDATE ON articles BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            ).run()
            try await app.test(.router) { client in
                let response = try await client.get("/2015/10/muara")
                #expect(response.status == .ok)
                #expect(response.text.contains("<p>Air <i>naik</i></p>") && !response.text.contains("x()"))
            }
            let stored = try #require(try await Article.find(try article.requireID(), on: seed.services.database.db))
            #expect(stored.bodyHTMLRevision == nil)
        }
    }
}
