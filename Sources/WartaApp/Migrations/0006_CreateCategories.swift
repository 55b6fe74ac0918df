import FluentKit

struct CreateCategories: AsyncMigration {
    var name: String { "0006_create_categories" }

    func prepare(on database: any Database) async throws {
        try await database.schema("categories")
            .id()
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("categories").delete()
    }
}
