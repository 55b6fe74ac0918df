import FluentKit
import Foundation
import Hummingbird
import HummingbirdAuth

/// Loads the signed-in staff member for `/admin` requests. A database failure is a 503, never a silent
/// sign-out (CONTRACTS.md, "Sessions and limits").
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    let sessions: SessionStore
    let database: WartaDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard sessions.storage.getId(request: request) != nil else { return try await next(request, context) }
        var context = context
        let session: AccountSession?
        do {
            session = try await sessions.load(request)
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
                user = try await User.find(session.principalID, on: database.db)
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
