import FluentKit
import Foundation

/// Saved versions of articles as the newsroom reads them.
struct RevisionStore: Sendable {
    let database: WartaDatabase

    /// One saved version and what deciding who may see it needs.
    struct Row: Sendable {
        let articleID: UUID
        let revisionID: UUID
        let version: Int
        let savedAt: Date
        /// The saver's display name; nil when unknown or the user is gone.
        let savedBy: String?
        /// Nil when the snapshot no longer decodes (edited by hand).
        let draft: ArticleDraft?
        let currentVersion: Int
        let createdBy: UUID?
        let creditedUser: UUID?
    }

    /// `revisionID` of `articleID`; nil when either is missing or the revision belongs to another article.
    func revision(_ revisionID: UUID, of articleID: UUID) async throws -> Row? {
        let db = database.db
        guard let article = try await Article.find(articleID, on: db),
            let revision = try await Revision.query(on: db).filter(\.$id == revisionID)
                .filter(\.$articleID == articleID).first()
        else { return nil }
        let draft = try? JSONDecoder().decode(ArticleDraft.self, from: Data(revision.snapshot.utf8))
        let savedBy = try await Self.names(of: [revision.savedBy].compactMap { $0 }, on: db)
        return Row(
            articleID: articleID, revisionID: revisionID, version: revision.version, savedAt: revision.savedAt,
            savedBy: revision.savedBy.flatMap { savedBy[$0] }, draft: draft, currentVersion: article.version,
            createdBy: article.createdBy, creditedUser: article.authorUserID)
    }

    /// Display names of staff by id, in one query; ids of deleted users are simply absent.
    static func names(of ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(users.compactMap { user in user.id.map { ($0, user.name) } }, uniquingKeysWith: { a, _ in a })
    }
}
