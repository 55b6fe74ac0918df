import FluentKit
import SQLKit

/// Who started each article (`articles.created_by`, a staff user's id; NULL for imports and demo content), so the
/// newsroom can keep authors to their own work. Existing rows take the user who saved their first revision.
struct AddArticleCreator: AsyncMigration {
    var name: String { "0017_add_article_creator" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles").field("created_by", .uuid).update()
        guard let sql = database as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        try await sql.raw(
            """
            UPDATE articles SET created_by = (
              SELECT r.saved_by FROM revisions r WHERE r.article_id = articles.id ORDER BY r.version LIMIT 1)
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("articles").deleteField("created_by").update()
    }
}
