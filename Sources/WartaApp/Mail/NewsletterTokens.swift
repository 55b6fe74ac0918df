import Foundation

/// The signed tokens in newsletter links. They name a row, carry no expiry and need no table: an unsubscribe link
/// in a mail from last year still works (RFC 8058 asks that it keep working), and a forged one names nothing.
struct NewsletterTokens: Sendable {
    let secret: SiteSecret

    static let unsubscribePurpose = "newsletter-unsubscribe"
    static let preferencesPurpose = "newsletter-preferences"

    /// For `/newsletter/unsubscribe?token=…`: the outbox row the link was mailed in, which names the subscriber and
    /// the list, and lets the campaign count its unsubscribes.
    func unsubscribeToken(outboxID: UUID) async throws -> String {
        try await secret.sign(outboxID.uuidString.lowercased(), purpose: Self.unsubscribePurpose)
    }

    func outboxID(fromUnsubscribeToken token: String) async throws -> UUID? {
        guard let value = try await secret.verify(token, purpose: Self.unsubscribePurpose) else { return nil }
        return UUID(uuidString: value)
    }

    /// For `/newsletter/preferences?token=…`: the subscriber.
    func preferencesToken(subscriberID: UUID) async throws -> String {
        try await secret.sign(subscriberID.uuidString.lowercased(), purpose: Self.preferencesPurpose)
    }

    func subscriberID(fromPreferencesToken token: String) async throws -> UUID? {
        guard let value = try await secret.verify(token, purpose: Self.preferencesPurpose) else { return nil }
        return UUID(uuidString: value)
    }

    /// The absolute links placed in mail, built from `WARTA_SITE_URL`.
    static func url(siteURL: String, path: String, token: String) -> String {
        let base = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        let escaped = token.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["+", "&", "="]))
        return "\(base)\(path)?token=\(escaped ?? token)"
    }
}
