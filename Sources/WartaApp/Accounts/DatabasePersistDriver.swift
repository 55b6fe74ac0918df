import FluentKit
import Foundation
import Hummingbird

/// HummingbirdAuth's key/value store on the `sessions` table, so sessions survive restarts and are shared by every
/// instance. The `key` column holds the SHA-256 of the session key, never the key: the cookie is the only place
/// the key itself lives, so a database dump holds no live session. `principal` and `user_id` come from
/// `AccountSession` values, for "sign out everywhere".
struct DatabasePersistDriver: PersistDriver {
    let database: WartaDatabase
    let world: World

    /// The stored form of a key: lower-case hex SHA-256.
    static func storedKey(_ key: String) -> String {
        TokenHash.sha256Hex(key)
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store(key: key, value: value, expires: expires, failIfPresent: true)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await store(key: key, value: value, expires: expires, failIfPresent: false)
    }

    private func store<Object: Codable & Sendable>(
        key: String, value: Object, expires: Duration?, failIfPresent: Bool
    ) async throws {
        let data = try JSONEncoder().encode(value)
        let session = value as? AccountSession
        let storedKey = Self.storedKey(key)
        let now = world.now()
        try await database.write { db in
            if let existing = try await SessionRecord.find(storedKey, on: db) {
                if failIfPresent { throw PersistError.duplicate }
                existing.value = data
                existing.userID = session?.principalID
                existing.principal = session?.kind ?? existing.principal
                if let expires { existing.expiresAt = now.addingTimeInterval(Self.seconds(expires)) }
                try await existing.update(on: db)
            } else {
                let lifetime = expires.map(Self.seconds) ?? SessionStore.lifetimeSeconds
                let record = SessionRecord(
                    keyHash: storedKey, value: data, expiresAt: now.addingTimeInterval(lifetime),
                    principal: session?.kind ?? .staff, userID: session?.principalID)
                try await record.create(on: db)
            }
        }
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (
        object: Object, ttl: Duration?
    )? {
        guard let record = try await SessionRecord.find(Self.storedKey(key), on: database.db) else { return nil }
        let remaining = record.expiresAt.timeIntervalSince(world.now())
        guard remaining > 0 else {
            try await remove(key: key)
            return nil
        }
        guard let object = try? JSONDecoder().decode(type, from: record.value) else {
            throw PersistError.invalidConversion
        }
        return (object, .seconds(Int64(remaining)))
    }

    func remove(key: String) async throws {
        try await remove(keys: [key])
    }

    /// Removes several keys in one write (a browser's old session under every principal kind).
    func remove(keys: [String]) async throws {
        let stored = keys.map(Self.storedKey)
        try await database.write { db in try await SessionRecord.query(on: db).filter(\.$id ~~ stored).delete() }
    }

    /// Deletes expired rows; run by the background service.
    func removeExpired() async throws {
        let now = world.now()
        try await database.write { db in try await SessionRecord.query(on: db).filter(\.$expiresAt < now).delete() }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds)
    }
}
