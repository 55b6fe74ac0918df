import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// Pins the HTML of each public page type for a fixed fixture and clock (VIEWS.md).
@Suite struct PageSnapshotTests {
    func seedFixture(_ seed: Seed) async throws {
        try await seed.article(
            title: "Gudang Pendingin Tenaga Surya Bantu Nelayan", slug: "gudang-pendingin", author: "Claire Donovan",
            editor: "Dodi Pratama",
            body:
                "Nelayan di pulau kecil kini bisa **menyimpan** ikan.\n\n## Bayar per Kilogram\n\n> \"Kami tak lagi terburu-buru,\" kata Yosef.\n\n| Bulan | Ton |\n|---|--:|\n| Okt | 12 |\n\n![Gudang pendingin](https://cdn.example/gudang.jpg \"Gudang\")",
            publishedAt: "2025-03-01T07:34:00+07:00", category: "Teknologi", tags: ["Lingkungan", "UMKM"],
            source: "The Island Ledger", sourceURL: "https://ledger.example/solar", originalLanguage: "en",
            translator: "Maya Lestari")
        try await seed.article(
            title: "Harga Ikan Naik", slug: "harga-ikan", author: "Kantor Berita Nusantara",
            publishedAt: "2025-02-20T10:00:00+07:00", category: "Ekonomi", tags: ["UMKM"])
    }

    @Test("Article, home, category and 404 pages", arguments: [UILanguage.id, .en, .fr])
    func pagesMatchTheirSnapshots(language: UILanguage) async throws {
        try await withTestApp(.sqlite) { app, seed in
            try await seedFixture(seed)
            try await app.test(.router) { client in
                let cookie: HTTPFields = [.cookie: "warta_lang=\(language.rawValue)"]
                let pages = [
                    ("article", "/2025/03/gudang-pendingin"), ("home", "/"), ("category", "/category/ekonomi"),
                    ("not-found", "/tidak-ada"),
                ]
                for (name, path) in pages {
                    let response = try await client.get(path, headers: cookie)
                    try expectSnapshot(response.text, named: "\(name).\(language.rawValue)")
                }
            }
        }
    }
}
