import FluentKit
import Foundation

/// The newsroom's people as admins manage them: who they are, their roles, passwords and whether they may sign
/// in. Changes that could leave the site without an active admin are counted inside the write, in turn.
struct StaffRoster: Sendable {
    let database: WartaDatabase
    let world: World

    /// One user as the users screen lists them.
    struct Row: Sendable, Equatable {
        let id: UUID
        let name: String
        let email: String
        let role: Role
        let isActive: Bool
    }

    /// What a role change or switch-off did.
    enum Outcome: Sendable, Equatable {
        case changed(name: String)
        /// Refused: it would leave the site without an active admin.
        case lastAdmin
    }

    /// Everyone, by name.
    func users() async throws -> [Row] {
        try await User.query(on: database.db).sort(\.$name).all().compactMap { user in
            user.id.map { Row(id: $0, name: user.name, email: user.email, role: user.role, isActive: user.isActive) }
        }
    }

    /// Adds a user with a temporary password, returned to be shown once; throws `StaffAccounts.AccountError`.
    func add(email: String, name: String, role: Role) async throws -> String {
        let password = RandomToken.make(byteCount: 12)
        _ = try await StaffAccounts(database: database, world: world).create(
            email: email, name: name, role: role, password: password)
        return password
    }

    /// Admins change roles; the last active admin cannot be demoted. Nil when there is no such user.
    func changeRole(of id: UUID, to role: Role) async throws -> Outcome? {
        try await database.write(taking: .staffRoster) { tx -> Outcome? in
            guard let user = try await User.find(id, on: tx) else { return nil }
            if user.role == .admin, user.isActive, role != .admin, try await StaffAccounts.activeAdminCount(on: tx) <= 1
            {
                return .lastAdmin
            }
            user.role = role
            try await user.update(on: tx)
            return .changed(name: user.name)
        }
    }

    /// Switches an account on or off; off ends its sessions at once. The last active admin stays on. Nil when there
    /// is no such user.
    func setActive(_ active: Bool, id: UUID) async throws -> Outcome? {
        let now = world.now()
        return try await database.write(taking: .staffRoster) { tx -> Outcome? in
            guard let user = try await User.find(id, on: tx) else { return nil }
            if !active, user.role == .admin, user.isActive, try await StaffAccounts.activeAdminCount(on: tx) <= 1 {
                return .lastAdmin
            }
            user.disabledAt = active ? nil : (user.disabledAt ?? now)
            try await user.update(on: tx)
            if !active { try await SessionStore.endAll(.staff, of: id, on: tx) }
            return .changed(name: user.name)
        }
    }

    /// A forgotten password: a new temporary one, returned with the user's name to be shown once; the user's
    /// sessions end. Nil when there is no such user.
    func resetPassword(of id: UUID) async throws -> (name: String, password: String)? {
        let password = RandomToken.make(byteCount: 12)
        guard let name = try await setPassword(password, of: id) else { return nil }
        return (name, password)
    }

    /// Sets an acceptable password (`StaffAccounts.passwordHash`) and ends every session of the user; returns their
    /// name, nil when there is no such user.
    func setPassword(_ password: String, of id: UUID) async throws -> String? {
        let hash = try await StaffAccounts.passwordHash(password)
        return try await database.write { tx -> String? in
            guard let user = try await User.find(id, on: tx) else { return nil }
            user.passwordHash = hash
            try await user.update(on: tx)
            try await SessionStore.endAll(.staff, of: id, on: tx)
            return user.name
        }
    }

    /// Ends every session of the user, on every device.
    func endSessions(of id: UUID) async throws {
        try await database.write { tx in try await SessionStore.endAll(.staff, of: id, on: tx) }
    }
}
