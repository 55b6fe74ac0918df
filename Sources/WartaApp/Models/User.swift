import FluentKit
import Foundation

/// Newsroom roles, from least to most trusted: authors write, editors publish, admins also manage users.
public enum Role: String, Codable, Sendable, CaseIterable {
    case author, editor, admin

    var canPublish: Bool { self != .author }
    var canManageUsers: Bool { self == .admin }
}

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: Role
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date
    /// Set when an admin switches the account off: it cannot sign in and its sessions are gone.
    @OptionalField(key: "disabled_at") var disabledAt: Date?

    var isActive: Bool { disabledAt == nil }

    init() {}

    init(id: UUID, email: String, name: String, role: Role, passwordHash: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
