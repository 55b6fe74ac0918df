import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

@Suite struct ArticleListTests {
    @Test("The newsroom list pages by 50, newest edit first, and keeps its filter", arguments: TestDatabase.allCases)
    func listPagesAndFilters(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.staff()
            for number in 1...60 {
                try await seed.article(
                    title: "Draf Nomor \(number)", slug: "draf-\(number)", status: .draft, publishedAt: nil)
                seed.world.advance(by: 60)
            }
            try await seed.article(title: "Laporan 100% Selesai", slug: "laporan")
            try await seed.article(
                title: "Terbit Besok", slug: "besok", status: .scheduled, publishedAt: "2025-03-04T06:00:00+07:00")
            try await app.test(.router) { client in
                var browser = Browser(client)
                _ = try await browser.signIn(email: "editor@example.com", password: "rahasia-sekali")
                let first = try await browser.get("/admin/articles").text
                #expect(first.contains("Laporan 100% Selesai"))
                #expect(first.contains("Draf Nomor 60"))
                #expect(!first.contains("Draf Nomor 10<"))
                #expect(first.contains("href=\"/admin/articles?page=2\""))
                // A scheduled article says when it goes live, in the site zone.
                #expect(first.contains("Terjadwal · Selasa, 4 Maret 2025 06:00"))
                let second = try await browser.get("/admin/articles?page=2").text
                #expect(second.contains("Draf Nomor 11<"))
                #expect(second.contains("Draf Nomor 1<"))
                #expect(!second.contains("?page=3"))
                let drafts = try await browser.get("/admin/articles?status=draft").text
                #expect(!drafts.contains("Laporan"))
                #expect(drafts.contains("href=\"/admin/articles?status=draft&amp;page=2\""))
                // LIKE wildcards in the search are taken literally.
                let found = try await browser.get("/admin/articles?q=100%25").text
                #expect(found.contains("Laporan 100% Selesai"))
                #expect(!found.contains("Draf Nomor"))
                #expect(try await browser.get("/admin/articles?q=_").text.contains("Draf Nomor"))
                #expect(try await browser.get("/admin/articles?page=0").status == .badRequest)
                #expect(try await browser.get("/admin/articles?page=abc").status == .badRequest)
                #expect(try await browser.get("/admin/articles?page=9").text.contains("Tidak ada artikel."))
            }
        }
    }
}
