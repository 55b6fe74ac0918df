import FluentKit

struct CreateSessions: AsyncMigration {
    var name: String { "0002_create_sessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("key", .string, .identifier(auto: false))
            .field("value", .data, .required)
            .field("expires_at", .datetime, .required)
            .field("user_id", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
