import FluentKit

struct CreateOldSlugs: AsyncMigration {
    var name: String { "0011_create_old_slugs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("old_slugs")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("old_slugs").delete()
    }
}
