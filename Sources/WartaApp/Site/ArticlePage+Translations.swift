import SQLKit

extension ArticleStore {
    /// The published articles of a translation group, one per language (the oldest wins a tie), for hreflang.
    func translations(in group: String, on sql: any SQLDatabase) async throws -> [RelatedLink] {
        let rows = try await sql.raw(
            """
            SELECT a.title, a.language, a.slug, a.url_year, a.url_month FROM articles a
            WHERE a.translation_group = \(bind: group) AND a.status = 'published'
            ORDER BY a.language, a.published_at, a.id LIMIT 50
            """
        ).all()
        var seen: Set<String> = []
        return try rows.compactMap { row in
            guard let year = try row.decode(column: "url_year", as: Int?.self),
                let month = try row.decode(column: "url_month", as: Int?.self)
            else { return nil }
            let language = try row.decode(column: "language", as: String.self)
            guard seen.insert(language.lowercased()).inserted else { return nil }
            return RelatedLink(
                title: try row.decode(column: "title"), language: language,
                path: SitePath.article(year: year, month: month, slug: try row.decode(column: "slug")).path)
        }
    }
}
