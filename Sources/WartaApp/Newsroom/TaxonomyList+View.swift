import Foundation

/// What a category or tag list page shows.
struct TaxonomyListPage: Sendable {
    let query: TaxonomyList.Query
    let rows: [TaxonomyList.Row]
    let hasMore: Bool
    /// Editors and admins rename and delete; authors only add.
    let canEdit: Bool
    /// The add form's problem, shown by its field.
    let message: String?
}

func taxonomyListView(_ page: TaxonomyListPage, _ context: ViewContext) -> String {
    let (query, rows) = (page.query, page.rows)
    let l = context.localizer
    let heading = query.kind == .category ? l[.adminCategories] : l[.adminTags]
    return AdminLayout(title: heading, context: context).render { html in
        html.element("h1", text: heading)
        html.element("form", [Attribute("method", "get"), Attribute("action", query.base)]) { form in
            textField(&form, label: l[.adminFindName], name: "q", value: query.search, type: "search")
            form.element("p", [.class("actions")]) { $0.element("button", [.type("submit")], text: l[.adminFind]) }
        }
        if rows.isEmpty, !query.search.isEmpty || query.page > 1 { html.element("p", text: l[.adminNoMatches]) }
        html.element("ul", [.class("names")]) { list in
            for row in rows {
                list.element("li") { item in
                    item.element("a", [.href(row.path)], text: row.name)
                    item.text(" · " + l(.adminArticleCount, ["count": "\(row.articleCount)"]))
                    if page.canEdit { nameEditor(row, base: query.base, context, &item) }
                }
            }
        }
        html.pager(
            page: query.page, hasMore: page.hasMore, path: { query.path(page: $0) }, back: l[.pagePrevious],
            forward: l[.pageNext])
        html.element("h2", text: query.kind == .category ? l[.adminAddCategory] : l[.adminAddTag])
        html.element("form", [Attribute("method", "post"), Attribute("action", query.base)]) { form in
            csrfField(&form, context)
            textField(&form, label: l[.adminName], name: "name", value: "", error: page.message, required: true)
            form.element("p", [.class("actions")]) {
                $0.element("button", [.type("submit")], text: l[.actionCreate])
            }
        }
    }
}

/// Rename and delete, folded into a `<details>` so the list stays short; works without JavaScript.
private func nameEditor(_ row: TaxonomyList.Row, base: String, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    let target = base + "/" + row.id.uuidString.lowercased()
    html.element("details") { details in
        details.element("summary", text: l[.adminEdit])
        details.element("form", [Attribute("method", "post"), Attribute("action", target + "/rename")]) { form in
            csrfField(&form, context)
            form.open(
                "input",
                [
                    .type("text"), .name("name"), .value(row.name), Attribute("aria-label", l[.adminName]),
                    .flag("required"),
                ])
            form.element("button", [.type("submit")], text: l[.actionRename])
        }
        details.element("form", [Attribute("method", "post"), Attribute("action", target + "/delete")]) { form in
            csrfField(&form, context)
            form.element("small", text: l[.adminDeleteKeepsArticles])
            form.element("button", [.type("submit"), .class("danger")], text: l[.actionDelete])
        }
    }
}
