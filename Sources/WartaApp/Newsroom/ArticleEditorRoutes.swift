import FluentKit
import Foundation
import Hummingbird
import WartaMarkup

/// The article list, the editor (save, preview, workflow actions) and revision restore.
struct ArticleEditorRoutes: Sendable {
    let queries: ArticleEditorQueries
    let list: AdminArticleList
    /// Writes go through `database.write` with the writer; built per use, as the site's time zone is live.
    let database: WartaDatabase
    let makeWriter: @Sendable () -> ArticleWriter
    let settings: SettingsProvider

    var writer: ArticleWriter { makeWriter() }
    var site: SiteSettings { settings.current }

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/articles", use: articles)
        group.get("/articles/new", use: newArticle)
        group.post("/articles", use: create)
        group.get("/articles/:id", use: edit)
        group.post("/articles/:id", use: save)
        group.post("/articles/:id/restore", use: restore)
        group.get("/articles/:id/delete", use: confirmDelete)
        group.post("/articles/:id/delete", use: delete)
    }

    @Sendable func articles(_ request: Request, context: WartaContext) async throws -> Response {
        let status = request.uri.queryParameters["status"].flatMap { ArticleStatus(rawValue: String($0)) }
        let asked = try AdminListRequest(request, searchLimit: 200)
        let (search, page) = (asked.search, asked.page)
        let found = try await list.page(
            page, status: status, titleContains: search)
        var list = AdminArticleListPage(
            rows: found.rows, status: status, search: search, page: page, hasMore: found.hasMore,
            viewer: context.staff)
        if request.uri.queryParameters["deleted"] != nil { list.notice = .adminArticleDeleted }
        let view = context.viewContext(site)
        return .html(articleListView(list, view), cacheControl: "no-store")
    }

    @Sendable func newArticle(_ request: Request, context: WartaContext) async throws -> Response {
        var draft = ArticleDraft()
        draft.language = site.defaultLanguage.rawValue
        draft.editorName = context.staff?.name ?? ""
        let state = EditorState(draft: draft, status: .draft, version: 0)
        return try await editor(state, context)
    }

    @Sendable func create(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try requireStaff(context)
        var state = try EditorState(
            form: context.form, dates: dates(context), defaultLanguage: site.defaultLanguage.rawValue)
        guard state.action != .preview, state.problems.isEmpty else { return try await editor(state, context) }
        do {
            let target = state.action.targetStatus ?? .draft
            fillEditor(&state.draft, target, staff)
            let draft = state.draft
            let article = try await database.write(taking: .relatedLists) { tx in
                try await writer.create(draft, status: target, by: staff, on: tx)
            }
            return .redirect(SitePath.adminArticle(try article.requireID()).path + "?saved=1")
        } catch let error as ArticleWriter.WriteError {
            return try await editor(state.failed(error), context)
        }
    }

    @Sendable func edit(_ request: Request, context: WartaContext) async throws -> Response {
        let article = try await article(context)
        var state = try await queries.state(of: article)
        state.notice = request.uri.queryParameters["saved"] != nil ? .adminSaved : nil
        if request.uri.queryParameters["restored"] != nil { state.notice = .adminRevisionRestored }
        return try await editor(state, context)
    }

    @Sendable func save(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try requireStaff(context)
        let article = try await article(context)
        let id = try article.requireID()
        var state = try EditorState(
            form: context.form, dates: dates(context), defaultLanguage: site.defaultLanguage.rawValue)
        state.articleID = id
        state.status = article.status
        state.publicPath = article.publicPath
        guard state.action != .preview, state.problems.isEmpty else { return try await editor(state, context) }
        do {
            let target = state.action.targetStatus
            fillEditor(&state.draft, target ?? article.status, staff)
            let (draft, version) = (state.draft, state.version)
            _ = try await database.write(taking: .relatedLists) { tx in
                try await writer.update(id: id, draft, expectedVersion: version, status: target, by: staff, on: tx)
            }
            return .redirect(SitePath.adminArticle(id).path + "?saved=1")
        } catch let error as ArticleWriter.WriteError {
            var failed = state.failed(error)
            // The form takes the latest version: one more save from this page puts her text in (issue 10).
            if case .conflict = error, let current = try await queries.article(id) {
                failed = try await queries.rebased(failed, on: current)
            }
            return try await editor(failed, context)
        }
    }

    @Sendable func restore(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try requireStaff(context)
        let article = try await article(context)
        let id = try article.requireID()
        guard let revisionID = UUID(uuidString: context.form["revision"]),
            let draft = try await queries.snapshot(revisionID, of: id),
            let version = Int(context.form["version"])
        else { throw SiteError.badRequest }
        do {
            _ = try await database.write(taking: .relatedLists) { tx in
                try await writer.update(id: id, draft, expectedVersion: version, status: nil, by: staff, on: tx)
            }
        } catch let error as ArticleWriter.WriteError {
            // Read again: a conflict means a newer save than the one this request started from.
            let current = try await queries.article(id) ?? article
            return try await editor(try await queries.state(of: current).failed(error), context)
        }
        return .redirect(SitePath.adminArticle(id).path + "?restored=1")
    }

    /// Asks first: deleting cannot be undone. Articles once published are never offered for deletion.
    @Sendable func confirmDelete(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try requireStaff(context)
        let article = try await storedArticle(context)
        let refusal = ArticleWriter.deletionRefusal(article, by: staff)
        return deletePage(article, version: article.version, problem: refusal.map(Self.deleteProblem), context)
    }

    @Sendable func delete(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try requireStaff(context)
        let article = try await storedArticle(context)
        let id = try article.requireID()
        guard let version = Int(context.form["version"]) else { throw SiteError.badRequest }
        do {
            try await database.write(taking: .relatedLists) { tx in
                try await writer.delete(id: id, expectedVersion: version, by: staff, on: tx)
            }
        } catch let error as ArticleWriter.WriteError {
            let current = try await queries.article(id) ?? article
            return deletePage(current, version: current.version, problem: Self.deleteProblem(error), context)
        }
        return .redirect("/admin/articles?deleted=1")
    }

    private static func deleteProblem(_ error: ArticleWriter.WriteError) -> L10nKey {
        switch error {
        case .notAllowed: .errorNotAllowed
        case .conflict: .errorDeleteChanged
        default: .errorNotDeletable
        }
    }

    private func deletePage(_ article: Article, version: Int, problem: L10nKey?, _ context: WartaContext) -> Response {
        let view = context.viewContext(site)
        let status: HTTPResponse.Status =
            switch problem {
            case nil: .ok
            case .errorNotAllowed: .forbidden
            default: .conflict
            }
        let html = deleteArticleView(article, version: version, problem: problem, view)
        return .html(html, status: status, cacheControl: "no-store")
    }

    /// The editor field defaults to the name of the user who publishes.
    private func fillEditor(_ draft: inout ArticleDraft, _ status: ArticleStatus, _ staff: StaffIdentity) {
        if draft.editorName.isEmpty, [.published, .scheduled].contains(status) { draft.editorName = staff.name }
    }

    private func editor(_ state: EditorState, _ context: WartaContext) async throws -> Response {
        var state = state
        if let id = state.articleID { state.revisions = try await queries.history(of: id) }
        state.categories = try await queries.categoryNames()
        if state.action == .preview { state.preview = MarkdownRenderer.render(state.draft.bodyMarkdown) }
        let view = context.viewContext(site)
        return .html(articleEditorView(state, view), status: state.httpStatus, cacheControl: "no-store")
    }

    /// The article at `:id` if the signed-in user may work on it: an author gets a colleague's article refused.
    private func article(_ context: WartaContext) async throws -> Article {
        let article = try await storedArticle(context)
        guard ArticleWriter.mayWork(on: article, try requireStaff(context)) else { throw SiteError.notYourArticle }
        return article
    }

    private func storedArticle(_ context: WartaContext) async throws -> Article {
        guard let id = UUID(uuidString: try context.parameters.require("id")),
            let article = try await queries.article(id)
        else { throw SiteError.notFound }
        return article
    }

    private func requireStaff(_ context: WartaContext) throws -> StaffIdentity {
        guard let staff = context.staff else { throw SiteError.forbidden }
        return staff
    }

    private func dates(_ context: WartaContext) -> DateFormats {
        DateFormats(language: context.uiLanguage, timeZone: site.timeZone)
    }
}
