import FluentKit
import SQLKit

/// Newsletter lists, subscribers and their subscriptions, and campaigns (issue 12). A subscriber is one address;
/// each list it is on has its own state, so leaving `breaking` keeps the daily digest. The two built-in lists
/// (`harian`, `breaking`) live in code, not as seeded rows, so a fresh database holds no rows (`migrate --revert`
/// needs no `--yes`); a row here adds a list or overrides a built-in one's name, description or rate.
struct CreateNewsletters: AsyncMigration {
    var name: String { "0025_create_newsletters" }

    func prepare(on database: any Database) async throws {
        try await database.schema("newsletter_lists")
            .field("slug", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("is_default", .bool, .required)
            .field("position", .int, .required)
            // Messages per minute for this list's campaigns; 0 = as fast as the server takes them.
            .field("rate_per_minute", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("newsletter_subscribers")
            .id()
            .field("email", .string, .required)
            .field("name", .string)
            .field("confirmed_at", .datetime)
            // An unconfirmed subscriber is removed after this time (7 days after the form was sent).
            .field("pending_until", .datetime)
            .field("consent_at", .datetime)
            .field("consent_source", .string, .required)
            // The site day (yyyy-mm-dd in the site zone) of the last daily digest queued for this subscriber.
            .field("last_digest_day", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "email", name: "newsletter_subscribers_email")
            .create()
        try await database.schema("newsletter_subscriptions")
            .field("subscriber_id", .uuid, .required, .references("newsletter_subscribers", "id", onDelete: .cascade))
            .field("list_slug", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "subscriber_id", "list_slug")
            .create()
        try await database.schema("newsletter_campaigns")
            .id()
            .field("list_slug", .string, .required)
            .field("subject", .string, .required)
            .field("body_markdown", .string, .required)
            .field("article_ids", .string, .required)
            .field("state", .string, .required)
            .field("scheduled_at", .datetime)
            .field("queued_at", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "newsletter_subscriptions_list_state").on("newsletter_subscriptions")
            .column("list_slug").column("state").run()
        try await sql.create(index: "newsletter_subscribers_pending").on("newsletter_subscribers")
            .column("pending_until").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("newsletter_campaigns").delete()
        try await database.schema("newsletter_subscriptions").delete()
        try await database.schema("newsletter_subscribers").delete()
        try await database.schema("newsletter_lists").delete()
    }
}
