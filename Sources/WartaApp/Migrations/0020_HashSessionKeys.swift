import FluentKit
import SQLKit

/// Session keys are stored as their SHA-256 from now on (`DatabasePersistDriver`), with the kind of principal
/// (staff, reader) beside `user_id`. Rows keyed by a raw session key cannot be re-keyed by SQL on both engines
/// (SQLite has no SHA-256), and keeping them would keep live keys in the table, so they are deleted: everyone
/// signs in once more. Reverting deletes the hashed rows too, since the older code looks sessions up by raw key.
struct HashSessionKeys: AsyncMigration {
    var name: String { "0020_hash_session_keys" }

    func prepare(on database: any Database) async throws {
        try await SessionRows.deleteAll(on: database)
        try await database.schema("sessions")
            .field("principal", .string, .required, .custom(SQLColumnConstraintAlgorithm.default("staff")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await SessionRows.deleteAll(on: database)
        try await database.schema("sessions").deleteField("principal").update()
    }
}

/// Plain SQL, so the migration does not depend on the app's model of the table.
private enum SessionRows {
    static func deleteAll(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.delete(from: "sessions").run()
    }
}
