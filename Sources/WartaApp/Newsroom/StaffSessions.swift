import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth

/// What a newsroom session holds. The CSRF token lives here so every form can be checked against it.
struct StaffSession: Codable, Sendable {
    let userID: UUID
    let csrfToken: String
}

/// Newsroom sign-in state on HummingbirdAuth's `SessionStorage` with the database driver.
struct StaffSessions: Sendable {
    static let cookieName = "warta_session"
    static let sessionCookiePrefix = cookieName + "="
    static let lifetimeSeconds: TimeInterval = 12 * 3600

    let storage: SessionStorage<StaffSession>
    let driver: DatabasePersistDriver

    init(database: WartaDatabase, world: World, secureCookies: Bool) {
        driver = DatabasePersistDriver(database: database, world: world)
        let cookie = SessionCookieParameters(name: Self.cookieName, path: "/", secure: secureCookies, sameSite: .lax)
        storage = SessionStorage(driver, configuration: .init(sessionCookieParameters: cookie, keyPrefix: "staff."))
    }

    /// A new session for the user; the cookie is HttpOnly, SameSite=Lax, Secure on https (CONTRACTS.md).
    func start(for userID: UUID, csrfToken: String) async throws -> Cookie {
        let cookie = try await storage.save(
            session: StaffSession(userID: userID, csrfToken: csrfToken),
            expiresIn: .seconds(Int64(Self.lifetimeSeconds)))
        return Cookie(
            name: cookie.name, value: cookie.value, expires: cookie.expires, path: "/", secure: cookie.secure,
            httpOnly: true, sameSite: .lax)
    }

    /// Ends every session of one user, on every device (inside the caller's write).
    static func endAll(of userID: UUID, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$userID == userID).delete()
    }
}

/// Loads the signed-in staff member for `/admin` requests. A database failure is a 503, never a silent
/// sign-out (CONTRACTS.md, "Sessions and limits").
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    let sessions: StaffSessions
    let database: WartaDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard sessions.storage.getId(request: request) != nil else { return try await next(request, context) }
        var context = context
        let session: StaffSession?
        do {
            session = try await sessions.storage.load(request: request)
        } catch let error as SessionStorage<StaffSession>.Error where error == .sessionInvalidType {
            session = nil
        } catch {
            // An unreachable store is a 503, never a silent sign-out; any other error is a bug (a logged 500).
            guard DatabaseFailure.of(error) == .unavailable else { throw error }
            context.logger.error(
                "session store unavailable", metadata: ["error": "\(DatabaseFailure.logDescription(of: error))"])
            throw SiteError.databaseUnavailable
        }
        if let session {
            let user: User?
            do {
                user = try await User.find(session.userID, on: database.db)
            } catch {
                guard DatabaseFailure.of(error) == .unavailable else { throw error }
                throw SiteError.databaseUnavailable
            }
            // A switched-off account is signed out at once, even if ending its sessions had not reached this one.
            if let user, user.isActive, let id = user.id {
                context.staff = StaffIdentity(id: id, name: user.name, email: user.email, role: user.role)
                context.csrfToken = session.csrfToken
            }
        }
        return try await next(request, context)
    }
}
