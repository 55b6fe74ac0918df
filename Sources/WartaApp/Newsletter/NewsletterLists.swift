import FluentKit
import Foundation
import SQLKit

/// One newsletter list as readers and the sender see it.
struct NewsletterList: Sendable, Equatable {
    let slug: String
    /// Empty for a built-in list whose name is not overridden: its name is then localized.
    let name: String
    let description: String
    let isDefault: Bool
    let position: Int
    /// Messages per minute for this list's mail; 0 = as fast as the server takes them.
    let ratePerMinute: Int

    /// The name in the reader's language: a saved name wins, a built-in list falls back to its localized one.
    func displayName(_ l: Localizer) -> String {
        if !name.isEmpty { return name }
        switch slug {
        case NewsletterLists.daily: return l[.newsletterListDaily]
        case NewsletterLists.breaking: return l[.newsletterListBreaking]
        default: return slug
        }
    }

    func displayDescription(_ l: Localizer) -> String {
        if !description.isEmpty { return description }
        switch slug {
        case NewsletterLists.daily: return l[.newsletterListDailyAbout]
        case NewsletterLists.breaking: return l[.newsletterListBreakingAbout]
        default: return ""
        }
    }
}

/// The lists a reader may join: the two built-in ones (issue 12: `harian`, the daily digest and the default, and
/// `breaking`) live in code so a fresh database holds no rows; a `newsletter_lists` row adds a list or overrides a
/// built-in one's name, description or rate.
enum NewsletterLists {
    static let daily = "harian"
    static let breaking = "breaking"

    static let builtIn = [
        NewsletterList(slug: daily, name: "", description: "", isDefault: true, position: 0, ratePerMinute: 0),
        NewsletterList(slug: breaking, name: "", description: "", isDefault: false, position: 1, ratePerMinute: 0),
    ]

    /// Built-ins merged with saved rows, in `position` order.
    static func all(on db: any Database) async throws -> [NewsletterList] {
        guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        let rows = try await sql.raw(
            """
            SELECT slug, name, description, is_default, position, rate_per_minute FROM newsletter_lists
            """
        ).all()
        let saved = try rows.map { row in
            NewsletterList(
                slug: try row.decode(column: "slug", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                isDefault: try row.decode(column: "is_default", as: Bool.self),
                position: try row.decode(column: "position", as: Int.self),
                ratePerMinute: try row.decode(column: "rate_per_minute", as: Int.self))
        }
        return merge(saved)
    }

    static func merge(_ saved: [NewsletterList]) -> [NewsletterList] {
        var bySlug: [String: NewsletterList] = [:]
        for list in builtIn { bySlug[list.slug] = list }
        for list in saved { bySlug[list.slug] = list }
        return bySlug.values.sorted { ($0.position, $0.slug) < ($1.position, $1.slug) }
    }

    static func named(_ slug: String, on db: any Database) async throws -> NewsletterList? {
        try await all(on: db).first { $0.slug == slug }
    }
}
