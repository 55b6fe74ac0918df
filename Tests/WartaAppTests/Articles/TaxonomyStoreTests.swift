import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WartaApp

/// The newsroom's taxonomy writes, through the store handlers call.
@Suite struct TaxonomyStoreTests {
    private func store(_ seed: Seed) -> TaxonomyStore {
        TaxonomyStore(database: seed.services.database, cache: seed.services.cache, world: seed.world.world)
    }

    @Test(
        "A rename keeps the slug and empties the page cache; an unknown id changes nothing",
        arguments: TestDatabase.allCases)
    func renameKeepsTheSlug(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            try await seed.article(slug: "kopi", category: "Ekonomi", tags: ["Kopi"])
            let db = seed.services.database.db
            let category = try #require(try await Category.query(on: db).first())
            try await app.test(.router) { client in
                let page = try await client.get("/2015/10/kopi")
                #expect(page.status == .ok)
            }
            #expect(seed.services.cache.count > 0)
            #expect(try await store(seed).rename(.category, id: try category.requireID(), to: "Bisnis"))
            #expect(seed.services.cache.count == 0)
            let renamed = try #require(try await Category.find(try category.requireID(), on: db))
            #expect(renamed.name == "Bisnis")
            #expect(renamed.slug == "ekonomi")
            #expect(try await !store(seed).rename(.tag, id: try category.requireID(), to: "Lain"))
            #expect(try await Tag.query(on: db).all().map(\.name) == ["Kopi"])
        }
    }

    @Test("A delete keeps the articles, which lose only the label", arguments: TestDatabase.allCases)
    func deleteKeepsArticles(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let article = try await seed.article(slug: "kopi", category: "Ekonomi", tags: ["Kopi", "Pasar"])
            let db = seed.services.database.db
            let category = try #require(try await Category.query(on: db).first())
            let tag = try #require(try await Tag.query(on: db).filter(\.$slug == "kopi").first())
            #expect(try await store(seed).delete(.tag, id: try tag.requireID()))
            #expect(try await !store(seed).delete(.tag, id: try tag.requireID()))
            #expect(try await ArticleTag.query(on: db).count() == 1)
            #expect(try await store(seed).delete(.category, id: try category.requireID()))
            #expect(try await Category.query(on: db).count() == 0)
            let kept = try #require(try await Article.find(try article.requireID(), on: db))
            #expect(kept.categoryID == nil)
        }
    }

    @Test("Adding a name whose slug exists keeps the first", arguments: TestDatabase.allCases)
    func addKeepsTheFirstOfASlug(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            try await store(seed).add(.tag, name: "Kopi", slug: "kopi")
            try await store(seed).add(.tag, name: "KOPI", slug: "kopi")
            try await store(seed).add(.category, name: "Kopi", slug: "kopi")
            let db = seed.services.database.db
            #expect(try await Tag.query(on: db).all().map(\.name) == ["Kopi"])
            #expect(try await Category.query(on: db).count() == 1)
        }
    }
}
