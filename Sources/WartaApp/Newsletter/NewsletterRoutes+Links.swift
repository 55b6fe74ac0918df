import Foundation
import Hummingbird
import Logging

extension NewsletterRoutes {
    /// GET: a page whose button POSTs; nothing changes on GET.
    @Sendable func unsubscribePage(_ request: Request, context: WartaContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let target = try await unsubscribeTarget(token)
        let view = context.viewContext(site)
        let l = view.localizer
        let listName = try await listName(target.listSlug, l)
        var page = TokenButtonPage(
            title: l[.newsletterUnsubscribeTitle],
            text: l(.newsletterUnsubscribeBody, ["list": listName, "email": target.recipient]),
            action: Self.unsubscribePath, token: token, button: l[.newsletterUnsubscribeButton])
        page.fields = [.init(name: "List-Unsubscribe", value: "One-Click")]
        return .html(tokenButtonPageView(page, view), cacheControl: "no-store")
    }

    /// RFC 8058 one-click: a POST from anywhere (a mail provider's server, no cookies, no Origin check) with the
    /// token in the link's query; the page's own button sends it in the form. Answers 200 every time it is valid.
    @Sendable func unsubscribe(_ request: Request, context: WartaContext) async throws -> Response {
        let query = request.uri.queryParameters["token"].map(String.init) ?? ""
        // The body is `List-Unsubscribe=One-Click` (or the button's form); one a mail client garbled still counts.
        let form = (try? await FormData.read(request, context: context)) ?? FormData()
        let token = query.isEmpty ? form["token"] : query
        let target = try await unsubscribeTarget(token)
        try await store.unsubscribe(target)
        context.logger.info("newsletter unsubscribed", metadata: ["list": "\(target.listSlug ?? "*")"])
        let view = context.viewContext(site)
        let l = view.localizer
        let listName = try await listName(target.listSlug, l)
        var link: (String, String)?
        if let subscriber = target.subscriberID {
            let preferences = try await tokens.preferencesToken(subscriberID: subscriber)
            link = (PreferencesPage.path + "?token=" + SitePath.queryEncoded(preferences), l[.newsletterManageLink])
        }
        let html = newsletterMessageView(
            title: l[.newsletterUnsubscribedTitle],
            text: l(.newsletterUnsubscribedBody, ["email": target.recipient, "list": listName]), link: link, view)
        return .html(html, cacheControl: "no-store")
    }

    private func unsubscribeTarget(_ token: String) async throws -> SubscriptionStore.UnsubscribeTarget {
        guard !token.isEmpty, token.utf8.count < 300,
            let outboxID = try await tokens.outboxID(fromUnsubscribeToken: token),
            let target = try await store.unsubscribeTarget(outboxID: outboxID)
        else { throw NewsletterError.unknownLink }
        return target
    }

    /// A list's name; a mail sent for no list (nil) stands for all of them.
    private func listName(_ slug: String?, _ l: Localizer) async throws -> String {
        let lists = try await NewsletterLists.all(on: store.database.db)
        let chosen = slug.map { slug in lists.filter { $0.slug == slug } } ?? lists
        return chosen.map { $0.displayName(l) }.joined(separator: ", ")
    }

    @Sendable func preferencesPage(_ request: Request, context: WartaContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        return try await preferencesResponse(token: token, notice: nil, context)
    }

    /// Saves the ticks, or leaves every list. The token comes in the form; a POST from another site is refused.
    @Sendable func savePreferences(_ request: Request, context: WartaContext) async throws -> Response {
        guard SameSiteCheck.isSameSite(request, siteURL: site.siteURL) else { throw SiteError.forbidden }
        let form = try await FormData.read(request, context: context)
        let token = form["token"].isEmpty ? request.uri.queryParameters["token"].map(String.init) ?? "" : form["token"]
        let subscriber = try await preferencesSubscriber(token)
        if form["action"] == PreferencesPage.leaveAllAction {
            try await store.unsubscribeEverywhere(subscriber)
            return try await preferencesResponse(token: token, notice: .newsletterLeftAll, context)
        }
        let known = try await NewsletterLists.all(on: store.database.db).map(\.slug)
        let chosen = Set(form.values("list")).intersection(known)
        try await store.savePreferences(subscriber, chosen: chosen, known: known)
        return try await preferencesResponse(token: token, notice: .newsletterPreferencesSaved, context)
    }

    private func preferencesSubscriber(_ token: String) async throws -> UUID {
        guard !token.isEmpty, token.utf8.count < 300,
            let subscriber = try await tokens.subscriberID(fromPreferencesToken: token)
        else { throw NewsletterError.unknownLink }
        return subscriber
    }

    private func preferencesResponse(token: String, notice: L10nKey?, _ context: WartaContext) async throws
        -> Response
    {
        let subscriber = try await preferencesSubscriber(token)
        guard let preferences = try await store.preferences(of: subscriber) else {
            throw NewsletterError.unknownLink
        }
        let view = context.viewContext(site)
        let lists = try await NewsletterLists.all(on: store.database.db)
        let page = PreferencesPage(preferences, lists: lists, token: token, notice: notice, view.localizer)
        return .html(preferencesPageView(page, view), cacheControl: "no-store")
    }
}
