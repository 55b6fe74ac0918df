import FluentKit

struct CreateRevisions: AsyncMigration {
    var name: String { "0010_create_revisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("revisions")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("snapshot", .string, .required)
            .field("saved_by", .uuid)
            .field("saved_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("revisions").delete()
    }
}
