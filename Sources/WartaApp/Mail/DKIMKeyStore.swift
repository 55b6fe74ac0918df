import FluentKit
import Foundation
import SQLKit
import WartaMail

/// The site's DKIM signing key in `settings`: selector, algorithm and the private key. The key is a secret: it is
/// read only to sign, never shown in /admin, never logged; `warta dkim generate` prints only the public DNS record.
struct DKIMKeyStore: Sendable {
    let database: WartaDatabase

    static let selectorKey = "mail.dkim.selector"
    static let privateKeyKey = "mail.dkim.private_key"

    enum Algorithm: String, Sendable, CaseIterable {
        case rsa, ed25519
    }

    /// A new key replaces the stored one, in one transaction. Returns the zone-file line to publish.
    func generate(selector: String, algorithm: Algorithm) async throws -> String {
        guard Self.isSelector(selector) else {
            throw Commands.Failure(
                description: "selector must be DNS labels of letters, digits and hyphens (e.g. warta2026)")
        }
        let key = try algorithm == .rsa ? DKIMKey.generateRSA() : DKIMKey.generateEd25519()
        let rows = [Self.selectorKey: selector, Self.privateKeyKey: key.privateKeyText]
        try await database.write { tx in try await SettingsStore.put(rows, on: tx) }
        return Self.zoneLine(selector: selector, key: key)
    }

    /// The stored selector and key, if any.
    func current() async throws -> (selector: String, key: DKIMKey)? {
        let db = database.db
        guard let selector = try await SiteSetting.find(Self.selectorKey, on: db)?.value,
            let text = try await SiteSetting.find(Self.privateKeyKey, on: db)?.value
        else { return nil }
        return (selector, try DKIMKey(privateKeyText: text))
    }

    /// `S._domainkey IN TXT "v=DKIM1; k=…; p=…"`: the whole value in one quoted string (CONTRACTS.md).
    static func zoneLine(selector: String, key: DKIMKey) -> String {
        "\(selector)._domainkey IN TXT \"\(key.dnsRecord)\""
    }

    /// One or more DNS labels (RFC 6376 §3.1): letters, digits and inner hyphens, 63 octets each.
    static func isSelector(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && text.utf8.count <= 200
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }
}

extension Commands {
    /// `warta dkim generate --selector S [--algorithm rsa|ed25519]`: stores a new signing key, returns the DNS line.
    public static func generateDKIMKey(selector: String, algorithm: String, services: AppServices) async throws
        -> String
    {
        guard let algorithm = DKIMKeyStore.Algorithm(rawValue: algorithm) else {
            throw Failure(description: "algorithm must be rsa or ed25519")
        }
        return try await DKIMKeyStore(database: services.database).generate(selector: selector, algorithm: algorithm)
    }
}
