import FluentKit
import SQLKit

/// The mail outbox (issue 12): one row per message to one recipient, claimed in batches with a lease like jobs.
/// A body is shared by every recipient of one mail (a campaign to 100,000 readers stores its text once); what
/// differs per recipient (the unsubscribe link) is filled in at send time from the row.
struct CreateMailOutbox: AsyncMigration {
    var name: String { "0024_create_mail_outbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema("mail_bodies")
            .id()
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string)
            .field("list_slug", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("mail_outbox")
            .id()
            .field("body_id", .uuid, .required, .references("mail_bodies", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("recipient_name", .string)
            .field("subscriber_id", .uuid)
            .field("campaign_id", .uuid)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("run_at", .datetime, .required)
            .field("lease_until", .datetime)
            .field("claimed_by", .string)
            .field("last_error", .string)
            .field("queued_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("unsubscribed_at", .datetime)
            .create()
        try await database.schema("mail_suppressions")
            .field("address", .string, .identifier(auto: false))
            .field("reason", .string, .required)
            .field("detail", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("mail_soft_bounces")
            .field("address", .string, .identifier(auto: false))
            .field("count", .int, .required)
            .field("last_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Claims read due rows by state and time; campaign screens count rows by campaign and state.
        try await sql.create(index: "mail_outbox_state_run_at").on("mail_outbox").column("state").column("run_at")
            .run()
        try await sql.create(index: "mail_outbox_campaign_state").on("mail_outbox").column("campaign_id")
            .column("state").run()
        try await sql.create(index: "mail_outbox_body").on("mail_outbox").column("body_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("mail_soft_bounces").delete()
        try await database.schema("mail_suppressions").delete()
        try await database.schema("mail_outbox").delete()
        try await database.schema("mail_bodies").delete()
    }
}
