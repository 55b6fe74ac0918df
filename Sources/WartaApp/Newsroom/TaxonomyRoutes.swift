import FluentKit
import Foundation
import Hummingbird
import SQLKit

/// Categories and tags: a list, an add form, and rename and delete for editors and admins.
struct TaxonomyRoutes: Sendable {
    let services: AppServices
    var db: any Database { services.database.db }

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/categories") { try await list(.category, $0, $1) }
        group.post("/categories") { _, context in try await addName(.category, context) }
        group.get("/tags") { try await list(.tag, $0, $1) }
        group.post("/tags") { _, context in try await addName(.tag, context) }
        addEditing(to: group)
    }

    enum Kind { case category, tag }

    /// Rename and delete, folded into a `<details>` so the list stays short; works without JavaScript.
    private func nameEditor(_ row: TaxonomyList.Row, base: String, _ view: ViewContext, _ html: inout HTML) {
        let l = view.localizer
        let target = base + "/" + row.id.uuidString.lowercased()
        html.element("details") { details in
            details.element("summary", text: l[.adminEdit])
            details.element("form", [Attribute("method", "post"), Attribute("action", target + "/rename")]) { form in
                csrfField(&form, view)
                form.open(
                    "input",
                    [
                        .type("text"), .name("name"), .value(row.name), Attribute("aria-label", l[.adminName]),
                        .flag("required"),
                    ])
                form.element("button", [.type("submit")], text: l[.actionRename])
            }
            details.element("form", [Attribute("method", "post"), Attribute("action", target + "/delete")]) { form in
                csrfField(&form, view)
                form.element("small", text: l[.adminDeleteKeepsArticles])
                form.element("button", [.type("submit"), .class("danger")], text: l[.actionDelete])
            }
        }
    }

    /// The list for `GET /admin/categories` and `/admin/tags`: `?q=` finds names containing a fragment, `?page=N`.
    func list(_ kind: Kind, _ request: Request, _ context: WartaContext) async throws -> Response {
        let asked = try AdminListRequest(request, searchLimit: 100)
        let query = TaxonomyList.Query(kind: kind, search: asked.search, page: asked.page)
        return try await names(query, context, message: nil)
    }

    func names(_ kind: Kind, _ context: WartaContext, message: String?, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await names(TaxonomyList.Query(kind: kind), context, message: message, status: status)
    }

    private func names(
        _ query: TaxonomyList.Query, _ context: WartaContext, message: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (rows, hasMore) = try await TaxonomyList(database: services.database).rows(query)
        let view = context.viewContext(services.site)
        let l = view.localizer
        let heading = query.kind == .category ? l[.adminCategories] : l[.adminTags]
        let html = AdminLayout(title: heading, context: view).render { html in
            html.element("h1", text: heading)
            html.element("form", [Attribute("method", "get"), Attribute("action", query.base)]) { form in
                textField(&form, label: l[.adminFindName], name: "q", value: query.search, type: "search")
                form.element("p", [.class("actions")]) { $0.element("button", [.type("submit")], text: l[.adminFind]) }
            }
            if rows.isEmpty, !query.search.isEmpty || query.page > 1 { html.element("p", text: l[.adminNoMatches]) }
            let canEdit = context.staff?.role != .author
            html.element("ul", [.class("names")]) { list in
                for row in rows {
                    list.element("li") { item in
                        item.element("a", [.href(row.path)], text: row.name)
                        item.text(" · " + l(.adminArticleCount, ["count": "\(row.articleCount)"]))
                        if canEdit { nameEditor(row, base: query.base, view, &item) }
                    }
                }
            }
            html.pager(
                page: query.page, hasMore: hasMore, path: { query.path(page: $0) }, back: l[.pagePrevious],
                forward: l[.pageNext])
            html.element("h2", text: query.kind == .category ? l[.adminAddCategory] : l[.adminAddTag])
            html.element("form", [Attribute("method", "post"), Attribute("action", query.base)]) { form in
                csrfField(&form, view)
                textField(&form, label: l[.adminName], name: "name", value: "", error: message, required: true)
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit")], text: l[.actionCreate])
                }
            }
        }
        return .html(html, status: status, cacheControl: "no-store")
    }

    private func addName(_ kind: Kind, _ context: WartaContext) async throws -> Response {
        let l = Localizer(context.uiLanguage)
        let name = context.form["name"].trimmingCharacters(in: .whitespacesAndNewlines)
        let slug = Slug.make(from: name)
        guard !name.isEmpty, !slug.isEmpty else {
            return try await names(kind, context, message: l[.adminFieldRequired], status: .unprocessableContent)
        }
        guard name.count <= 100 else {
            return try await names(
                kind, context, message: l(.errorTooLong, ["limit": "100"]), status: .unprocessableContent)
        }
        switch kind {
        case .category:
            let id = services.world.newID()
            try await services.database.write { tx in
                try await Taxonomy.insertCategory(id: id, name: name, slug: slug, on: tx)
            }
            return .redirect("/admin/categories")
        case .tag:
            let id = services.world.newID()
            try await services.database.write { tx in
                try await Taxonomy.insertTag(id: id, name: name, slug: slug, on: tx)
            }
            return .redirect("/admin/tags")
        }
    }
}
