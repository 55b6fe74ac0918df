import Foundation

/// A campaign that has left draft: where it stands, its counts, what it sent, and the cancel button while rows
/// are still waiting.
struct CampaignPage: Sendable {
    let campaign: CampaignRow
    let listName: String
    let counts: CampaignCounts
    let mail: CampaignMail
    let notice: L10nKey?

    var mayCancel: Bool { campaign.state == .scheduled || campaign.state == .queued }
}

/// The columns of the counts, in the order a message moves.
let campaignCountColumns: [OutboxState] = [.queued, .sending, .sent, .deferred, .failed, .suppressed]

func campaignPageView(_ page: CampaignPage, _ context: ViewContext) -> String {
    let l = context.localizer
    let campaign = page.campaign
    return AdminLayout(title: campaign.subject, context: context).render { html in
        html.element("p") { $0.element("a", [.href("/admin/newsletter")], text: l[.adminNewsletter]) }
        html.element("h1", text: campaign.subject)
        if let notice = page.notice { html.element("p", [.class("notice")], text: l[notice]) }
        html.element("dl") { list in
            list.element("dt", text: l[.campaignList])
            list.element("dd", text: "\(page.listName) (\(campaign.listSlug))")
            list.element("dt", text: l[.adminColumnStatus])
            list.element("dd", text: l.campaignState(campaign, now: context.now))
            if let at = campaign.scheduledAt {
                list.element("dt", text: l[.campaignScheduleAt])
                list.element("dd", text: context.dates.dateTime(at))
            }
            if let at = campaign.queuedAt {
                list.element("dt", text: l[.campaignQueuedAt])
                list.element("dd", text: context.dates.dateTime(at))
            }
        }
        html.element("table", [.class("stack")]) { table in
            campaignCountHeader(l, &table)
            table.element("tbody") { campaignCountCells(page.counts, l, &$0) }
        }
        if page.mayCancel {
            html.element(
                "form",
                [Attribute("method", "post"), Attribute("action", CampaignRoutes.path(campaign.id) + "/cancel")]
            ) { form in
                csrfField(&form, context)
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit"), .class("danger")], text: l[.campaignCancel])
                }
            }
        }
        campaignPreview(page.mail, siteURL: context.siteURL, context, &html)
    }
}

/// The head of a counts table; `leading` columns come first (the overview's subject, list and state).
func campaignCountHeader(_ l: Localizer, leading: [L10nKey] = [], _ table: inout HTML) {
    table.element("thead") { head in
        head.element("tr") { row in
            for key in leading { row.element("th", text: l[key]) }
            for state in campaignCountColumns { row.element("th", text: l.outboxState(state)) }
            row.element("th", text: l[.campaignUnsubscribed])
        }
    }
}

/// One row of counts; with `leading`, cells written before them.
func campaignCountCells(
    _ counts: CampaignCounts, _ l: Localizer, _ html: inout HTML, leading: (inout HTML) -> Void = { _ in }
) {
    html.element("tr") { row in
        leading(&row)
        for state in campaignCountColumns {
            row.element(
                "td", [Attribute("data-state", state.rawValue)], text: "\(l.outboxState(state)): \(counts[state])")
        }
        row.element(
            "td", [Attribute("data-state", "unsubscribed")], text: "\(l[.campaignUnsubscribed]): \(counts.unsubscribed)"
        )
    }
}

extension Localizer {
    func outboxState(_ state: OutboxState) -> String {
        switch state {
        case .queued: self[.outboxQueued]
        case .sending: self[.outboxSending]
        case .sent: self[.outboxSent]
        case .deferred: self[.outboxDeferred]
        case .failed: self[.outboxFailed]
        case .suppressed: self[.outboxSuppressed]
        }
    }

    /// A scheduled campaign whose time has come reads as sending.
    func campaignState(_ campaign: CampaignRow, now: Date) -> String {
        switch campaign.state {
        case .draft: self[.campaignStateDraft]
        case .scheduled:
            (campaign.scheduledAt ?? now) <= now ? self[.campaignStateQueued] : self[.campaignStateScheduled]
        case .queued: self[.campaignStateQueued]
        case .cancelled: self[.campaignStateCancelled]
        }
    }
}
