import Crypto
import Foundation
import Hummingbird

/// Every newsroom form carries a `csrf` field. Signed in, it must match the session's token; signed out
/// (sign-in and set-up forms) it must match the `warta_csrf` cookie, which is signed with the site secret so a
/// cookie planted from elsewhere is not accepted. A mismatch is a 403.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WartaContext
    static let cookieName = "warta_csrf"
    static let fieldName = "csrf"
    let world: World
    let secret: SiteSecret
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var newCookie: String?
        if context.csrfToken == nil {
            if let cookie = request.cookies[Self.cookieName]?.value,
                let token = try await secret.verify(String(cookie), purpose: "csrf"), token.count >= 16
            {
                context.csrfToken = token
            } else {
                let token = world.randomToken()
                context.csrfToken = token
                newCookie = token
            }
        }
        if request.method == .post {
            let form = try await FormData.read(request, context: context)
            guard let expected = context.csrfToken, newCookie == nil, Self.equal(form[Self.fieldName], expected) else {
                throw SiteError.forbidden
            }
            context.form = form
            return try await next(request, context)
        }
        var response = try await next(request, context)
        if let newCookie {
            let value = try await secret.sign(newCookie, purpose: "csrf")
            response.setCookie(
                Cookie(
                    name: Self.cookieName, value: value, path: "/admin", secure: secureCookies, httpOnly: true,
                    sameSite: .lax))
        }
        return response
    }

    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
