import FluentKit
import Foundation
import SQLKit

/// Queues the daily digest: the articles of the 24 hours before a moment, to each confirmed subscriber of
/// `harian` who has not had that site day's digest. The subscribers are marked with the day in the transaction
/// that queues their mail, by one `UPDATE … RETURNING`, so two runs at once (instances, the CLI beside the worker)
/// queue each subscriber's digest once.
struct DailyDigest: Sendable {
    let services: AppServices

    /// At most this many articles in one digest, newest first.
    static let articleLimit = 50

    struct Outcome: Sendable, Equatable {
        let day: String
        let articles: Int
        let subscribers: Int
    }

    /// The site day (`yyyy-mm-dd` in the site zone) of `date`.
    static func siteDay(_ date: Date, zone: TimeZone) -> String {
        let time = CivilTime(date, in: zone)
        return Digits.padded(time.year, width: 4) + "-" + Digits.padded(time.month, width: 2) + "-"
            + Digits.padded(time.day, width: 2)
    }

    func queue(day: String, until: Date) async throws -> Outcome {
        let articles = try await self.articles(until: until)
        guard !articles.isEmpty else { return Outcome(day: day, articles: 0, subscribers: 0) }
        let list = try await NewsletterLists.named(NewsletterLists.daily, on: services.database.db)
        let mail = try await digestMail(until: until).make(articles)
        let (world, now) = (services.world, services.world.now())
        let rate = list?.ratePerMinute ?? 0
        let count = try await services.database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let recipients = try await Self.takeRecipients(day: day, now: now, on: sql)
            guard !recipients.isEmpty else { return 0 }
            try await MailOutbox.enqueue(
                mail, to: recipients, world: world, perMinute: rate > 0 ? rate : nil, on: tx)
            return recipients.count
        }
        return Outcome(day: day, articles: articles.count, subscribers: count)
    }

    /// The mail's frame for the digest ending at `until`, in the site's language.
    func digestMail(until: Date) async throws -> DigestMail {
        let site = services.site
        let l = Localizer(site.defaultLanguage)
        let list = try await NewsletterLists.named(NewsletterLists.daily, on: services.database.db)
        let dates = DateFormats(language: site.defaultLanguage, timeZone: site.timeZone)
        return DigestMail(
            siteName: site.name, date: dates.masthead(until), listName: list?.displayName(l) ?? "", localizer: l)
    }

    /// Published in (until − 24 h, until], newest first.
    func articles(until: Date) async throws -> [DigestArticle] {
        let since = until.addingTimeInterval(-86_400)
        let rows = try await services.database.sql.raw(
            """
            SELECT title, summary, slug, url_year, url_month FROM articles
            WHERE status = 'published' AND published_at > \(bind: since) AND published_at <= \(bind: until)
            ORDER BY published_at DESC, id LIMIT \(bind: Self.articleLimit)
            """
        ).all()
        let base =
            services.site.siteURL.hasSuffix("/") ? String(services.site.siteURL.dropLast()) : services.site.siteURL
        return try rows.map { row in
            let path = SitePath.article(
                year: try row.decode(column: "url_year", as: Int.self),
                month: try row.decode(column: "url_month", as: Int.self),
                slug: try row.decode(column: "slug", as: String.self)
            ).path
            return DigestArticle(
                title: try row.decode(column: "title", as: String.self),
                summary: try row.decode(column: "summary", as: String.self), url: base + path)
        }
    }

    /// Marks and returns the subscribers due `day`'s digest: confirmed, on `harian`, not suppressed.
    private static func takeRecipients(day: String, now: Date, on sql: any SQLDatabase) async throws
        -> [MailRecipient]
    {
        let rows = try await sql.raw(
            """
            UPDATE newsletter_subscribers SET last_digest_day = \(bind: day), updated_at = \(bind: now)
            WHERE confirmed_at IS NOT NULL
              AND (last_digest_day IS NULL OR last_digest_day <> \(bind: day))
              AND id IN (SELECT subscriber_id FROM newsletter_subscriptions
                WHERE list_slug = \(bind: NewsletterLists.daily) AND state = 'active')
              AND email NOT IN (SELECT address FROM mail_suppressions)
            RETURNING id, email, name
            """
        ).all()
        return try rows.map { row in
            MailRecipient(
                address: try row.decode(column: "email", as: String.self),
                // A name is one header line; an imported one with a line break must not stop the whole digest.
                name: try row.decode(column: "name", as: String?.self).map(DigestMail.oneLine),
                subscriberID: try row.decode(column: "id", as: UUID.self))
        }
    }
}
