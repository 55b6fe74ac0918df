import FluentKit
import SQLKit

/// Related lists computed at publish time (DESIGN.md §4), one row per slot, so an article page reads its list
/// with one indexed join instead of ranking on every render.
struct CreateArticleRelated: AsyncMigration {
    var name: String { "0012_create_article_related" }

    func prepare(on database: any Database) async throws {
        try await database.schema("article_related")
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("slot", .int, .required)
            .field("related_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("computed_at", .datetime, .required)
            .unique(on: "article_id", "slot")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Which lists name an article (refreshed when it is unpublished or republished), and the stalest lists.
        try await sql.create(index: "article_related_related").on("article_related").column("related_id").run()
        try await sql.create(index: "article_related_computed").on("article_related").column("computed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_related").delete()
    }
}
