import Foundation
import Logging
import SQLKit
import WartaMarkup

extension ArticleStore {
    /// The article at `/{year}/{month}/{slug}`, or where it lives now (an old slug or month), or nothing.
    /// One indexed read brings the article, its category, its tags and its stored related list (as JSON arrays
    /// from correlated subqueries): each query is a round trip to SQLite's blocking pool or to PostgreSQL.
    func publishedArticle(year: Int, month: Int, slug: String) async throws -> Lookup {
        let sql = try database.sql
        let columns = Self.pageColumns(postgres: sql.dialect.name == "postgresql")
        var found = try await pageRow(slug: slug, columns: columns, tables: Self.pageTables)
        if found == nil {
            found = try await sql.raw(
                """
                SELECT \(columns) FROM old_slugs o JOIN articles a ON a.id = o.article_id
                LEFT JOIN categories c ON c.id = a.category_id
                WHERE o.slug = \(bind: slug) AND a.status = 'published'
                """
            ).first()
        }
        guard let found, var row = try Self.articleRow(found) else {
            return try await isWithdrawn(year: year, month: month, slug: slug, on: sql) ? .withdrawn : .missing
        }
        guard row.slug == slug, row.urlYear == year, row.urlMonth == month else { return .moved(row.path) }
        if !row.storedBodyIsCurrent { await storeBody(of: row) }
        if let group = row.translationGroup { row.alternates = try await translations(in: group, on: sql) }
        guard !row.hasStoredRelated else { return .found(row) }
        // Published before lists were stored (or loaded in bulk): compute it once, now, outside the write turn.
        let related = RelatedArticles(world: world)
        let (ids, articleID) = (try await related.ranking(for: row.id, categoryID: row.categoryID, on: sql), row.id)
        try await database.write(taking: .relatedLists) { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await related.store(ids, for: articleID, on: sql)
        }
        return .found(row.with(related: try await related.stored(for: row.id, on: sql) ?? []))
    }

    /// Stores the body as sanitized for this page view, so later views take it as it is. A save in between has
    /// stored a body of the current revision itself and wins. Only a saving: when the write fails (a long lock
    /// held by another process, a full disk) the reader still gets the page and a later view tries again.
    private func storeBody(of row: ArticleRow) async {
        let revision = Sanitizer.revision
        do {
            try await database.write { tx in
                guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
                try await sql.raw(
                    """
                    UPDATE articles SET body_html = \(bind: row.body.html), body_html_revision = \(bind: revision)
                    WHERE id = \(bind: row.id)
                    AND (body_html_revision IS NULL OR body_html_revision <> \(bind: revision))
                    """
                ).run()
            }
        } catch {
            database.logger.warning(
                "could not store a re-sanitized article body; it is sanitized again on the next view",
                metadata: ["article": "\(row.id)", "error": "\(String(reflecting: error))"])
        }
    }

    /// An unpublished article at exactly this address: readers of an old link learn it was withdrawn.
    private func isWithdrawn(year: Int, month: Int, slug: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            """
            SELECT a.id FROM articles a WHERE a.slug = \(bind: slug) AND a.status = 'unpublished'
            AND a.url_year = \(bind: year) AND a.url_month = \(bind: month)
            """
        ).first() != nil
    }

    private static let pageTables: SQLQueryString = "articles a LEFT JOIN categories c ON c.id = a.category_id"

    private static func pageColumns(postgres: Bool) -> SQLQueryString {
        "\(unsafeRaw: pageColumnsText(postgres: postgres))"
    }

    /// The page's columns as fixed SQL text (no binds), so PostgreSQL can keep the query as a prepared statement.
    /// Body last: on SQLite it sits in overflow pages, read only after the narrow columns.
    static func pageColumnsText(postgres: Bool) -> String {
        let tags =
            postgres
            ? "COALESCE(json_agg(json_build_array(t.name, t.slug) ORDER BY t.name), '[]')::text"
            : "json_group_array(json_array(t.name, t.slug) ORDER BY t.name)"
        let related =
            postgres
            ? """
            COALESCE(json_agg(json_build_array(r.title, r.language, r.slug, r.url_year::text, r.url_month::text,
              r.status) ORDER BY s.slot), '[]')::text
            """
            : """
            json_group_array(json_array(r.title, r.language, r.slug, CAST(r.url_year AS TEXT),
              CAST(r.url_month AS TEXT), r.status) ORDER BY s.slot)
            """
        return """
            a.id, a.slug, a.language, a.title, a.summary, a.author_credit, a.author_slug, a.editor_name,
            a.source_name, a.source_url, a.original_language, a.original_url, a.translator, a.category_id,
            a.published_at, a.created_at, a.updated_at, a.author_user_id, a.translation_group, a.url_year,
            a.url_month, c.name AS category_name, c.slug AS category_slug,
            (SELECT \(tags) FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id) AS tags_json,
            (SELECT \(related) FROM article_related s JOIN articles r ON r.id = s.related_id
              WHERE s.article_id = a.id) AS related_json,
            a.body_html_revision, a.body_html
            """
    }

    static func articleRow(_ row: any SQLRow) throws -> ArticleRow? {
        guard let year = try row.decode(column: "url_year", as: Int?.self),
            let month = try row.decode(column: "url_month", as: Int?.self)
        else { return nil }
        let slug = try row.decode(column: "slug", as: String.self)
        var category: NamedLink?
        if let name = try row.decode(column: "category_name", as: String?.self),
            let categorySlug = try row.decode(column: "category_slug", as: String?.self)
        {
            category = NamedLink(name: name, slug: categorySlug)
        }
        let tags = try StringTable.parse(try row.decode(column: "tags_json", as: String.self))
        let related = try StringTable.parse(try row.decode(column: "related_json", as: String.self))
        let bodyRevision = try row.decode(column: "body_html_revision", as: Int?.self)
        let bodyHTML = try row.decode(column: "body_html", as: String.self)
        let created = try row.decode(column: "created_at", as: Date.self)
        return ArticleRow(
            id: try row.decode(column: "id"), slug: slug, language: try row.decode(column: "language"),
            title: try row.decode(column: "title"), summary: try row.decode(column: "summary"),
            body: SanitizedHTML.stored(bodyHTML, revision: bodyRevision, policy: .article),
            storedBodyIsCurrent: bodyRevision == Sanitizer.revision,
            authorCredit: try row.decode(column: "author_credit"), authorSlug: try row.decode(column: "author_slug"),
            editorName: try row.decode(column: "editor_name"), sourceName: try row.decode(column: "source_name"),
            sourceURL: try row.decode(column: "source_url"),
            originalLanguage: try row.decode(column: "original_language"),
            originalURL: try row.decode(column: "original_url"), translator: try row.decode(column: "translator"),
            categoryID: try row.decode(column: "category_id"), category: category,
            tags: tags.compactMap(namedLink),
            related: related.compactMap(relatedLink), hasStoredRelated: !related.isEmpty,
            publishedAt: try row.decode(column: "published_at", as: Date?.self) ?? created,
            updatedAt: try row.decode(column: "updated_at", as: Date?.self) ?? created,
            isStaffCredit: try row.decode(column: "author_user_id", as: UUID?.self) != nil,
            translationGroup: try row.decode(column: "translation_group", as: String?.self),
            urlYear: year, urlMonth: month, path: SitePath.article(year: year, month: month, slug: slug).path)
    }

    /// `[name, slug]`
    private static func namedLink(_ fields: [String?]) -> NamedLink? {
        guard fields.count == 2, let name = fields[0], let slug = fields[1] else { return nil }
        return NamedLink(name: name, slug: slug)
    }

    /// `[title, language, slug, year, month, status]`; an article unpublished since the list was stored is skipped.
    private static func relatedLink(_ fields: [String?]) -> RelatedLink? {
        guard fields.count == 6, fields[5] == "published", let title = fields[0], let language = fields[1],
            let slug = fields[2], let year = fields[3].flatMap({ Int($0) }), let month = fields[4].flatMap({ Int($0) })
        else { return nil }
        return RelatedLink(
            title: title, language: language, path: SitePath.article(year: year, month: month, slug: slug).path)
    }
}
