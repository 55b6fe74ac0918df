import FluentKit
import SQLKit

/// The editor lists an article's revisions newest first, and a conflict or a restore reads one version; with no index
/// on `revisions` each of those scanned the whole table (issue 10, part 4). Not unique: rows written before it are
/// not checked for duplicates, and a migration must not fail on a site's history.
struct IndexRevisionsByArticleVersion: AsyncMigration {
    var name: String { "0022_index_revisions_by_article_version" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        try await sql.create(index: "revisions_article_version").on("revisions").column("article_id").column("version")
            .run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        try await sql.drop(index: "revisions_article_version").run()
    }
}
