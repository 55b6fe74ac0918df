import FluentKit

struct CreateRateLimits: AsyncMigration {
    var name: String { "0004_create_rate_limits" }

    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limits")
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .datetime, .required)
            .field("count", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limits").delete()
    }
}
