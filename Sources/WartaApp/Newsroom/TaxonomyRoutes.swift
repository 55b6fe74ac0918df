import FluentKit
import Foundation
import Hummingbird
import SQLKit

/// Categories and tags: a list, an add form, and rename and delete for editors and admins.
struct TaxonomyRoutes: Sendable {
    let services: AppServices
    var db: any Database { services.database.db }

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/categories") { _, context in try await names(.category, context, message: nil) }
        group.post("/categories") { _, context in try await addName(.category, context) }
        group.get("/tags") { _, context in try await names(.tag, context, message: nil) }
        group.post("/tags") { _, context in try await addName(.tag, context) }
        addEditing(to: group)
    }

    enum Kind { case category, tag }

    struct NameRow {
        let id: UUID
        let name: String
        let path: String
    }

    /// Rename and delete, folded into a `<details>` so the list stays short; works without JavaScript.
    private func nameEditor(_ row: NameRow, base: String, _ view: ViewContext, _ html: inout HTML) {
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

    func names(_ kind: Kind, _ context: WartaContext, message: String?, status: HTTPResponse.Status = .ok)
        async throws
        -> Response
    {
        let rows: [NameRow] =
            switch kind {
            case .category:
                try await Category.query(on: db).sort(\.$name).all().compactMap { category in
                    category.id.map {
                        NameRow(id: $0, name: category.name, path: SitePath.category(category.slug).path)
                    }
                }
            case .tag:
                try await Tag.query(on: db).sort(\.$name).all().compactMap { tag in
                    tag.id.map { NameRow(id: $0, name: tag.name, path: SitePath.tag(tag.slug).path) }
                }
            }
        let usage = try await articleCounts(kind)
        let view = context.viewContext(services.site)
        let l = view.localizer
        let heading = kind == .category ? l[.adminCategories] : l[.adminTags]
        let action = kind == .category ? "/admin/categories" : "/admin/tags"
        let html = AdminLayout(title: heading, context: view).render { html in
            html.element("h1", text: heading)
            let canEdit = context.staff?.role != .author
            html.element("ul", [.class("names")]) { list in
                for row in rows {
                    list.element("li") { item in
                        item.element("a", [.href(row.path)], text: row.name)
                        item.text(" · " + l(.adminArticleCount, ["count": "\(usage[row.id] ?? 0)"]))
                        if canEdit { nameEditor(row, base: action, view, &item) }
                    }
                }
            }
            html.element("form", [Attribute("method", "post"), Attribute("action", action)]) { form in
                csrfField(&form, view)
                textField(&form, label: l[.adminName], name: "name", value: "", error: message, required: true)
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit")], text: l[.actionCreate])
                }
            }
        }
        return .html(html, status: status, cacheControl: "no-store")
    }

    /// How many articles (any status) carry each label: what renaming or deleting it would touch.
    private func articleCounts(_ kind: Kind) async throws -> [UUID: Int] {
        let query: SQLQueryString =
            switch kind {
            case .category:
                "SELECT category_id AS id, COUNT(*) AS n FROM articles WHERE category_id IS NOT NULL GROUP BY category_id"
            case .tag: "SELECT tag_id AS id, COUNT(*) AS n FROM article_tags GROUP BY tag_id"
            }
        var counts: [UUID: Int] = [:]
        for row in try await services.database.sql.raw(query).all() {
            counts[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
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
