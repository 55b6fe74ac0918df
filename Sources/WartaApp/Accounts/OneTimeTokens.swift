import Crypto
import FluentKit
import Foundation

/// Single-use tokens (the owner set-up link; later readers' sign-in links and codes). Only a token's SHA-256 is
/// stored, so a database dump holds none that work.
struct OneTimeTokens: Sendable {
    let database: WartaDatabase
    let world: World

    /// A new token for `purpose`, valid for `lifetime` seconds; the raw token is returned once, never stored.
    func issue(purpose: String, lifetime: TimeInterval) async throws -> String {
        let token = world.randomToken()
        let record = OneTimeToken(
            id: world.newID(), purpose: purpose, tokenHash: TokenHash.sha256Hex(token),
            expiresAt: world.now().addingTimeInterval(lifetime))
        try await database.write { tx in try await record.create(on: tx) }
        return token
    }

    /// The unspent, unexpired record of `token` for `purpose`, read on `db` (a transaction, to spend it there).
    func usable(_ token: String, purpose: String, on db: any Database) async throws -> OneTimeToken? {
        guard !token.isEmpty, token.count < 200 else { return nil }
        let record = try await OneTimeToken.query(on: db).filter(\.$tokenHash == TokenHash.sha256Hex(token))
            .filter(\.$purpose == purpose).first()
        guard let record, record.usedAt == nil, record.expiresAt > world.now() else { return nil }
        return record
    }

    /// Deletes tokens past their expiry, spent or not (a spent one is refused by its `used_at` until then).
    func removeExpired() async throws {
        let now = world.now()
        try await database.write { tx in try await OneTimeToken.query(on: tx).filter(\.$expiresAt < now).delete() }
    }
}

/// The stored form of a secret that is looked up but never read back (session keys, one-time tokens, rate-limit
/// accounts): lower-case hex SHA-256.
enum TokenHash {
    static func sha256Hex(_ text: String) -> String {
        Digits.hex(SHA256.hash(data: Data(text.utf8)))
    }
}

/// Expired sessions, one-time tokens and rate-limit counters go; one call for the periodic cleanup chore.
enum AccountsCleanup {
    static func removeExpired(database: WartaDatabase, world: World) async throws {
        try await DatabasePersistDriver(database: database, world: world).removeExpired()
        try await OneTimeTokens(database: database, world: world).removeExpired()
        try await RateLimiter(database: database, world: world).removeExpired()
    }
}
