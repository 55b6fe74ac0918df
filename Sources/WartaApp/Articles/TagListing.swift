import Foundation
import SQLKit

/// `article_tags.listed_at`: the article's `published_at` while it is published, NULL otherwise, so a tag's page
/// reads its order from one index (migration 0018). Copied by SQL from `articles`, so both columns hold the same
/// stored form on either engine. Every write that changes an article's tags, status or time calls `refresh`.
enum TagListing {
    private static let publishedAt: SQLQueryString = """
        (SELECT a.published_at FROM articles a WHERE a.id = article_tags.article_id AND a.status = 'published')
        """

    static let refreshAll: SQLQueryString = "UPDATE article_tags SET listed_at = \(publishedAt)"

    static func refresh(articleID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("\(refreshAll) WHERE article_id = \(bind: articleID)").run()
    }

    /// One page of a tag's list, newest first with the id breaking ties like the other lists, and one row more.
    /// The inner query pages through the index alone (tag, time, article: nothing else is read), so a deep page
    /// costs index steps; only the page's own rows are joined. The status is checked again, so a copy gone stale
    /// could only shorten a page, never show an unpublished article.
    static func pageQuery(tagID: UUID, page: Int) -> SQLQueryString {
        """
        SELECT \(ArticleStore.summaryColumns) FROM (
          SELECT article_id, listed_at FROM article_tags
          WHERE tag_id = \(bind: tagID) AND listed_at IS NOT NULL
          ORDER BY listed_at DESC, article_id LIMIT \(bind: ArticleStore.pageSize + 1)
          OFFSET \(bind: ArticleStore.offset(of: page))
        ) t JOIN articles a ON a.id = t.article_id
        WHERE a.status = 'published'
        ORDER BY t.listed_at DESC, t.article_id
        """
    }
}
