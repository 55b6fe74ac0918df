import FluentKit
import Foundation
import SQLKit
import WartaMarkup

/// Creates and changes articles: validation, slugs, taxonomy, revisions and the publishing workflow, then the
/// after-save steps (`afterSave`). The newsroom, `warta import`, `warta demo` and the job worker all write through it.
struct ArticleWriter: Sendable {
    let database: WartaDatabase
    let cache: PageCache
    let world: World
    let timeZone: TimeZone

    enum WriteError: Error, Equatable {
        case problems([ArticleDraft.Problem])
        /// Someone saved a newer version since the editor opened it.
        case conflict(currentVersion: Int)
        case notFound
        case notAllowed
        /// Once public, an article keeps its URL: it is unpublished, not deleted.
        case notDeletable
    }

    /// Saves a new article with its first revision. `publishedAt` is used for `published` and `scheduled`.
    func create(
        _ input: ArticleDraft, status: ArticleStatus, by staff: StaffIdentity?, on db: any Database
    ) async throws -> Article {
        var draft = input
        draft.normalize()
        try await validate(draft, articleID: nil, on: db)
        let now = world.now()
        let article = Article()
        article.id = world.newID()
        article.status = .draft
        article.version = 1
        article.createdAt = now
        article.createdBy = staff?.id
        try await apply(draft, to: article, on: db)
        try await setStatus(status, of: article, publishAt: draft.publishAt, by: staff)
        article.updatedAt = now
        try await article.create(on: db)
        try await saveTags(draft.tags, of: article, on: db)
        try await saveRevision(of: article, draft: draft, by: staff, on: db)
        try await runAfterSave(.init(article: article, wasPublished: false, previousPath: nil), on: db)
        return article
    }

    /// Saves an edit if `expectedVersion` is still current; never overwrites a newer save.
    func update(
        id: UUID, _ input: ArticleDraft, expectedVersion: Int, status: ArticleStatus?, by staff: StaffIdentity,
        on db: any Database
    ) async throws -> Article {
        guard let article = try await Article.find(id, on: db) else { throw WriteError.notFound }
        guard Self.mayWork(on: article, staff) else { throw WriteError.notAllowed }
        guard article.version == expectedVersion else { throw WriteError.conflict(currentVersion: article.version) }
        if staff.role == .author, [.published, .scheduled].contains(article.status) { throw WriteError.notAllowed }
        var draft = input
        draft.normalize()
        try await validate(draft, articleID: id, on: db)
        let oldPath = article.publicPath
        let oldSlug = article.slug
        let oldStatus = article.status
        try await apply(draft, to: article, on: db)
        if let status { try await setStatus(status, of: article, publishAt: draft.publishAt, by: staff) }
        article.version = expectedVersion + 1
        article.updatedAt = world.now()
        // Claim the next version atomically: of two concurrent saves of one version, only one matches a row.
        guard let sql = db as? any SQLDatabase,
            try await sql.raw(
                "UPDATE articles SET version = \(bind: expectedVersion + 1) WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id"
            ).first() != nil
        else { throw WriteError.conflict(currentVersion: expectedVersion + 1) }
        try await article.update(on: db)
        if oldSlug != article.slug, oldPath != nil,
            try await OldSlug.query(on: db).filter(\.$slug == oldSlug).first() == nil
        {
            try await OldSlug(id: world.newID(), articleID: id, slug: oldSlug).create(on: db)
        }
        try await ArticleTag.query(on: db).filter(\.$articleID == id).delete()
        try await saveTags(draft.tags, of: article, on: db)
        try await saveRevision(of: article, draft: draft, by: staff, on: db)
        try await runAfterSave(
            .init(article: article, wasPublished: oldStatus == .published, previousPath: oldPath), on: db)
        return article
    }

    /// Deletes an article that was never public, with its revisions and tags. Authors delete only articles they
    /// started; a newer save than the one the user confirmed on wins (conflict).
    func delete(id: UUID, expectedVersion: Int, by staff: StaffIdentity, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, let article = try await Article.find(id, on: db) else {
            throw WriteError.notFound
        }
        guard article.version == expectedVersion else { throw WriteError.conflict(currentVersion: article.version) }
        if let refusal = Self.deletionRefusal(article, by: staff) { throw refusal }
        // Children first and by hand: the same on both engines, whatever SQLite's foreign-key setting.
        try await ArticleTag.query(on: db).filter(\.$articleID == id).delete()
        try await Revision.query(on: db).filter(\.$articleID == id).delete()
        try await OldSlug.query(on: db).filter(\.$articleID == id).delete()
        try await sql.raw("DELETE FROM article_related WHERE article_id = \(bind: id) OR related_id = \(bind: id)")
            .run()
        guard
            try await sql.raw(
                "DELETE FROM articles WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id"
            ).first() != nil
        else { throw WriteError.conflict(currentVersion: expectedVersion + 1) }
    }

    /// Why `staff` may not delete `article`, or nil when they may: it must never have been public, and an author
    /// may delete only an article they started.
    static func deletionRefusal(_ article: Article, by staff: StaffIdentity) -> WriteError? {
        guard article.isNeverPublished else { return .notDeletable }
        guard staff.role == .author else { return nil }
        return article.createdBy == staff.id ? nil : .notAllowed
    }

    /// Editors and admins work on every article; an author only on articles they started or that credit them
    /// (the author credit names their staff account), as in most newsrooms: a colleague's draft is not theirs.
    static func mayWork(on article: Article, _ staff: StaffIdentity) -> Bool {
        mayWork(createdBy: article.createdBy, creditedUser: article.authorUserID, staff)
    }

    static func mayWork(createdBy: UUID?, creditedUser: UUID?, _ staff: StaffIdentity) -> Bool {
        staff.role != .author || createdBy == staff.id || creditedUser == staff.id
    }

    /// Publishes every scheduled article whose time has come; returns how many went live.
    func publishDue(on db: any Database) async throws -> Int {
        let now = world.now()
        let due = try await Article.query(on: db).filter(\.$status == .scheduled).filter(\.$publishedAt <= now).all()
        for article in due {
            article.status = .published
            fixURLMonth(of: article)
            article.version += 1
            article.updatedAt = now
            try await article.update(on: db)
            try await runAfterSave(.init(article: article, wasPublished: false, previousPath: nil), on: db)
        }
        return due.count
    }

    private func validate(_ draft: ArticleDraft, articleID: UUID?, on db: any Database) async throws {
        var problems = draft.problems()
        if !draft.slug.isEmpty, problems.allSatisfy({ $0.field != .slug }) {
            let clash = try await Article.query(on: db).filter(\.$slug == draft.slug).first()
            let oldClash = try await OldSlug.query(on: db).filter(\.$slug == draft.slug).first()
            if let clash, clash.id != articleID {
                problems.append(.init(field: .slug, key: .errorSlugTaken))
            } else if let oldClash, oldClash.articleID != articleID {
                problems.append(.init(field: .slug, key: .errorSlugTaken))
            }
        }
        if !problems.isEmpty { throw WriteError.problems(problems) }
    }

    private func apply(_ draft: ArticleDraft, to article: Article, on db: any Database) async throws {
        article.slug = draft.slug
        article.language = draft.language
        article.title = draft.title
        article.summary = draft.summary
        article.bodyMarkdown = draft.bodyMarkdown
        article.bodyHTML = MarkdownRenderer.render(draft.bodyMarkdown).html
        article.bodyHTMLRevision = Sanitizer.revision
        article.authorCredit = draft.authorCredit
        article.authorSlug = Slug.make(from: draft.authorCredit)
        article.authorUserID = try await User.query(on: db).filter(\.$name == draft.authorCredit).first()?.id
        article.editorName = draft.editorName
        article.sourceName = draft.sourceName
        article.sourceURL = draft.sourceURL
        article.originalLanguage = draft.originalLanguage
        article.originalURL = draft.originalURL
        article.translator = draft.translator
        article.translationGroup = draft.translationGroup
        article.categoryID = draft.category.isEmpty ? nil : try await category(named: draft.category, on: db).id
    }

    /// The workflow: authors may only keep drafts and ask for review; editors and admins do the rest.
    private func setStatus(_ status: ArticleStatus, of article: Article, publishAt: Date?, by staff: StaffIdentity?)
        async throws
    {
        let now = world.now()
        if let staff, staff.role == .author, ![.draft, .review].contains(status) { throw WriteError.notAllowed }
        switch status {
        case .draft, .review, .unpublished:
            if status != .unpublished, article.status == .scheduled { article.publishedAt = nil }
        case .scheduled:
            guard let publishAt else {
                throw WriteError.problems([.init(field: .publishAt, key: .errorPublishAtRequired)])
            }
            article.publishedAt = publishAt
            if publishAt <= now {
                article.status = .published
                fixURLMonth(of: article)
                return
            }
        case .published:
            // "Publish" with a time still ahead means "at that time": the article waits as scheduled.
            if let publishAt, publishAt > now, article.urlYear == nil {
                article.publishedAt = publishAt
                article.status = .scheduled
                return
            }
            if article.publishedAt == nil || article.status == .scheduled { article.publishedAt = publishAt ?? now }
            if let publishAt, article.urlYear == nil { article.publishedAt = publishAt }
            fixURLMonth(of: article)
        }
        article.status = status
    }

    /// The URL's year and month come from the first publication and never change after.
    private func fixURLMonth(of article: Article) {
        guard article.urlYear == nil, let publishedAt = article.publishedAt else { return }
        let (year, month) = DateFormats(language: .id, timeZone: timeZone).yearMonth(publishedAt)
        article.urlYear = year
        article.urlMonth = month
    }

    private func category(named name: String, on db: any Database) async throws -> Category {
        let slug = Slug.make(from: name)
        if let existing = try await Category.query(on: db).filter(\.$slug == slug).first() { return existing }
        try await Taxonomy.insertCategory(id: world.newID(), name: name, slug: slug, on: db)
        guard let saved = try await Category.query(on: db).filter(\.$slug == slug).first() else {
            throw WriteError.notFound
        }
        return saved
    }

    private func saveTags(_ names: [String], of article: Article, on db: any Database) async throws {
        let articleID = try article.requireID()
        var seen: Set<String> = []
        for name in names {
            let slug = Slug.make(from: name)
            guard !slug.isEmpty, seen.insert(slug).inserted else { continue }
            var tag = try await Tag.query(on: db).filter(\.$slug == slug).first()
            if tag == nil {
                try await Taxonomy.insertTag(id: world.newID(), name: name, slug: slug, on: db)
                tag = try await Tag.query(on: db).filter(\.$slug == slug).first()
            }
            guard let tagID = tag?.id else { throw WriteError.notFound }
            try await ArticleTag(id: world.newID(), articleID: articleID, tagID: tagID).create(on: db)
        }
    }

    private func saveRevision(of article: Article, draft: ArticleDraft, by staff: StaffIdentity?, on db: any Database)
        async throws
    {
        let revision = Revision()
        revision.id = world.newID()
        revision.articleID = try article.requireID()
        revision.version = article.version
        revision.snapshot = String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)
        revision.savedBy = staff?.id
        revision.savedAt = world.now()
        try await revision.create(on: db)
    }
}
