import FluentKit

/// The sanitizer revision that produced `body_html` (`Sanitizer.revision`). Pages take the stored HTML as it is when
/// it matches the running sanitizer and sanitize it again (and store it back) when it does not: existing rows start
/// out NULL and are brought up to date on their first view.
struct AddArticleBodyRevision: AsyncMigration {
    var name: String { "0015_add_article_body_revision" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles").field("body_html_revision", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("articles").deleteField("body_html_revision").update()
    }
}
