import Foundation
import SQLKit

/// The lists campaigns can go to: the two built-in ones (`harian`, the daily digest and the default, and
/// `breaking`) and the rows of `newsletter_lists`, which add lists or override a built-in one's name and rate.
///
/// A stand-in for the `NewsletterLists` the newsletter feature owns: when both are merged this should read
/// through it instead of keeping its own copy of the built-ins.
enum CampaignLists {
    static let defaultSlug = "harian"
    static let builtIn = [
        CampaignList(slug: "harian", name: "Harian", ratePerMinute: 0),
        CampaignList(slug: "breaking", name: "Breaking", ratePerMinute: 0),
    ]

    static func all(on sql: any SQLDatabase) async throws -> [CampaignList] {
        let rows = try await sql.raw(
            "SELECT slug, name, rate_per_minute FROM newsletter_lists ORDER BY position, slug"
        ).all().map { row in
            CampaignList(
                slug: try row.decode(column: "slug", as: String.self), name: try row.decode(column: "name"),
                ratePerMinute: try row.decode(column: "rate_per_minute", as: Int.self))
        }
        let stored = Set(rows.map(\.slug))
        return builtIn.filter { !stored.contains($0.slug) } + rows
    }
}
