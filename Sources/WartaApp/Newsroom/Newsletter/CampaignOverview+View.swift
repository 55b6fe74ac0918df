import Foundation

/// `/admin/newsletter`: the lists with their active subscribers, and the newest campaigns with their counts.
struct CampaignOverview: Sendable {
    let lists: [CampaignList]
    let subscribers: [String: Int]
    let campaigns: [CampaignRow]
    let counts: [UUID: CampaignCounts]
}

func campaignOverviewView(_ page: CampaignOverview, _ context: ViewContext) -> String {
    let l = context.localizer
    return AdminLayout(title: l[.adminNewsletter], context: context).render { html in
        html.element("h1", text: l[.adminNewsletter])
        html.element("p") { line in
            line.element("a", [.href("/admin/newsletter/campaigns/new")], text: l[.campaignNew])
            line.text(" · ")
            line.element("a", [.href("/admin/newsletter/subscribers")], text: l[.subscribersTitle])
        }
        html.element("h2", text: l[.campaignLists])
        html.element("table") { table in
            table.element("thead") { head in
                head.element("tr") { row in
                    row.element("th", text: l[.campaignList])
                    row.element("th", text: l[.subscribersActive])
                }
            }
            table.element("tbody") { body in
                for list in page.lists {
                    body.element("tr") { row in
                        row.element("td", text: "\(list.name) (\(list.slug))")
                        row.element("td", text: "\(page.subscribers[list.slug] ?? 0)")
                    }
                }
            }
        }
        html.element("h2", text: l[.campaignsTitle])
        guard !page.campaigns.isEmpty else {
            html.element("p", text: l[.campaignNone])
            return
        }
        html.element("table", [.class("stack")]) { table in
            campaignCountHeader(l, leading: [.campaignSubject, .campaignList, .adminColumnStatus], &table)
            table.element("tbody") { body in
                for campaign in page.campaigns {
                    campaignCountCells(page.counts[campaign.id] ?? .init(), l, &body) { row in
                        row.element("td") {
                            $0.element("a", [.href(CampaignRoutes.path(campaign.id))], text: campaign.subject)
                        }
                        row.element("td", text: campaign.listSlug)
                        row.element("td", text: l.campaignState(campaign, now: context.now))
                    }
                }
            }
        }
    }
}
