import FluentKit

struct CreateTags: AsyncMigration {
    var name: String { "0007_create_tags" }

    func prepare(on database: any Database) async throws {
        try await database.schema("tags")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tags").delete()
    }
}
