import FluentKit
import Foundation
import SQLKit

/// Categories and tags are created on first use by any writer; two saves naming the same new tag at once both
/// succeed and share one row (the slug is unique; the second insert does nothing).
enum Taxonomy {
    enum Kind: Sendable, Equatable {
        case category, tag

        var table: String { self == .category ? "categories" : "tags" }
    }

    static func insertCategory(id: UUID, name: String, slug: String, on db: any Database) async throws {
        try await insert(into: "categories", id: id, name: name, slug: slug, on: db)
    }

    static func insertTag(id: UUID, name: String, slug: String, on db: any Database) async throws {
        try await insert(into: "tags", id: id, name: name, slug: slug, on: db)
    }

    private static func insert(into table: String, id: UUID, name: String, slug: String, on db: any Database)
        async throws
    {
        guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        try await sql.raw(
            """
            INSERT INTO \(ident: table) (id, name, slug) VALUES (\(bind: id), \(bind: name), \(bind: slug))
            ON CONFLICT (slug) DO NOTHING
            """
        ).run()
    }

    /// Renames a category or tag, keeping its slug so links and bookmarks keep working; false when there is no such
    /// name. Every cached page may show the name, so all are dropped when the write commits.
    static func rename(_ kind: Kind, id: UUID, to name: String, cache: PageCache, on db: any Database) async throws
        -> Bool
    {
        guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        let renamed = try await sql.raw(
            "UPDATE \(ident: kind.table) SET name = \(bind: name) WHERE id = \(bind: id) RETURNING id"
        ).first()
        guard renamed != nil else { return false }
        try await CacheEvent.publish([.taxonomyChanged], to: cache, on: db)
        return true
    }

    /// Deletes a category or tag; its articles stay and only lose the label. False when there is no such name.
    static func delete(_ kind: Kind, id: UUID, cache: PageCache, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        switch kind {
        case .category:
            try await sql.raw("UPDATE articles SET category_id = NULL WHERE category_id = \(bind: id)").run()
        case .tag:
            try await sql.raw("DELETE FROM article_tags WHERE tag_id = \(bind: id)").run()
        }
        let deleted = try await sql.raw("DELETE FROM \(ident: kind.table) WHERE id = \(bind: id) RETURNING id").first()
        guard deleted != nil else { return false }
        try await CacheEvent.publish([.taxonomyChanged], to: cache, on: db)
        return true
    }
}
