import Foundation
import HTTPTypes
import Hummingbird

/// The check a public form on a cached page makes instead of a CSRF token (CONTRACTS.md, "Public forms on cached
/// pages"): a POST whose `Origin` or `Sec-Fetch-Site` names another site is refused. A request with neither header
/// (an old browser, curl) passes: it cannot have been sent by a page elsewhere on a browser that sends neither.
enum SameSiteCheck {
    private static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")

    /// True when the request came from this site (or says nothing). `Origin` is this site when it is the
    /// configured public origin or names the host the request was sent to (the site reached under another name,
    /// e.g. `localhost`, is still itself).
    static func isSameSite(_ request: Request, siteURL: String) -> Bool {
        if let fetchSite = secFetchSite.flatMap({ request.headers[$0] })?.lowercased(),
            !["same-origin", "same-site", "none"].contains(fetchSite)
        {
            return false
        }
        guard let origin = request.headers[.origin] else { return true }
        return isSameOrigin(origin, siteURL: siteURL, host: request.head.authority)
    }

    static func isSameOrigin(_ origin: String, siteURL: String, host: String?) -> Bool {
        let origin = origin.trimmingCharacters(in: .whitespaces).lowercased()
        guard origin != "null", let url = URL(string: origin), let scheme = url.scheme,
            ["http", "https"].contains(scheme), let originHost = url.host
        else { return false }
        let authority = url.port.map { "\(originHost):\($0)" } ?? originHost
        if let site = URL(string: siteURL.lowercased()), site.scheme == scheme, site.host == originHost,
            site.port ?? defaultPort(scheme) == url.port ?? defaultPort(scheme)
        {
            return true
        }
        guard let host = host?.lowercased() else { return false }
        return host == authority || host == "\(authority):\(defaultPort(scheme))"
            || "\(host):\(defaultPort(scheme))" == authority
    }

    private static func defaultPort(_ scheme: String) -> Int { scheme == "https" ? 443 : 80 }
}
