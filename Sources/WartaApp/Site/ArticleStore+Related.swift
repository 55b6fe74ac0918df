import Foundation
import SQLKit

extension ArticleStore {
    /// Up to `limit` published articles ranked by shared tags (2 points each) and same category (1 point), then
    /// by recency; too few overlaps are filled with the newest articles. One query; category candidates are capped
    /// so a busy category cannot turn it into a table scan. The search issue replaces this ranking.
    func related(to article: ArticleRow, limit: Int = 5) async throws -> [ArticleSummaryRow] {
        let id = article.id
        let rows = try await database.sql.raw(
            """
            SELECT \(Self.summaryColumns), c.score AS score FROM (
              SELECT article_id, SUM(score) AS score FROM (
                SELECT t2.article_id AS article_id, 2 AS score FROM article_tags t1
                  JOIN article_tags t2 ON t2.tag_id = t1.tag_id
                  WHERE t1.article_id = \(bind: id) AND t2.article_id <> \(bind: id)
                UNION ALL
                SELECT r.id AS article_id, 1 AS score FROM (
                  SELECT id FROM articles WHERE category_id = \(bind: article.categoryID) AND status = 'published'
                    AND id <> \(bind: id) ORDER BY published_at DESC LIMIT 200) r
              ) candidates GROUP BY article_id
            ) c JOIN articles a ON a.id = c.article_id
            WHERE a.status = 'published'
            ORDER BY c.score DESC, a.published_at DESC LIMIT \(bind: limit)
            """
        ).all()
        var related = try rows.compactMap(Self.summary)
        if related.count < limit {
            let newest = try await latest(page: 1).rows
            let known = Set(related.map(\.path)).union([article.path])
            related += newest.filter { !known.contains($0.path) }
        }
        return Array(related.prefix(limit))
    }
}
