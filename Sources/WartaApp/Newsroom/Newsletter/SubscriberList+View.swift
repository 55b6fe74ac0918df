import Foundation

/// What the subscribers screen shows.
struct SubscriberListPage: Sendable {
    /// List slug → subscription state → how many.
    let counts: [String: [String: Int]]
    let rows: [SubscriberRow]
    let search: String
    let page: Int
    let hasMore: Bool
    let notice: L10nKey?

    static let states = ["pending", "active", "unsubscribed"]

    func path(page number: Int) -> String {
        AdminListRequest.path("/admin/newsletter/subscribers", search: search, page: number)
    }
}

func subscriberListView(_ page: SubscriberListPage, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.subscribersTitle], context: context).render { html in
        html.element("p") { $0.element("a", [.href("/admin/newsletter")], text: l[.adminNewsletter]) }
        html.element("h1", text: l[.subscribersTitle])
        if let notice = page.notice { html.element("p", [.class("notice")], text: l[notice]) }
        countsTable(page, l, &html)
        html.element("p") {
            $0.element("a", [.href("/admin/newsletter/subscribers.csv")], text: l[.subscribersExport])
        }
        // CSV IMPORT: the import form (file, then the report of bad rows by line) belongs here once its parser
        // is merged; see SubscriberRoutes.
        html.element("form", [Attribute("method", "get"), Attribute("action", "/admin/newsletter/subscribers")]) {
            form in
            textField(&form, label: l[.subscribersFind], name: "q", value: page.search, type: "search")
            form.element("p", [.class("actions")]) { $0.element("button", [.type("submit")], text: l[.adminFind]) }
        }
        guard !page.rows.isEmpty else {
            html.element("p", text: page.search.isEmpty ? l[.subscribersNone] : l[.adminNoMatches])
            return
        }
        html.element("table", [.class("stack")]) { table in
            table.element("thead") { head in
                head.element("tr") { row in
                    for key: L10nKey in [
                        .adminEmail, .adminName, .campaignLists, .subscribersConsent, .adminColumnStatus,
                    ] {
                        row.element("th", text: l[key])
                    }
                    row.element("th", text: "")
                }
            }
            table.element("tbody") { body in
                for subscriber in page.rows { subscriberRow(subscriber, context, &body) }
            }
        }
        html.element("p") { line in
            if page.page > 1 { line.element("a", [.href(page.path(page: page.page - 1))], text: l[.pagePrevious]) }
            if page.hasMore {
                line.text(" ")
                line.element("a", [.href(page.path(page: page.page + 1))], text: l[.pageNext])
            }
        }
    }
}

private func countsTable(_ page: SubscriberListPage, _ l: Localizer, _ html: inout HTML) {
    html.element("table") { table in
        table.element("thead") { head in
            head.element("tr") { row in
                row.element("th", text: l[.campaignList])
                for state in SubscriberListPage.states { row.element("th", text: l.subscriptionState(state)) }
            }
        }
        table.element("tbody") { body in
            for list in page.counts.keys.sorted() {
                body.element("tr") { row in
                    row.element("td", text: list)
                    for state in SubscriberListPage.states {
                        row.element("td", text: "\(page.counts[list]?[state] ?? 0)")
                    }
                }
            }
        }
    }
}

private func subscriberRow(_ subscriber: SubscriberRow, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    html.element("tr") { row in
        row.element("td", text: subscriber.email)
        row.element("td", text: subscriber.name)
        let lists = subscriber.subscriptions.map { "\($0.list) (\(l.subscriptionState($0.state)))" }
        row.element("td", text: lists.joined(separator: ", "))
        row.element("td", text: subscriber.consentAt.map(context.dates.dateTime) ?? "")
        row.element("td", text: l.subscriptionState(subscriber.status))
        row.element("td") { cell in
            cell.element(
                "form",
                [
                    Attribute("method", "post"),
                    Attribute(
                        "action", "/admin/newsletter/subscribers/\(subscriber.id.uuidString.lowercased())/delete"),
                    .class("inline"),
                ]
            ) { form in
                csrfField(&form, context)
                form.element("button", [.type("submit"), .class("danger")], text: l[.subscribersRemove])
            }
        }
    }
}

extension Localizer {
    func subscriptionState(_ state: String) -> String {
        switch state {
        case "active": self[.subscriptionActive]
        case "pending": self[.subscriptionPending]
        case "unsubscribed": self[.subscriptionUnsubscribed]
        default: state
        }
    }
}
