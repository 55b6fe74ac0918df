import Foundation
import Hummingbird
import Logging
import WartaMail

/// `/admin/newsletter` and its campaigns (editors and admins): the overview, composing a draft (save, preview,
/// pick articles, send a test), scheduling or sending it to its list, cancelling, and the counts per state.
struct CampaignRoutes: Sendable {
    let store: CampaignStore
    let settings: SettingsProvider

    /// The buttons of the compose form (`action`).
    enum Action: String, Sendable {
        case save, preview, find, test, schedule, send
    }

    func add(to group: RouterGroup<WartaContext>) {
        group.get("/newsletter", use: overview)
        group.get("/newsletter/campaigns/new") { _, context in
            let staff = try Self.requireEditor(context)
            var input = CampaignInput()
            input.testTo = staff.email
            return try await editor(context, CampaignEditorPage(id: nil, input: input), status: .ok)
        }
        group.post("/newsletter/campaigns/new") { _, context in try await compose(nil, context) }
        group.get("/newsletter/campaigns/:id", use: show)
        group.post("/newsletter/campaigns/:id") { _, context in
            try Self.requireEditor(context)
            let campaign = try await requireCampaign(context)
            guard campaign.state == .draft else { return Response.redirect(Self.path(campaign.id, notice: "already")) }
            return try await compose(campaign.id, context)
        }
        group.post("/newsletter/campaigns/:id/cancel") { _, context in
            try Self.requireEditor(context)
            let campaign = try await requireCampaign(context)
            let removed = try await store.cancel(campaign.id)
            context.logger.info(
                "campaign cancelled",
                metadata: ["campaign_id": "\(campaign.id.uuidString)", "removed": "\(removed.map { "\($0)" } ?? "-")"])
            return Response.redirect(Self.path(campaign.id, notice: removed == nil ? "not_cancelled" : "cancelled"))
        }
    }

    @Sendable func overview(_ request: Request, context: WartaContext) async throws -> Response {
        try Self.requireEditor(context)
        let campaigns = try await store.recent()
        let page = CampaignOverview(
            lists: try await CampaignLists.all(on: store.database.db), subscribers: try await store.activeCounts(),
            campaigns: campaigns, counts: try await store.counts(campaigns.map(\.id)))
        return .html(campaignOverviewView(page, context.viewContext(settings.current)), cacheControl: "no-store")
    }

    @Sendable func show(_ request: Request, context: WartaContext) async throws -> Response {
        let staff = try Self.requireEditor(context)
        let campaign = try await requireCampaign(context)
        let notice = request.uri.queryParameters["notice"].flatMap { Self.notices[String($0)] }
        let site = settings.current
        let picked = try await store.articles(ids: campaign.articleIDs, siteURL: site.siteURL)
        guard campaign.state == .draft else {
            let lists = try await CampaignLists.all(on: store.database.db)
            let page = CampaignPage(
                campaign: campaign, listName: lists.first { $0.slug == campaign.listSlug }?.name ?? campaign.listSlug,
                counts: try await store.counts([campaign.id])[campaign.id] ?? .init(),
                mail: campaignMail(CampaignInput(campaign), picked, lists), notice: notice)
            return .html(campaignPageView(page, context.viewContext(site)), cacheControl: "no-store")
        }
        var input = CampaignInput(campaign)
        input.testTo = staff.email
        var page = CampaignEditorPage(id: campaign.id, input: input)
        page.picked = picked
        page.notice = notice
        return try await editor(context, page, status: .ok)
    }

    /// A post of the compose form, for a new campaign (`id` nil) or a draft.
    private func compose(_ id: UUID?, _ context: WartaContext) async throws -> Response {
        let staff = try Self.requireEditor(context)
        guard let action = Action(rawValue: context.form["action"]) else { throw SiteError.badRequest }
        // Only a saved draft is sent: its id makes a second click find it queued, where a new form would make a
        // second campaign.
        if id == nil, action == .schedule || action == .send { throw SiteError.badRequest }
        let site = settings.current
        var page = CampaignEditorPage(id: id, input: CampaignInput(form: context.form))
        if page.input.testTo.isEmpty { page.input.testTo = staff.email }
        page.articleSearch = String(context.form["article_q"].prefix(100)).trimmingCharacters(in: .whitespaces)
        page.picked = try await store.articles(ids: page.input.articleIDs, siteURL: site.siteURL)
        if action == .find { return try await editor(context, page, status: .ok) }
        let lists = try await CampaignLists.all(on: store.database.db)
        page.problems = page.input.problems(form: context.form, lists: lists)
        if page.picked.count != page.input.articleIDs.count, page.problems.allSatisfy({ $0.field != .articles }) {
            page.problems.append(.init(.articles, .errorCampaignArticleUnknown))
        }
        var scheduledAt: Date?
        if action == .schedule {
            let typed = page.input.scheduleAt
            scheduledAt = scheduleTime(typed, &page.problems, site)
        }
        if action == .test, (try? MailAddress(page.input.testTo)) == nil || page.input.testTo.count > 200 {
            page.problems.append(.init(.testTo, .errorMailAddress))
        }
        guard page.problems.isEmpty else { return try await editor(context, page, status: .unprocessableContent) }
        let mail = campaignMail(page.input, page.picked, lists)
        if action == .preview {
            page.preview = mail
            return try await editor(context, page, status: .ok)
        }
        let campaignID = try await saved(id, page.input, staff: staff)
        guard let campaignID else { return Response.redirect(Self.path(id, notice: "already")) }
        switch action {
        case .test:
            let test = mail.outgoing(campaignID: campaignID, listSlug: nil, isTest: true, siteURL: site.siteURL)
            let (world, to) = (store.world, page.input.testTo)
            _ = try await store.database.write { tx in
                try await MailOutbox.enqueue(test, to: [MailRecipient(address: to)], world: world, on: tx)
            }
            return Response.redirect(Self.path(campaignID, notice: "test"))
        case .schedule, .send:
            guard let list = lists.first(where: { $0.slug == page.input.listSlug }) else { throw SiteError.badRequest }
            let outgoing = mail.outgoing(
                campaignID: campaignID, listSlug: list.slug, isTest: false, siteURL: site.siteURL)
            let outcome = try await store.queue(
                campaignID, page.input, mail: outgoing, list: list, scheduledAt: scheduledAt)
            guard case .queued(let recipients) = outcome else {
                return Response.redirect(Self.path(campaignID, notice: "already"))
            }
            context.logger.info(
                "campaign queued", metadata: ["campaign_id": "\(campaignID.uuidString)", "recipients": "\(recipients)"])
            return Response.redirect(Self.path(campaignID, notice: action == .send ? "queued" : "scheduled"))
        case .save, .preview, .find:
            return Response.redirect(Self.path(campaignID, notice: "saved"))
        }
    }

    /// Creates the draft or saves it; nil when it stopped being a draft meanwhile.
    private func saved(_ id: UUID?, _ input: CampaignInput, staff: StaffIdentity) async throws -> UUID? {
        guard let id else { return try await store.create(input, by: staff.id) }
        return try await store.update(id, input) ? id : nil
    }

    /// A site-zone local time in the future, or a problem.
    private func scheduleTime(_ text: String, _ problems: inout [CampaignProblem], _ site: SiteSettings) -> Date? {
        let dates = DateFormats(language: site.defaultLanguage, timeZone: site.timeZone)
        guard let date = dates.parseInput(text) else {
            problems.append(.init(.scheduleAt, text.isEmpty ? .errorCampaignScheduleRequired : .errorDateInvalid))
            return nil
        }
        guard date > store.world.now() else {
            problems.append(.init(.scheduleAt, .errorCampaignSchedulePast))
            return nil
        }
        return date
    }

    private func campaignMail(_ input: CampaignInput, _ articles: [CampaignArticle], _ lists: [CampaignList])
        -> CampaignMail
    {
        let site = settings.current
        return CampaignMail(
            subject: input.subject, bodyMarkdown: input.bodyMarkdown, articles: articles,
            listName: lists.first { $0.slug == input.listSlug }?.name ?? input.listSlug, siteName: site.name,
            localizer: Localizer(site.defaultLanguage))
    }

    private func editor(_ context: WartaContext, _ page: CampaignEditorPage, status: HTTPResponse.Status)
        async throws -> Response
    {
        var page = page
        let site = settings.current
        page.lists = try await CampaignLists.all(on: store.database.db)
        page.found = try await store.publishedArticles(search: page.articleSearch, siteURL: site.siteURL)
        page.siteURL = site.siteURL
        return .html(campaignEditorView(page, context.viewContext(site)), status: status, cacheControl: "no-store")
    }

    private func requireCampaign(_ context: WartaContext) async throws -> CampaignRow {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let campaign = try await store.find(id)
        else { throw SiteError.notFound }
        return campaign
    }

    @discardableResult
    static func requireEditor(_ context: WartaContext) throws -> StaffIdentity {
        guard let staff = context.staff, staff.role.canPublish else { throw SiteError.forbidden }
        return staff
    }

    static let notices: [String: L10nKey] = [
        "saved": .adminSaved, "test": .campaignTestQueued, "queued": .campaignQueuedNotice,
        "scheduled": .campaignScheduledNotice, "already": .campaignAlreadySent, "cancelled": .campaignCancelledNotice,
        "not_cancelled": .campaignNotCancellable,
    ]

    static func path(_ id: UUID?, notice: String? = nil) -> String {
        let base = id.map { "/admin/newsletter/campaigns/\($0.uuidString.lowercased())" } ?? "/admin/newsletter"
        return base + (notice.map { "?notice=" + $0 } ?? "")
    }
}
