import Crypto
import FluentKit
import Foundation
import NIOConcurrencyHelpers

/// The key that signs the signed-out CSRF cookie: `WARTA_SECRET`, else one generated on first use and stored in
/// `settings`, so every instance on one database shares it (CONTRACTS.md, "Environment"). Sessions and one-time
/// tokens are random values kept server-side (one-time tokens only as hashes) and need no signature.
final class SiteSecret: Sendable {
    static let settingKey = "secret"
    private let database: WartaDatabase
    private let configured: String?
    private let cached = NIOLockedValueBox<[UInt8]?>(nil)

    init(database: WartaDatabase, configured: String?) {
        self.database = database
        self.configured = configured
    }

    func key() async throws -> SymmetricKey {
        if let bytes = cached.withLockedValue({ $0 }) { return SymmetricKey(data: bytes) }
        let secret: String
        if let configured {
            secret = configured
        } else {
            secret = try await storedOrNewSecret()
        }
        let bytes = Array(SHA256.hash(data: Data(secret.utf8)))
        cached.withLockedValue { $0 = bytes }
        return SymmetricKey(data: bytes)
    }

    private func storedOrNewSecret() async throws -> String {
        let db = database.db
        if let stored = try await SiteSetting.find(Self.settingKey, on: db) { return stored.value }
        do {
            let value = RandomToken.make(byteCount: 48)
            try await database.write { tx in try await SiteSetting(key: Self.settingKey, value: value).create(on: tx) }
        } catch {
            // Another instance stored one first; fall through and read it.
        }
        guard let stored = try await SiteSetting.find(Self.settingKey, on: db) else {
            throw SiteError.databaseUnavailable
        }
        return stored.value
    }

    /// `token.signature` for a cookie.
    func sign(_ token: String, purpose: String) async throws -> String {
        "\(token).\(try await signature(token, purpose: purpose))"
    }

    /// The token inside a signed value, when the signature matches.
    func verify(_ signed: String, purpose: String) async throws -> String? {
        guard let dot = signed.lastIndex(of: ".") else { return nil }
        let token = String(signed[..<dot])
        let given = String(signed[signed.index(after: dot)...])
        let expected = try await signature(token, purpose: purpose)
        return CSRFMiddleware.equal(given, expected) && !token.isEmpty ? token : nil
    }

    private func signature(_ token: String, purpose: String) async throws -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(purpose):\(token)".utf8), using: try await key())
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
