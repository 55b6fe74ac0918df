import FluentKit
import Foundation

/// One HummingbirdAuth session, kept in the database so it survives restarts and works across instances. The id
/// is the SHA-256 of the session key (`DatabasePersistDriver`); the key itself is only in the browser's cookie.
final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: Data
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "principal") var principal: PrincipalKind
    @OptionalField(key: "user_id") var userID: UUID?

    init() {}

    init(keyHash: String, value: Data, expiresAt: Date, principal: PrincipalKind, userID: UUID?) {
        self.id = keyHash
        self.value = value
        self.expiresAt = expiresAt
        self.principal = principal
        self.userID = userID
    }
}

/// A single-use token (owner set-up, later magic links); only its SHA-256 is stored.
final class OneTimeToken: Model, @unchecked Sendable {
    static let schema = "one_time_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "purpose") var purpose: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(id: UUID, purpose: String, tokenHash: String, expiresAt: Date) {
        self.id = id
        self.purpose = purpose
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}

/// A fixed-window counter (sign-in attempts per account and per address).
final class RateLimitCounter: Model, @unchecked Sendable {
    static let schema = "rate_limits"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "window_start") var windowStart: Date
    @Field(key: "count") var count: Int

    init() {}

    init(key: String, windowStart: Date, count: Int) {
        self.id = key
        self.windowStart = windowStart
        self.count = count
    }
}

/// Site-wide key/value settings (the generated secret, the site name once set in /admin).
final class SiteSetting: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(key: String, value: String) {
        self.id = key
        self.value = value
    }
}
