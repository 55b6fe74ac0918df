import Foundation
import SQLKit

/// Reads and writes of campaigns, their outbox counts and the articles they may carry. Plain structs out.
struct CampaignStore: Sendable {
    let database: WartaDatabase
    let world: World

    static let listLimit = 50
    static let pickerLimit = 20

    func find(_ id: UUID) async throws -> CampaignRow? {
        try await Self.rows(
            on: try database.sql, where: "WHERE id = \(bind: id)"
        ).first
    }

    /// The newest campaigns first.
    func recent() async throws -> [CampaignRow] {
        try await Self.rows(
            on: try database.sql, where: "ORDER BY created_at DESC, id DESC LIMIT \(bind: Self.listLimit)")
    }

    static func rows(on sql: any SQLDatabase, where clause: SQLQueryString) async throws -> [CampaignRow] {
        try await sql.raw(
            """
            SELECT id, list_slug, subject, body_markdown, article_ids, state, scheduled_at, queued_at, created_at
            FROM newsletter_campaigns \(clause)
            """
        ).all().compactMap { row -> CampaignRow? in
            guard let state = CampaignState(rawValue: try row.decode(column: "state", as: String.self)) else {
                return nil
            }
            return CampaignRow(
                id: try row.decode(column: "id"), listSlug: try row.decode(column: "list_slug"),
                subject: try row.decode(column: "subject"), bodyMarkdown: try row.decode(column: "body_markdown"),
                articleIDs: Self.articleIDs(fromJSON: try row.decode(column: "article_ids")), state: state,
                scheduledAt: try row.decode(column: "scheduled_at", as: Date?.self),
                queuedAt: try row.decode(column: "queued_at", as: Date?.self),
                createdAt: try row.decode(column: "created_at"))
        }
    }

    /// Outbox rows per campaign and state, and unsubscribes, for `ids` (the index on campaign_id, state).
    func counts(_ ids: [UUID]) async throws -> [UUID: CampaignCounts] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw(
            """
            SELECT campaign_id, state, COUNT(*) AS n,
              SUM(CASE WHEN unsubscribed_at IS NULL THEN 0 ELSE 1 END) AS unsubscribed
            FROM mail_outbox WHERE campaign_id IN (\(binds: ids)) AND kind = \(bind: MailKind.campaign.rawValue)
            GROUP BY campaign_id, state
            """
        ).all()
        var counts: [UUID: CampaignCounts] = [:]
        for row in rows {
            let id = try row.decode(column: "campaign_id", as: UUID.self)
            guard let state = OutboxState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            counts[id, default: .init()].byState[state, default: 0] += try row.decode(column: "n", as: Int.self)
            counts[id, default: .init()].unsubscribed += try row.decode(column: "unsubscribed", as: Int?.self) ?? 0
        }
        return counts
    }

    /// Active subscriptions per list.
    func activeCounts() async throws -> [String: Int] {
        let rows = try await database.sql.raw(
            """
            SELECT list_slug, COUNT(*) AS n FROM newsletter_subscriptions WHERE state = 'active' GROUP BY list_slug
            """
        ).all()
        var counts: [String: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "list_slug", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Published articles for the picker: the newest, or those whose title contains `search`.
    func publishedArticles(search: String, siteURL: String) async throws -> [CampaignArticle] {
        let filter: SQLQueryString = search.isEmpty ? "" : " AND " + database.contains("title", search)
        return try await articles(
            where: "status = 'published'\(filter) ORDER BY published_at DESC, id DESC LIMIT \(bind: Self.pickerLimit)",
            siteURL: siteURL)
    }

    /// The published articles among `ids`, in the order of `ids`; unpublished or unknown ones are left out.
    func articles(ids: [UUID], siteURL: String) async throws -> [CampaignArticle] {
        guard !ids.isEmpty else { return [] }
        let found = try await articles(where: "status = 'published' AND id IN (\(binds: ids))", siteURL: siteURL)
        return ids.compactMap { id in found.first { $0.id == id } }
    }

    private func articles(where clause: SQLQueryString, siteURL: String) async throws -> [CampaignArticle] {
        let base = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        return try await database.sql.raw(
            """
            SELECT id, title, summary, slug, url_year, url_month, published_at FROM articles WHERE \(clause)
            """
        ).all().compactMap { row -> CampaignArticle? in
            guard let year = try row.decode(column: "url_year", as: Int?.self),
                let month = try row.decode(column: "url_month", as: Int?.self),
                let published = try row.decode(column: "published_at", as: Date?.self)
            else { return nil }
            let path = SitePath.article(year: year, month: month, slug: try row.decode(column: "slug")).path
            return CampaignArticle(
                id: try row.decode(column: "id"), title: try row.decode(column: "title"),
                summary: try row.decode(column: "summary"), url: base + path, publishedAt: published)
        }
    }

    static func articleIDs(fromJSON text: String) -> [UUID] {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return strings.compactMap(UUID.init(uuidString:))
    }

    static func json(_ ids: [UUID]) -> String {
        let strings = ids.map { $0.uuidString.lowercased() }
        guard let data = try? JSONEncoder().encode(strings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
