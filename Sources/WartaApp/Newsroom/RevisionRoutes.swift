import FluentKit
import Foundation
import Hummingbird

/// One saved version of an article, shown whole before anyone restores it: its fields, who saved it and when,
/// and its body rendered as it would be published.
struct RevisionRoutes: Sendable {
    let revisions: RevisionStore
    let settings: SettingsProvider

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/articles/:id/revisions/:revision", use: show)
    }

    @Sendable func show(_ request: Request, context: WartaContext) async throws -> Response {
        guard let articleID = UUID(uuidString: try context.parameters.require("id")),
            let revisionID = UUID(uuidString: try context.parameters.require("revision")),
            let row = try await revisions.revision(revisionID, of: articleID)
        else { throw SiteError.notFound }
        guard let staff = context.staff else { throw SiteError.forbidden }
        guard ArticleWriter.mayWork(createdBy: row.createdBy, creditedUser: row.creditedUser, staff) else {
            throw SiteError.notYourArticle
        }
        // A snapshot that no longer decodes is reported like a missing one: there is nothing to show.
        guard let draft = row.draft else { throw SiteError.notFound }
        let page = RevisionPage(
            articleID: articleID, revisionID: revisionID, version: row.version, savedAt: row.savedAt,
            savedBy: row.savedBy, draft: draft, currentVersion: row.currentVersion)
        return .html(revisionPageView(page, context.viewContext(settings.current)), cacheControl: "no-store")
    }
}
