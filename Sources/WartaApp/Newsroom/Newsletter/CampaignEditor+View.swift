import Foundation

/// What the compose screen shows: the form as typed, the lists, the picked and the found articles, the problems,
/// and the preview when one was asked for.
struct CampaignEditorPage: Sendable {
    /// Nil while the campaign is new (not saved yet).
    let id: UUID?
    var input: CampaignInput
    var lists: [CampaignList] = []
    var picked: [CampaignArticle] = []
    var found: [CampaignArticle] = []
    var articleSearch = ""
    var problems: [CampaignProblem] = []
    var notice: L10nKey?
    var preview: CampaignMail?
    var siteURL = ""

    init(id: UUID?, input: CampaignInput) {
        self.id = id
        self.input = input
    }

    var action: String {
        id.map { "/admin/newsletter/campaigns/\($0.uuidString.lowercased())" } ?? "/admin/newsletter/campaigns/new"
    }
}

func campaignEditorView(_ page: CampaignEditorPage, _ context: ViewContext) -> String {
    let l = context.localizer
    let title = page.id == nil ? l[.campaignNew] : l[.campaignEdit]
    return AdminLayout(title: title, context: context).render { html in
        html.element("p") { $0.element("a", [.href("/admin/newsletter")], text: l[.adminNewsletter]) }
        html.element("h1", text: title)
        if let notice = page.notice { html.element("p", [.class("notice")], text: l[notice]) }
        if !page.problems.isEmpty { html.element("p", [.class("error")], text: l[.campaignNotSaved]) }
        html.element("form", [Attribute("method", "post"), Attribute("action", page.action)]) { form in
            csrfField(&form, context)
            contentFields(page, context, &form)
            articleFields(page, context, &form)
            sendFields(page, context, &form)
        }
        if let mail = page.preview { campaignPreview(mail, siteURL: page.siteURL, context, &html) }
    }
}

private func problem(_ page: CampaignEditorPage, _ field: CampaignInput.Field, _ l: Localizer) -> String? {
    page.problems.first { $0.field == field }.map { l($0.key, $0.arguments) }
}

private func contentFields(_ page: CampaignEditorPage, _ context: ViewContext, _ form: inout HTML) {
    let l = context.localizer
    form.element("label", [Attribute("for", "list")], text: l[.campaignList])
    form.element("select", [.name("list"), .id("list")]) { select in
        for list in page.lists {
            select.element(
                "option", [.value(list.slug), .flag("selected", list.slug == page.input.listSlug)],
                text: "\(list.name) (\(list.slug))")
        }
    }
    if let error = problem(page, .list, l) { form.element("p", [.class("error")], text: error) }
    textField(
        &form, label: l[.campaignSubject], name: "subject", value: page.input.subject,
        error: problem(page, .subject, l), required: true)
    form.element("label", [Attribute("for", "body")], text: l[.campaignBody])
    form.element("small", text: l[.campaignBodyHint])
    form.element("textarea", [.name("body"), .id("body")], text: page.input.bodyMarkdown)
    if let error = problem(page, .body, l) { form.element("p", [.class("error")], text: error) }
}

private func articleFields(_ page: CampaignEditorPage, _ context: ViewContext, _ form: inout HTML) {
    let l = context.localizer
    form.element("fieldset") { set in
        set.element("legend", text: l[.campaignArticles])
        set.element("small", text: l[.campaignArticlesHint])
        let pickedIDs = Set(page.picked.map(\.id))
        let rows = page.picked + page.found.filter { !pickedIDs.contains($0.id) }
        if rows.isEmpty { set.element("p", text: l[.campaignNoArticles]) }
        for article in rows {
            set.element("label") { label in
                label.open(
                    "input",
                    [
                        .type("checkbox"), .name("articles"), .value(article.id.uuidString.lowercased()),
                        .flag("checked", pickedIDs.contains(article.id)),
                    ])
                label.text(" " + article.title + " — " + context.dates.dateTime(article.publishedAt))
            }
        }
        if let error = problem(page, .articles, l) { set.element("p", [.class("error")], text: error) }
        textField(&set, label: l[.campaignFindArticles], name: "article_q", value: page.articleSearch, type: "search")
        set.element("button", [.type("submit"), .name("action"), .value("find")], text: l[.adminFind])
    }
}

private func sendFields(_ page: CampaignEditorPage, _ context: ViewContext, _ form: inout HTML) {
    let l = context.localizer
    func button(_ action: CampaignRoutes.Action, _ key: L10nKey, _ html: inout HTML) {
        html.element("button", [.type("submit"), .name("action"), .value(action.rawValue)], text: l[key])
    }
    form.element("p", [.class("actions")]) { line in
        button(.save, .actionSave, &line)
        button(.preview, .actionPreview, &line)
    }
    textField(
        &form, label: l[.campaignTestTo], name: "test_to", value: page.input.testTo, type: "email",
        error: problem(page, .testTo, l))
    form.element("p", [.class("actions")]) { button(.test, .campaignSendTest, &$0) }
    // Sending needs a saved draft (CampaignRoutes.compose).
    guard page.id != nil else { return }
    textField(
        &form, label: l[.campaignScheduleAt], name: "schedule_at", value: page.input.scheduleAt,
        type: "datetime-local", error: problem(page, .scheduleAt, l),
        hint: l(.campaignScheduleHint, ["zone": context.dates.timeZone.identifier]))
    form.element("p", [.class("actions")]) { line in
        button(.schedule, .campaignSchedule, &line)
        button(.send, .campaignSendNow, &line)
    }
}

/// The HTML part and the text part side by side, as a subscriber would get them.
func campaignPreview(_ mail: CampaignMail, siteURL: String, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    let links = CampaignMail.Links.samples(siteURL: siteURL)
    html.element("h2", text: l[.adminPreviewHeading])
    html.element("p") { $0.element("strong", text: mail.subject) }
    html.element("div", [Attribute("style", "display:flex;flex-wrap:wrap;gap:1rem")]) { row in
        row.element("section", [Attribute("style", "flex:1 1 20rem;min-width:0")]) { part in
            part.element("h3", text: l[.campaignPreviewHTML])
            part.element("div", [.class("preview")]) { mail.writeFragment(links, into: &$0) }
        }
        row.element("section", [Attribute("style", "flex:1 1 20rem;min-width:0")]) { part in
            part.element("h3", text: l[.campaignPreviewText])
            part.element(
                "pre", [.class("preview"), Attribute("style", "white-space:pre-wrap")], text: mail.text(links))
        }
    }
}
