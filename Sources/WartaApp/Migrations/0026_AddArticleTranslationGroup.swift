import FluentKit
import SQLKit

/// The same story in several languages: articles sharing a `translation_group` are each other's hreflang
/// alternates (issue 13, part 3). Indexed because every article page of a group reads its siblings.
struct AddArticleTranslationGroup: AsyncMigration {
    var name: String { "0026_add_article_translation_group" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles").field("translation_group", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "articles_translation_group").on("articles").column("translation_group").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "articles_translation_group").run() }
        try await database.schema("articles").deleteField("translation_group").update()
    }
}
