import Foundation
import Hummingbird
import SQLKit

/// What a newsroom list page was asked for: `?q=` (a fragment to find, trimmed and cut to `searchLimit`
/// characters) and `?page=N` (1…100,000; anything else is a bad request).
struct AdminListRequest {
    let search: String
    let page: Int

    init(_ request: Request, searchLimit: Int) throws {
        search = String(String(request.uri.queryParameters["q"] ?? "").prefix(searchLimit))
            .trimmingCharacters(in: .whitespaces)
        let rawPage = request.uri.queryParameters["page"].map(String.init) ?? "1"
        guard let page = Int(rawPage), (1...100_000).contains(page) else { throw SiteError.badRequest }
        self.page = page
    }

    /// A list's address for another page: `base?filters…&q=…&page=N`, leaving out what is empty or 1.
    static func path(_ base: String, filters: [String] = [], search: String, page: Int) -> String {
        var query = filters
        if !search.isEmpty { query.append("q=" + SitePath.queryEncoded(search)) }
        if page > 1 { query.append("page=\(page)") }
        return base + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }
}

extension WartaDatabase {
    /// `column` contains `fragment`, ignoring case on both engines; LIKE's own wildcards are removed from the
    /// fragment, so it is matched literally.
    func contains(_ column: SQLQueryString, _ fragment: String) -> SQLQueryString {
        let pattern = "%" + fragment.filter { $0 != "%" && $0 != "_" && $0 != "\\" } + "%"
        let like: SQLQueryString = isPostgres ? "ILIKE" : "LIKE"
        return "\(column) \(like) \(bind: pattern)"
    }
}
