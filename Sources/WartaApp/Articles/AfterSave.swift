import FluentKit
import SQLKit

/// What one save of an article changed, for the steps that run after it.
struct ArticleChange: Sendable {
    let article: Article
    /// Published before this save (false for a new article).
    let wasPublished: Bool
    /// The public address before this save, if it had one.
    let previousPath: String?

    var isPublished: Bool { article.status == .published }
}

/// Work that follows every save of an article, in the save's transaction, after the article row, its tags and its
/// revision are written: create, edit, publish, unpublish, scheduled publishing and imports all pass through
/// `ArticleWriter.afterSave`. Search, feeds, sitemaps and ingest add their steps to that list.
protocol AfterSaveStep: Sendable {
    func run(_ change: ArticleChange, on db: any Database) async throws
}

extension ArticleWriter {
    /// In order: the tag lists' copy of status and time, related lists (computed at publish time, DESIGN.md §4),
    /// then the page-cache drops, which must see everything else already written.
    var afterSave: [any AfterSaveStep] {
        [
            RelistTags(), RefreshRelatedLists(world: world), DropCachedPages(cache: cache),
            DropTranslationSiblings(cache: cache),
        ]
    }

    func runAfterSave(_ change: ArticleChange, on db: any Database) async throws {
        for step in afterSave { try await step.run(change, on: db) }
    }
}

/// `article_tags.listed_at` follows the article's status and time (`TagListing`).
struct RelistTags: AfterSaveStep {
    func run(_ change: ArticleChange, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        try await TagListing.refresh(articleID: change.article.requireID(), on: sql)
    }
}

/// This article's related list and its neighbours', when it is or was public.
struct RefreshRelatedLists: AfterSaveStep {
    let world: World

    func run(_ change: ArticleChange, on db: any Database) async throws {
        guard change.wasPublished || change.isPublished, let sql = db as? any SQLDatabase else { return }
        try await RelatedArticles(world: world).refreshAround(try change.article.requireID(), on: sql)
    }
}

/// The cached pages the save makes stale, here after the commit and on every instance (`CacheEvent`).
struct DropCachedPages: AfterSaveStep {
    let cache: PageCache

    func run(_ change: ArticleChange, on db: any Database) async throws {
        let events = CacheEvent.articleSaved(
            wasPublished: change.wasPublished, isPublished: change.isPublished, path: change.article.publicPath,
            previousPath: change.previousPath)
        try await CacheEvent.publish(events, to: cache, on: db)
    }
}
