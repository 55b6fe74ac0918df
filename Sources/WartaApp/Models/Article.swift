import FluentKit
import Foundation

public enum ArticleStatus: String, Codable, Sendable, CaseIterable {
    case draft, review, scheduled, published, unpublished
}

final class Article: Model, @unchecked Sendable {
    static let schema = "articles"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "language") var language: String
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body_markdown") var bodyMarkdown: String
    @Field(key: "body_html") var bodyHTML: String
    /// `Sanitizer.revision` when `bodyHTML` was made; nil for rows stored before it was recorded.
    @OptionalField(key: "body_html_revision") var bodyHTMLRevision: Int?
    @Field(key: "status") var status: ArticleStatus
    @Field(key: "author_credit") var authorCredit: String
    @Field(key: "author_slug") var authorSlug: String
    @OptionalField(key: "author_user_id") var authorUserID: UUID?
    /// The staff user who started the article; nil for imports and demo content (migration 0017).
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "editor_name") var editorName: String
    @Field(key: "source_name") var sourceName: String
    @Field(key: "source_url") var sourceURL: String
    @Field(key: "original_language") var originalLanguage: String
    @Field(key: "original_url") var originalURL: String
    @Field(key: "translator") var translator: String
    /// Articles with the same group tell the same story in other languages (migration 0026); nil: none.
    @OptionalField(key: "translation_group") var translationGroup: String?
    @OptionalField(key: "category_id") var categoryID: UUID?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "url_year") var urlYear: Int?
    @OptionalField(key: "url_month") var urlMonth: Int?
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class Category: Model, @unchecked Sendable {
    static let schema = "categories"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String

    init() {}

    init(id: UUID, name: String, slug: String) {
        self.id = id
        self.name = name
        self.slug = slug
    }
}

final class Tag: Model, @unchecked Sendable {
    static let schema = "tags"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String

    init() {}

    init(id: UUID, name: String, slug: String) {
        self.id = id
        self.name = name
        self.slug = slug
    }
}

final class ArticleTag: Model, @unchecked Sendable {
    static let schema = "article_tags"

    @ID(key: .id) var id: UUID?
    @Field(key: "article_id") var articleID: UUID
    @Field(key: "tag_id") var tagID: UUID

    init() {}

    init(id: UUID, articleID: UUID, tagID: UUID) {
        self.id = id
        self.articleID = articleID
        self.tagID = tagID
    }
}

/// A snapshot of an article taken on every save, for history and restore.
final class Revision: Model, @unchecked Sendable {
    static let schema = "revisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "article_id") var articleID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "snapshot") var snapshot: String
    @OptionalField(key: "saved_by") var savedBy: UUID?
    @Field(key: "saved_at") var savedAt: Date

    init() {}
}

/// A slug or URL month an article used before; requests for it answer 301.
final class OldSlug: Model, @unchecked Sendable {
    static let schema = "old_slugs"

    @ID(key: .id) var id: UUID?
    @Field(key: "article_id") var articleID: UUID
    @Field(key: "slug") var slug: String

    init() {}

    init(id: UUID, articleID: UUID, slug: String) {
        self.id = id
        self.articleID = articleID
        self.slug = slug
    }
}
