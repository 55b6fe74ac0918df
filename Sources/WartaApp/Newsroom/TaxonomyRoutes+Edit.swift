import FluentKit
import Foundation
import Hummingbird
import SQLKit

/// Renaming and deleting categories and tags (editors and admins). A rename keeps the slug, so links and
/// bookmarks keep working; a delete keeps the articles, which only lose the label.
extension TaxonomyRoutes {
    func addEditing(to group: RouterGroup<WartaContext>) {
        group.post("/categories/:id/rename") { _, context in try await rename(.category, context) }
        group.post("/categories/:id/delete") { _, context in try await delete(.category, context) }
        group.post("/tags/:id/rename") { _, context in try await rename(.tag, context) }
        group.post("/tags/:id/delete") { _, context in try await delete(.tag, context) }
    }

    private func rename(_ kind: Kind, _ context: WartaContext) async throws -> Response {
        let id = try editableID(context)
        let l = Localizer(context.uiLanguage)
        let name = context.form["name"].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !Slug.make(from: name).isEmpty else {
            return try await names(kind, context, message: l[.adminFieldRequired], status: .unprocessableContent)
        }
        guard name.count <= 100 else {
            return try await names(
                kind, context, message: l(.errorTooLong, ["limit": "100"]), status: .unprocessableContent)
        }
        let cache = services.cache
        let found = try await services.database.write { tx -> Bool in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let table: SQLQueryString = kind == .category ? "categories" : "tags"
            let renamed = try await sql.raw(
                "UPDATE \(table) SET name = \(bind: name) WHERE id = \(bind: id) RETURNING id"
            ).first()
            guard renamed != nil else { return false }
            // Every page may show the name (article meta lines, lists, related ranking is unaffected).
            try await CacheEvent.publish([.taxonomyChanged], to: cache, on: tx)
            return true
        }
        guard found else { throw SiteError.notFound }
        return .redirect(kind == .category ? "/admin/categories" : "/admin/tags")
    }

    private func delete(_ kind: Kind, _ context: WartaContext) async throws -> Response {
        let id = try editableID(context)
        let cache = services.cache
        let found = try await services.database.write { tx -> Bool in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            switch kind {
            case .category:
                try await sql.raw("UPDATE articles SET category_id = NULL WHERE category_id = \(bind: id)").run()
                guard
                    try await sql.raw("DELETE FROM categories WHERE id = \(bind: id) RETURNING id").first() != nil
                else { return false }
            case .tag:
                try await sql.raw("DELETE FROM article_tags WHERE tag_id = \(bind: id)").run()
                guard try await sql.raw("DELETE FROM tags WHERE id = \(bind: id) RETURNING id").first() != nil
                else { return false }
            }
            try await CacheEvent.publish([.taxonomyChanged], to: cache, on: tx)
            return true
        }
        guard found else { throw SiteError.notFound }
        return .redirect(kind == .category ? "/admin/categories" : "/admin/tags")
    }

    /// The id in the path, for a user allowed to change the taxonomy (authors may only add).
    private func editableID(_ context: WartaContext) throws -> UUID {
        guard let role = context.staff?.role, role != .author else { throw SiteError.forbidden }
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw SiteError.notFound }
        return id
    }
}
