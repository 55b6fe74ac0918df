import FluentKit
import Foundation
import SQLKit

/// Categories and tags are created on first use by any writer; two saves naming the same new tag at once both
/// succeed and share one row (the slug is unique; the second insert does nothing).
enum Taxonomy {
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
}
