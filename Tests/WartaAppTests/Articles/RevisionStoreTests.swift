import FluentKit
import Foundation
import Testing

@testable import WartaApp

/// The revision page's read: one saved version of one article, with its saver's name.
@Suite struct RevisionStoreTests {
    @Test(
        "A revision is found only under its own article, with its saver and its draft", arguments: TestDatabase.allCases
    )
    func revisionUnderItsArticle(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let editor = try await seed.staff()
            let article = try await seed.article(title: "Judul Asli", slug: "asli")
            let other = try await seed.article(title: "Lain", slug: "lain")
            let db = seed.services.database.db
            let articleID = try article.requireID()
            let saved = try #require(try await Revision.query(on: db).filter(\.$articleID == articleID).first())
            let store = RevisionStore(database: seed.services.database)
            let row = try #require(try await store.revision(try saved.requireID(), of: articleID))
            #expect(row.version == 1)
            #expect(row.currentVersion == 1)
            #expect(row.draft?.title == "Judul Asli")
            #expect(row.savedBy == nil)
            #expect(try await store.revision(try saved.requireID(), of: try other.requireID()) == nil)
            saved.savedBy = try editor.requireID()
            saved.snapshot = "{"
            try await saved.update(on: db)
            let edited = try #require(try await store.revision(try saved.requireID(), of: articleID))
            #expect(edited.savedBy == "Dodi Pratama")
            #expect(edited.draft == nil)
        }
    }
}
