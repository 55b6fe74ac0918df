import Foundation
import Hummingbird

/// Renaming and deleting categories and tags (editors and admins). A rename keeps the slug, so links and
/// bookmarks keep working; a delete keeps the articles, which only lose the label.
extension TaxonomyRoutes {
    func addEditing(to group: RouterGroup<WartaContext>) {
        group.post("/categories/:id/rename") { _, context in try await rename(.category, context) }
        group.post("/categories/:id/delete") { _, context in try await delete(.category, context) }
        group.post("/tags/:id/rename") { _, context in try await rename(.tag, context) }
        group.post("/tags/:id/delete") { _, context in try await delete(.tag, context) }
    }

    private func rename(_ kind: Taxonomy.Kind, _ context: WartaContext) async throws -> Response {
        let id = try editableID(context)
        let name = context.form["name"].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = problem(name: name, slug: Slug.make(from: name), context) {
            return try await names(kind, context, message: problem, status: .unprocessableContent)
        }
        guard try await store.rename(kind, id: id, to: name) else { throw SiteError.notFound }
        return .redirect(TaxonomyList.Query(kind: kind).base)
    }

    private func delete(_ kind: Taxonomy.Kind, _ context: WartaContext) async throws -> Response {
        let id = try editableID(context)
        guard try await store.delete(kind, id: id) else { throw SiteError.notFound }
        return .redirect(TaxonomyList.Query(kind: kind).base)
    }

    /// The id in the path, for a user allowed to change the taxonomy (authors may only add).
    private func editableID(_ context: WartaContext) throws -> UUID {
        guard let role = context.staff?.role, role != .author else { throw SiteError.forbidden }
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw SiteError.notFound }
        return id
    }
}
