import FluentKit
import SQLKit

struct CreateArticles: AsyncMigration {
    var name: String { "0008_create_articles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles")
            .id()
            .field("slug", .string, .required)
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("status", .string, .required)
            .field("author_credit", .string, .required)
            .field("author_slug", .string, .required)
            .field("author_user_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("editor_name", .string, .required)
            .field("source_name", .string, .required)
            .field("source_url", .string, .required)
            .field("original_language", .string, .required)
            .field("original_url", .string, .required)
            .field("translator", .string, .required)
            .field("category_id", .uuid, .references("categories", "id", onDelete: .setNull))
            .field("published_at", .datetime)
            .field("url_year", .int)
            .field("url_month", .int)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            // The wide columns go last: SQLite reads a row's columns in order, so every column after a 6 KB body
            // costs a walk through its overflow pages (measured: lists and related reads touched ~30 MB per page).
            .field("body_markdown", .string, .required)
            .field("body_html", .string, .required)
            .unique(on: "slug")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Every public list reads newest-first within one filter; these indexes serve them without touching
        // the wide body columns (measured: a category scan through the status index read ~40 MB per page).
        try await sql.create(index: "articles_status_published").on("articles").column("status")
            .column("published_at").run()
        try await sql.create(index: "articles_category_status_published").on("articles").column("category_id")
            .column("status").column("published_at").run()
        try await sql.create(index: "articles_author_status_published").on("articles").column("author_slug")
            .column("status").column("published_at").run()
        // Ranks related candidates by status and recency from the index alone (SQLite ids are not the rowid).
        try await sql.create(index: "articles_id_status_published").on("articles").column("id").column("status")
            .column("published_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("articles").delete()
    }
}
