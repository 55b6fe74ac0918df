import FluentKit
import Foundation
import SQLKit

/// Saves settings: every field and a new version in one transaction; after the commit this instance uses them at
/// once and empties its page cache, and on PostgreSQL NOTIFY empties every other instance's (CONTRACTS.md, "Page
/// cache": a settings change drops everything).
struct SettingsStore: Sendable {
    let services: AppServices
    static let versionKey = "settings.version"
    static let prefix = "site."

    func save(_ general: GeneralSettings) async throws {
        let version = services.world.randomToken()
        let rows = general.storedValues.merging([Self.versionKey: version]) { $1 }
        let (cache, provider) = (services.cache, services.settings)
        try await services.database.write { tx in
            try await Self.put(rows, on: tx)
            let saved = try await Self.savedValues(on: tx)
            let next = provider.environment.effective(saved)
            AfterCommit.run { provider.apply(next, version: version) }
            try await CacheEvent.publish([.settingsChanged], to: cache, on: tx)
        }
    }

    /// Writes `rows` into `settings`, replacing existing values, inside the caller's write; in key order, so two
    /// writers take the rows' locks in the same order.
    static func put(_ rows: [String: String], on tx: any Database) async throws {
        guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        for (key, value) in rows.sorted(by: { $0.key < $1.key }) {
            try await sql.raw(
                """
                INSERT INTO settings ("key", value) VALUES (\(bind: key), \(bind: value))
                ON CONFLICT ("key") DO UPDATE SET value = excluded.value
                """
            ).run()
        }
    }

    /// Every saved setting (the `site.` fields and the version); the signing secret is never read here.
    static func savedValues(on db: any Database) async throws -> [String: String] {
        let rows = try await SiteSetting.query(on: db).all()
        var values: [String: String] = [:]
        for row in rows {
            guard let key = row.id, key.hasPrefix(prefix) || key == versionKey else { continue }
            values[key] = row.value
        }
        return values
    }

    static func savedVersion(on db: any Database) async throws -> String {
        try await SiteSetting.find(versionKey, on: db)?.value ?? ""
    }
}
