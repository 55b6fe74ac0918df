import FluentKit

/// Page-cache events written by SQLite processes for the other processes on the same file, which have no NOTIFY.
struct CreateCacheEvents: AsyncMigration {
    var name: String { "0023_create_cache_events" }

    func prepare(on database: any Database) async throws {
        try await database.schema("cache_events")
            .field("id", .int, .identifier(auto: true))
            .field("payload", .string, .required)
            .field("origin", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cache_events").delete()
    }
}
