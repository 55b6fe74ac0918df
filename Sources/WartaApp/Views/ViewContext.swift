import Foundation

/// What every view may know besides its page: language, localizer, dates, site name, the current path.
struct ViewContext: Sendable {
    let localizer: Localizer
    let dates: DateFormats
    let siteName: String
    /// The public base URL without a trailing slash, for canonical and OpenGraph URLs.
    var siteURL = ""
    /// The interface languages switched on for the site, in the switch's order.
    var languages: [UILanguage] = UILanguage.allCases
    let now: Date
    /// The request path and query, for the language switch's `return`.
    let currentPath: String
    var csrfToken: String? = nil
    var staffName: String? = nil
    var staffID: UUID? = nil

    var language: UILanguage { localizer.language }
}

/// The public page frame: head, masthead (part 1), main, footer.
struct PublicLayout {
    let title: String
    let description: String
    let context: ViewContext
    var head = PageHead()

    func render(_ content: (inout HTML) -> Void) -> String {
        let l = context.localizer
        var html = HTML()
        html.markup("<!doctype html>")
        html.open("html", [.lang(context.language.rawValue)])
        html.element("head") { head in
            head.markup(
                "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            head.element("title", text: title == context.siteName ? title : "\(title) – \(context.siteName)")
            head.open("meta", [Attribute("name", "description"), Attribute("content", description)])
            head.open("link", [Attribute("rel", "stylesheet"), .href(Stylesheet.path)])
            head.iconLink()
            writeSharingTags(&head)
        }
        html.open("body")
        html.element("a", [.class("skip"), .href("#main")], text: l[.siteSkipToContent])
        html.element("header", [.class("masthead")]) { header in
            header.element("div", [.class("wrap")]) { wrap in
                wrap.element("a", [.class("site-name"), .href("/")], text: context.siteName)
                wrap.element("p", [.class("today")], text: context.dates.masthead(context.now))
                languageSwitch(&wrap)
            }
        }
        html.element("main", [.id("main"), .class("wrap")], content)
        html.element("footer") { footer in
            footer.element("div", [.class("wrap")], text: "\(context.siteName) · \(l[.siteFooterPowered])")
        }
        html.close("body")
        html.close("html")
        return html.output
    }

    private func writeSharingTags(_ html: inout HTML) {
        if let path = self.head.canonicalPath {
            html.open("link", [Attribute("rel", "canonical"), .href(context.siteURL + path)])
        }
        for alternate in self.head.languageAlternates {
            html.open(
                "link",
                [
                    Attribute("rel", "alternate"), Attribute("hreflang", alternate.language),
                    .href(context.siteURL + alternate.path),
                ])
        }
        for feed in self.head.feeds {
            html.open(
                "link",
                [
                    Attribute("rel", "alternate"), .type(feed.type), Attribute("title", feed.title),
                    .href(feed.path),
                ])
        }
        for property in self.head.openGraph {
            html.open("meta", [Attribute("property", property.property), Attribute("content", property.content)])
        }
        for card in self.head.twitterCard {
            html.open("meta", [.name(card.property), Attribute("content", card.content)])
        }
        if let data = self.head.structuredData { html.structuredData(data) }
    }

    private func languageSwitch(_ html: inout HTML) {
        guard context.languages.count > 1 else { return }
        html.element("nav", [.class("langs"), Attribute("aria-label", context.localizer[.siteLanguageLabel])]) { nav in
            for language in context.languages {
                let current = language == context.language ? Attribute("aria-current", "true") : nil
                nav.element(
                    "a",
                    [
                        .href(SitePath.language(language, returnTo: context.currentPath).path), current,
                        .lang(language.rawValue),
                    ],
                    text: language.rawValue.uppercased())
            }
        }
    }
}
