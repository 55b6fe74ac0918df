import Foundation
import WartaMarkup

/// A campaign's mail: the Markdown body and the picked articles, as an HTML part and a text part. The text part
/// is written as text (the Markdown as typed, then headline, summary and link per article), not stripped HTML.
/// Both end with the list's unsubscribe and preferences links; in mail they are the outbox's placeholders, filled
/// per recipient by the sender, in a preview or a test the site's newsletter pages.
struct CampaignMail: Sendable {
    let subject: String
    let bodyMarkdown: String
    let articles: [CampaignArticle]
    let listName: String
    let siteName: String
    /// Readers' language: the site's default, not the editor's interface.
    let localizer: Localizer

    struct Links: Sendable {
        let unsubscribe: String
        let preferences: String

        static let placeholders = Links(
            unsubscribe: OutgoingMail.unsubscribePlaceholder, preferences: OutgoingMail.preferencesPlaceholder)

        /// For previews and tests, which belong to no subscriber.
        static func samples(siteURL: String) -> Links {
            let base = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
            return Links(unsubscribe: base + "/newsletter/unsubscribe", preferences: base + "/newsletter/preferences")
        }
    }

    /// The mail to queue: for the campaign's list (so each copy gets its List-Unsubscribe), or a test.
    func outgoing(campaignID: UUID?, listSlug: String?, isTest: Bool, siteURL: String) -> OutgoingMail {
        let links = isTest ? Links.samples(siteURL: siteURL) : Links.placeholders
        return OutgoingMail(
            kind: isTest ? .test : .campaign,
            subject: isTest ? localizer(.campaignTestSubject, ["subject": subject]) : subject,
            text: text(links), html: htmlDocument(links), listSlug: isTest ? nil : listSlug,
            campaignID: isTest ? nil : campaignID)
    }

    func text(_ links: Links) -> String {
        var parts: [String] = []
        let body = bodyMarkdown.trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty { parts.append(body) }
        for article in articles {
            var lines = [article.title]
            if !article.summary.isEmpty { lines.append(article.summary) }
            lines.append(article.url)
            parts.append(lines.joined(separator: "\n"))
        }
        let footer = [
            "-- ", localizer(.campaignMailFooter, ["list": listName, "site": siteName]),
            localizer[.campaignUnsubscribe] + ": " + links.unsubscribe,
            localizer[.campaignPreferences] + ": " + links.preferences,
        ]
        parts.append(footer.joined(separator: "\n"))
        return parts.joined(separator: "\n\n") + "\n"
    }

    func htmlDocument(_ links: Links) -> String {
        var html = HTML(capacity: 4 * 1024 + bodyMarkdown.utf8.count * 2)
        html.markup("<!doctype html>")
        html.open("html", [.lang(localizer.language.rawValue)])
        html.element("head") { head in
            head.markup("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            head.element("title", text: subject)
        }
        html.element("body") { writeFragment(links, into: &$0) }
        html.close("html")
        return html.output
    }

    /// The part inside `<body>`; the campaign screen shows it as the HTML preview.
    func writeFragment(_ links: Links, into html: inout HTML) {
        if !bodyMarkdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            html.sanitized(MarkdownRenderer.render(bodyMarkdown))
        }
        for article in articles {
            html.element("h2") { $0.element("a", [.href(article.url)], text: article.title) }
            if !article.summary.isEmpty { html.element("p", text: article.summary) }
        }
        html.open("hr")
        html.element("p") { footer in
            footer.element("small") { small in
                small.text(localizer(.campaignMailFooter, ["list": listName, "site": siteName]) + " ")
                // Set in code (a placeholder or a site URL), so not passed through the link policy.
                small.element("a", [Attribute("href", links.unsubscribe)], text: localizer[.campaignUnsubscribe])
                small.text(" · ")
                small.element("a", [Attribute("href", links.preferences)], text: localizer[.campaignPreferences])
            }
        }
    }
}
