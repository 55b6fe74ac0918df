import FluentKit
import Foundation

/// The lists campaigns can go to, read through `NewsletterLists` (built-ins merged with `newsletter_lists` rows),
/// with the newsroom's fixed names for built-in lists whose name is not overridden.
enum CampaignLists {
    static let defaultSlug = NewsletterLists.daily
    static let builtInNames = [NewsletterLists.daily: "Harian", NewsletterLists.breaking: "Breaking"]

    static func all(on db: any Database) async throws -> [CampaignList] {
        try await NewsletterLists.all(on: db).map { list in
            CampaignList(
                slug: list.slug, name: list.name.isEmpty ? builtInNames[list.slug] ?? list.slug : list.name,
                ratePerMinute: list.ratePerMinute)
        }
    }
}
