import FluentKit
import Foundation
import HummingbirdBcrypt
import Prometheus
import SQLKit

/// Newsroom accounts: creation, password checks, and the one-time owner set-up link.
struct StaffAccounts: Sendable {
    let database: WartaDatabase
    let world: World
    /// Counts bcrypt runs of sign-in checks (`warta_password_checks_total`).
    var passwordChecks: Prometheus.Counter?

    static let setupPurpose = "owner-setup"
    static let minimumPasswordLength = 10

    struct AccountError: Error, Equatable {
        let field: String
        let key: L10nKey

        /// The message to show beside `field`, if this error is about it.
        func message(for field: String, _ l: Localizer) -> String? { self.field == field ? l[key] : nil }
    }

    func create(email rawEmail: String, name rawName: String, role: Role, password: String) async throws -> User {
        let user = try await newUser(email: rawEmail, name: rawName, role: role, password: password)
        return try await database.write { tx in
            try await Self.insert(user, on: tx)
            return user
        }
    }

    /// A validated user with its password hashed, not saved yet.
    private func newUser(email rawEmail: String, name rawName: String, role: Role, password: String) async throws
        -> User
    {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard Self.isEmail(email) else { throw AccountError(field: "email", key: .adminEmailInvalid) }
        guard !name.isEmpty, name.count <= 200 else { throw AccountError(field: "name", key: .adminFieldRequired) }
        let hash = try await Self.passwordHash(password)
        return User(id: world.newID(), email: email, name: name, role: role, passwordHash: hash, createdAt: world.now())
    }

    /// Saves a new user unless the address is taken. Two requests for one address at once can both pass the check
    /// on PostgreSQL; the unique index then refuses the second, which is told by the field like the first check.
    private static func insert(_ user: User, on db: any Database) async throws {
        if try await User.query(on: db).filter(\.$email == user.email).first() != nil {
            throw AccountError(field: "email", key: .adminEmailTaken)
        }
        do {
            try await user.create(on: db)
        } catch {
            guard DatabaseFailure.of(error) == .duplicate else { throw error }
            throw AccountError(field: "email", key: .adminEmailTaken)
        }
    }

    /// The user when the password matches; bcrypt runs off the event loop, for unknown addresses too (timing).
    func verify(email: String, password: String) async throws -> User? {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let user = try await User.query(on: database.db).filter(\.$email == email).first()
        let matches = try await Passwords.matches(password, hash: user?.passwordHash, checks: passwordChecks)
        return matches ? user : nil
    }

    /// Admins who can still sign in: the site must always keep one.
    static func activeAdminCount(on db: any Database) async throws -> Int {
        try await User.query(on: db).filter(\.$role == .admin).filter(\.$disabledAt == nil).count()
    }

    func hasAdmin() async throws -> Bool {
        try await User.query(on: database.db).filter(\.$role == .admin).first() != nil
    }

    /// A new set-up token (only its hash is stored); printed once at start while no admin exists.
    func issueSetupToken() async throws -> String {
        try await OneTimeTokens(database: database, world: world).issue(purpose: Self.setupPurpose, lifetime: 24 * 3600)
    }

    func isValidSetupToken(_ token: String) async throws -> Bool {
        try await setupRecord(token) != nil
    }

    /// Creates the owner and spends the token in one transaction; false when the token is no good.
    func completeSetup(token: String, email: String, name: String, password: String) async throws -> User? {
        guard try await setupRecord(token) != nil, try await !hasAdmin() else { return nil }
        let user = try await newUser(email: email, name: name, role: .admin, password: password)
        let (tokenHash, now) = (Self.hash(token), world.now())
        // Checked again inside the write, under the roster lock: on PostgreSQL two set-up transactions would each
        // see no admin (read committed) and both insert one; the lock makes the second wait and then see the first.
        return try await database.write(taking: .staffRoster) { tx in
            guard
                let record = try await OneTimeToken.query(on: tx).filter(\.$tokenHash == tokenHash)
                    .filter(\.$purpose == Self.setupPurpose).first(),
                record.usedAt == nil, record.expiresAt > now,
                try await User.query(on: tx).filter(\.$role == .admin).first() == nil
            else { return nil }
            try await Self.insert(user, on: tx)
            record.usedAt = now
            try await record.update(on: tx)
            return user
        }
    }

    private func setupRecord(_ token: String) async throws -> OneTimeToken? {
        try await OneTimeTokens(database: database, world: world).usable(
            token, purpose: Self.setupPurpose, on: database.db)
    }

    /// The bcrypt hash of an acceptable password (10 characters at least; bcrypt reads 72 bytes at most), computed
    /// on its own threads.
    static func passwordHash(_ password: String) async throws -> String {
        try checkPassword(password)
        return try await PasswordHashing.pool.runIfActive { Bcrypt.hash(password, cost: 11) }
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= minimumPasswordLength, password.utf8.count <= 72 else {
            throw AccountError(field: "password", key: .adminPasswordTooShort)
        }
    }

    static func hash(_ token: String) -> String {
        TokenHash.sha256Hex(token)
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), text.count <= 254 else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," }
    }
}
