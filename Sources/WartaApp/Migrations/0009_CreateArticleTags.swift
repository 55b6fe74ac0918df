import FluentKit
import SQLKit

struct CreateArticleTags: AsyncMigration {
    var name: String { "0009_create_article_tags" }

    func prepare(on database: any Database) async throws {
        try await database.schema("article_tags")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("tag_id", .uuid, .required, .references("tags", "id", onDelete: .cascade))
            .unique(on: "article_id", "tag_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Covering (tag, article): related-article ranking reads it without touching the table.
        try await sql.create(index: "article_tags_tag_article").on("article_tags").column("tag_id").column("article_id")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_tags").delete()
    }
}
