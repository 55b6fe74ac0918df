import FluentKit
import SQLKit

/// The newsroom's article list is newest-edit first, with and without a status filter; without these indexes
/// it sorted the whole table (a full scan of ~1 GB at 100,000 articles on SQLite).
struct IndexArticlesByUpdate: AsyncMigration {
    var name: String { "0013_index_articles_by_update" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "articles_updated").on("articles").column("updated_at").column("id").run()
        try await sql.create(index: "articles_status_updated").on("articles").column("status").column("updated_at")
            .column("id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "articles_status_updated").run()
        try await sql.drop(index: "articles_updated").run()
    }
}
