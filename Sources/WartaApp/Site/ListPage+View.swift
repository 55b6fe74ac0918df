/// Home, category, tag and author pages: a heading, a list of articles, a pager.
struct ListPage: Sendable {
    let heading: String
    let rows: [ArticleSummaryRow]
    let page: Int
    let hasMore: Bool
    /// Builds the link to another page number of this list.
    let pathForPage: @Sendable (Int) -> String
}

func listPageView(_ list: ListPage, _ context: ViewContext) -> String {
    let l = context.localizer
    var title = list.heading
    if list.page > 1 { title += " – " + l(.pageNumber, ["page": "\(list.page)"]) }
    let canonical = list.pathForPage(list.page)
    // The list's feeds hang off its first page's path; the home page's are the site's (`/feed`).
    let firstPage = list.pathForPage(1)
    let layout = PublicLayout(
        title: list.page == 1 && list.heading == l[.latestHeading] ? context.siteName : title,
        description: list.heading, context: context,
        head: PageHead(
            canonicalPath: canonical,
            openGraph: [
                OpenGraphProperty(property: "og:type", content: "website"),
                OpenGraphProperty(property: "og:site_name", content: context.siteName),
                OpenGraphProperty(property: "og:title", content: title),
                OpenGraphProperty(property: "og:description", content: list.heading),
                OpenGraphProperty(property: "og:url", content: context.siteURL + canonical),
            ],
            twitterCard: PageHead.twitterCard(title: title, description: list.heading),
            feeds: PageHead.feedLinks(listPath: firstPage == "/" ? "" : firstPage, title: title)))
    return layout.render { html in
        html.element("section", [.class("list")]) { section in
            section.element("h2", text: title)
            if list.rows.isEmpty { section.element("p", text: l[.noArticles]) }
            section.element("ul") { ul in
                for row in list.rows {
                    ul.element("li", [.lang(row.language)]) { item in
                        item.element("h3") { $0.element("a", [.href(row.path)], text: row.title) }
                        if !row.summary.isEmpty { item.element("p", text: row.summary) }
                        let credit = row.authorCredit.isEmpty ? "" : "\(row.authorCredit) · "
                        item.element("p", [.class("when")], text: credit + context.dates.dateTime(row.publishedAt))
                    }
                }
            }
            section.pager(
                page: list.page, hasMore: list.hasMore, path: list.pathForPage, back: l[.pageNewer],
                forward: l[.pageOlder], relations: true)
        }
    }
}
