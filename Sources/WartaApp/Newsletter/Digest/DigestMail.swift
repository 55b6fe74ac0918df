import Foundation

/// One article as the digest lists it.
struct DigestArticle: Sendable, Equatable {
    let title: String
    let summary: String
    /// Absolute, from `WARTA_SITE_URL`.
    let url: String
}

/// The daily digest's mail: one body for every subscriber; the sender fills each one's unsubscribe and
/// preferences links into the placeholders.
struct DigestMail: Sendable {
    let siteName: String
    /// The digest's day as the masthead writes it, e.g. `Senin, 23 Desember 2024`.
    let date: String
    let listName: String
    let localizer: Localizer

    func make(_ articles: [DigestArticle]) -> OutgoingMail {
        let l = localizer
        let subject = Self.oneLine(l(.mailDigestSubject, ["site": siteName, "date": date]))
        return OutgoingMail(
            kind: .digest, subject: subject, text: text(articles), html: html(articles, title: subject),
            listSlug: NewsletterLists.daily)
    }

    /// The same mail as a test (`warta newsletter send-test`): marked in the subject, with a note when there is
    /// nothing to list.
    func makeTest(_ articles: [DigestArticle]) -> OutgoingMail {
        var mail = make(articles)
        mail.kind = .test
        mail.subject = Self.oneLine(localizer(.mailTestSubject, ["subject": mail.subject]))
        return mail
    }

    /// Written as text, not stripped HTML: each article is its headline, its summary and its address.
    func text(_ articles: [DigestArticle]) -> String {
        let l = localizer
        var text = "\(siteName)\n\(l(.mailDigestIntro, ["date": date]))\n\n"
        if articles.isEmpty { text += l[.mailDigestSample] + "\n\n" }
        for article in articles {
            text += article.title + "\n"
            if !article.summary.isEmpty { text += article.summary + "\n" }
            text += article.url + "\n\n"
        }
        text += "-- \n" + l(.mailDigestWhy, ["list": listName, "site": siteName]) + "\n"
        text += "\(l[.mailUnsubscribe]): \(OutgoingMail.unsubscribePlaceholder)\n"
        text += "\(l[.mailPreferences]): \(OutgoingMail.preferencesPlaceholder)\n"
        return text
    }

    func html(_ articles: [DigestArticle], title: String) -> String {
        let l = localizer
        var html = HTML(capacity: 4096 + articles.count * 512)
        MailHTML.document(language: l.language, title: title, into: &html) { body in
            body.element("h1", [Attribute("style", "font-size:22px;margin:0 0 4px")], text: siteName)
            body.element("p", [Attribute("style", MailHTML.smallStyle)], text: l(.mailDigestIntro, ["date": date]))
            if articles.isEmpty { body.element("p", text: l[.mailDigestSample]) }
            for article in articles {
                body.element("div", [Attribute("style", "padding:12px 0;border-top:1px solid #e2e2e2")]) { item in
                    item.element("h2", [Attribute("style", "font-size:18px;margin:0 0 4px")]) { heading in
                        heading.element(
                            "a", [.href(article.url), Attribute("style", "color:#1b1b1b;text-decoration:none")],
                            text: article.title)
                    }
                    if !article.summary.isEmpty {
                        item.element("p", [Attribute("style", "margin:0;color:#333333")], text: article.summary)
                    }
                }
            }
            footer(&body)
        }
        return html.output
    }

    private func footer(_ html: inout HTML) {
        let l = localizer
        html.element("p", [Attribute("style", MailHTML.smallStyle + ";border-top:1px solid #e2e2e2;padding-top:12px")])
        { p in
            p.text(l(.mailDigestWhy, ["list": listName, "site": siteName]) + " ")
            // The placeholders are not URLs yet, so they skip `.href`'s scheme check; the sender puts in https links.
            p.element("a", [Attribute("href", OutgoingMail.unsubscribePlaceholder)], text: l[.mailUnsubscribe])
            p.text(" · ")
            p.element("a", [Attribute("href", OutgoingMail.preferencesPlaceholder)], text: l[.mailPreferences])
        }
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
