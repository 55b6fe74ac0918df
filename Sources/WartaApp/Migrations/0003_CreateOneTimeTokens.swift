import FluentKit

struct CreateOneTimeTokens: AsyncMigration {
    var name: String { "0003_create_one_time_tokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema("one_time_tokens")
            .id()
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("one_time_tokens").delete()
    }
}
