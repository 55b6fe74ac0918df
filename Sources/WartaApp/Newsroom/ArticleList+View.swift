import Foundation

func articleListView(_ list: AdminArticleListPage, _ context: ViewContext) -> String {
    let (rows, status, search) = (list.rows, list.status, list.search)
    let l = context.localizer
    return AdminLayout(title: l[.adminArticles], context: context).render { html in
        html.element("h1", text: l[.adminArticles])
        if let notice = list.notice { html.element("p", [.class("notice")], text: l[notice]) }
        html.element("p") { $0.element("a", [.href("/admin/articles/new")], text: l[.adminNewArticle]) }
        html.element("form", [Attribute("method", "get"), Attribute("action", "/admin/articles")]) { form in
            form.element("label", [Attribute("for", "status")], text: l[.adminFilterStatus])
            form.element("select", [.name("status"), .id("status")]) { select in
                select.element("option", [.value("")], text: l[.adminAllStatuses])
                for option in ArticleStatus.allCases {
                    select.element(
                        "option", [.value(option.rawValue), .flag("selected", option == status)], text: l.status(option)
                    )
                }
            }
            textField(&form, label: l[.adminFindTitle], name: "q", value: search, type: "search")
            form.element("p", [.class("actions")]) { $0.element("button", [.type("submit")], text: l[.adminFilter]) }
        }
        guard !rows.isEmpty else {
            html.element("p", text: l[.adminNoArticles])
            return
        }
        html.element("table") { table in
            table.element("thead") { head in
                head.element("tr") { row in
                    row.element("th", text: l[.adminColumnTitle])
                    row.element("th", text: l[.adminColumnStatus])
                    row.element("th", text: l[.adminColumnUpdated])
                }
            }
            table.element("tbody") { body in
                for article in rows {
                    body.element("tr") { row in
                        if list.mayOpen(article) {
                            row.element("td") {
                                $0.element("a", [.href(SitePath.adminArticle(article.id).path)], text: article.title)
                            }
                        } else {
                            row.element("td", text: article.title)
                        }
                        if article.status == .scheduled, let goesLive = article.publishedAt {
                            row.element("td", text: l.status(article.status) + " · " + context.dates.dateTime(goesLive))
                        } else {
                            row.element("td", text: l.status(article.status))
                        }
                        row.element("td", text: context.dates.dateTime(article.updatedAt))
                    }
                }
            }
        }
        html.pager(
            page: list.page, hasMore: list.hasMore, path: { list.path(page: $0) }, back: l[.pageNewer],
            forward: l[.pageOlder])
    }
}
