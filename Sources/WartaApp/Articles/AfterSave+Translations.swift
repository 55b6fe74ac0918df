import FluentKit
import SQLKit

/// The other language versions of a saved public article list it in their hreflang links: their cached pages
/// go too. (Pages of a group the article just left keep the old link until they expire, at most 10 minutes.)
struct DropTranslationSiblings: AfterSaveStep {
    let cache: PageCache

    func run(_ change: ArticleChange, on db: any Database) async throws {
        guard change.wasPublished || change.isPublished, let group = change.article.translationGroup,
            let sql = db as? any SQLDatabase
        else { return }
        let rows = try await sql.raw(
            """
            SELECT a.slug, a.url_year, a.url_month FROM articles a
            WHERE a.translation_group = \(bind: group) AND a.status = 'published'
            AND a.id <> \(bind: change.article.requireID()) LIMIT 50
            """
        ).all()
        let events: [CacheEvent] = try rows.compactMap { row in
            guard let year = try row.decode(column: "url_year", as: Int?.self),
                let month = try row.decode(column: "url_month", as: Int?.self)
            else { return nil }
            let path = SitePath.article(year: year, month: month, slug: try row.decode(column: "slug")).path
            return .articleEdited(path: path, previousPath: nil)
        }
        try await CacheEvent.publish(events, to: cache, on: db)
    }
}
