import FluentKit

/// Staff who leave the newsroom are switched off, not deleted: their articles keep their credit and history.
struct AddUserDisabledAt: AsyncMigration {
    var name: String { "0014_add_user_disabled_at" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("disabled_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("disabled_at").update()
    }
}
