import FluentKit
import Foundation

/// What the editor screens read: the article, its history, the category names, a revision's snapshot.
struct ArticleEditorQueries: Sendable {
    let database: WartaDatabase
    var db: any Database { database.db }

    func article(_ id: UUID) async throws -> Article? {
        try await Article.find(id, on: db)
    }

    /// The editor's state for the stored article (its fields, tags and category as names).
    func state(of article: Article) async throws -> EditorState {
        try await EditorState(article: article, on: db)
    }

    /// A failed save's state moved onto the latest version, with what changed since (the 409 page).
    func rebased(_ state: EditorState, on current: Article) async throws -> EditorState {
        try await state.rebased(on: current, on: db)
    }

    /// The newest 50 saves, each with its saver's name.
    func history(of articleID: UUID) async throws -> [RevisionRow] {
        let revisions = try await Revision.query(on: db).filter(\.$articleID == articleID)
            .sort(\.$version, .descending).limit(50).all()
        let names = try await RevisionStore.names(of: revisions.compactMap(\.savedBy), on: db)
        return revisions.compactMap { revision in
            revision.id.map {
                RevisionRow(
                    id: $0, version: revision.version, savedAt: revision.savedAt,
                    savedBy: revision.savedBy.flatMap { names[$0] })
            }
        }
    }

    /// The fields saved in `revisionID` of `articleID`; nil when it is another article's or no longer decodes.
    func snapshot(_ revisionID: UUID, of articleID: UUID) async throws -> ArticleDraft? {
        guard
            let revision = try await Revision.query(on: db).filter(\.$id == revisionID)
                .filter(\.$articleID == articleID).first()
        else { return nil }
        return try? JSONDecoder().decode(ArticleDraft.self, from: Data(revision.snapshot.utf8))
    }

    func categoryNames() async throws -> [String] {
        try await Category.query(on: db).sort(\.$name).all().map(\.name)
    }
}
