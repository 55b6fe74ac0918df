import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth

/// Who a session belongs to: a newsroom user, or (with the readers feature) a reader.
enum PrincipalKind: String, Codable, Sendable, CaseIterable {
    case staff, reader
}

/// What a session holds. The CSRF token lives here so every form can be checked against it.
struct AccountSession: Codable, Sendable, Equatable {
    let kind: PrincipalKind
    let principalID: UUID
    let csrfToken: String
}

/// Sign-in state for one kind of principal on HummingbirdAuth's `SessionStorage` with the database driver. Every
/// kind uses the one `warta_session` cookie (the page cache skips requests that carry it); the storage key is
/// prefixed with the kind, so a staff session is never loaded as a reader's.
struct SessionStore: Sendable {
    static let cookieName = "warta_session"
    static let sessionCookiePrefix = cookieName + "="
    static let lifetimeSeconds: TimeInterval = 12 * 3600

    let kind: PrincipalKind
    let storage: SessionStorage<AccountSession>
    let driver: DatabasePersistDriver

    init(kind: PrincipalKind, database: WartaDatabase, world: World, secureCookies: Bool) {
        self.kind = kind
        driver = DatabasePersistDriver(database: database, world: world)
        let cookie = SessionCookieParameters(name: Self.cookieName, path: "/", secure: secureCookies, sameSite: .lax)
        storage = SessionStorage(
            driver, configuration: .init(sessionCookieParameters: cookie, keyPrefix: kind.keyPrefix))
    }

    /// A new session for the principal; the cookie is HttpOnly, SameSite=Lax, Secure on https (CONTRACTS.md).
    /// The session this browser had before (`request`'s cookie, of any kind) ends first: a sign-in never leaves
    /// an older session alive under a cookie the browser no longer holds, and a planted session id is worthless.
    func start(for principalID: UUID, csrfToken: String, replacing request: Request?) async throws -> Cookie {
        if let request, let oldID = storage.getId(request: request) {
            try await driver.remove(keys: PrincipalKind.allCases.map { $0.keyPrefix + oldID })
        }
        let cookie = try await storage.save(
            session: AccountSession(kind: kind, principalID: principalID, csrfToken: csrfToken),
            expiresIn: .seconds(Int64(Self.lifetimeSeconds)))
        return Cookie(
            name: cookie.name, value: cookie.value, expires: cookie.expires, path: "/", secure: cookie.secure,
            httpOnly: true, sameSite: .lax)
    }

    /// The request's session of this kind; nil without a cookie, for an unknown or expired key, or for a row in
    /// an older format. Database errors are thrown, so callers answer 503 rather than sign anyone out.
    func load(_ request: Request) async throws -> AccountSession? {
        guard storage.getId(request: request) != nil else { return nil }
        let session: AccountSession?
        do {
            session = try await storage.load(request: request)
        } catch let error as SessionStorage<AccountSession>.Error where error == .sessionInvalidType {
            return nil
        }
        return session?.kind == kind ? session : nil
    }

    /// Ends the request's session, if any; the cookie that clears it in the browser.
    func end(_ request: Request) async throws -> Cookie? {
        guard storage.getId(request: request) != nil else { return nil }
        return try await storage.delete(request: request)
    }

    /// Ends every session of one principal, on every device (inside the caller's write).
    static func endAll(_ kind: PrincipalKind, of principalID: UUID, on db: any Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$principal == kind).filter(\.$userID == principalID).delete()
    }
}

extension PrincipalKind {
    var keyPrefix: String { rawValue + "." }
}
