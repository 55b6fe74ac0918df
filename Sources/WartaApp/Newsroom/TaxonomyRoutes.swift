import Foundation
import Hummingbird

/// Categories and tags: a list, an add form, and rename and delete for editors and admins.
struct TaxonomyRoutes: Sendable {
    let list: TaxonomyList
    let store: TaxonomyStore
    let settings: SettingsProvider

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/categories") { try await list(.category, $0, $1) }
        group.post("/categories") { _, context in try await addName(.category, context) }
        group.get("/tags") { try await list(.tag, $0, $1) }
        group.post("/tags") { _, context in try await addName(.tag, context) }
        addEditing(to: group)
    }

    /// The list for `GET /admin/categories` and `/admin/tags`: `?q=` finds names containing a fragment, `?page=N`.
    func list(_ kind: Taxonomy.Kind, _ request: Request, _ context: WartaContext) async throws -> Response {
        let asked = try AdminListRequest(request, searchLimit: 100)
        let query = TaxonomyList.Query(kind: kind, search: asked.search, page: asked.page)
        return try await names(query, context, message: nil)
    }

    func names(_ kind: Taxonomy.Kind, _ context: WartaContext, message: String?, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await names(TaxonomyList.Query(kind: kind), context, message: message, status: status)
    }

    private func names(
        _ query: TaxonomyList.Query, _ context: WartaContext, message: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (rows, hasMore) = try await list.rows(query)
        let page = TaxonomyListPage(
            query: query, rows: rows, hasMore: hasMore, canEdit: context.staff?.role != .author, message: message)
        let html = taxonomyListView(page, context.viewContext(settings.current))
        return .html(html, status: status, cacheControl: "no-store")
    }

    private func addName(_ kind: Taxonomy.Kind, _ context: WartaContext) async throws -> Response {
        let name = context.form["name"].trimmingCharacters(in: .whitespacesAndNewlines)
        let slug = Slug.make(from: name)
        if let problem = problem(name: name, slug: slug, context) {
            return try await names(kind, context, message: problem, status: .unprocessableContent)
        }
        try await store.add(kind, name: name, slug: slug)
        return .redirect(TaxonomyList.Query(kind: kind).base)
    }

    /// What is wrong with a new or changed name, in the reader's language; nil when it will do.
    func problem(name: String, slug: String, _ context: WartaContext) -> String? {
        let l = Localizer(context.uiLanguage)
        guard !name.isEmpty, !slug.isEmpty else { return l[.adminFieldRequired] }
        guard name.count <= 100 else { return l(.errorTooLong, ["limit": "100"]) }
        return nil
    }
}
