import Foundation

/// The double opt-in mail: one link to a page whose button confirms (link scanners only open it). No list headers
/// (`listSlug` nil): it is not newsletter mail, and nothing here may unsubscribe anyone.
enum ConfirmationMail {
    static let path = "/newsletter/confirm"

    static func make(token: String, siteName: String, siteURL: String, _ l: Localizer) -> OutgoingMail {
        let url = NewsletterTokens.url(siteURL: siteURL, path: path, token: token)
        let site = ["site": siteName]
        // Subjects are one header line: a site name is checked for line breaks when saved, and folded here anyway.
        let subject = l(.mailConfirmSubject, site).replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        let text =
            [l(.mailConfirmIntro, site), l[.mailConfirmAction], url, l[.mailConfirmIgnore]]
            .joined(separator: "\n\n") + "\n"
        var html = HTML(capacity: 2048)
        MailHTML.document(language: l.language, title: subject, into: &html) { body in
            body.element("p", text: l(.mailConfirmIntro, site))
            body.element("p") { p in
                p.element("a", [.href(url), Attribute("style", MailHTML.buttonStyle)], text: l[.mailConfirmButton])
            }
            body.element("p", [Attribute("style", MailHTML.smallStyle)]) { p in
                p.text(l[.mailConfirmAction] + " ")
                p.element("a", [.href(url)], text: url)
            }
            body.element("p", [Attribute("style", MailHTML.smallStyle)], text: l[.mailConfirmIgnore])
        }
        return OutgoingMail(kind: .confirmation, subject: subject, text: text, html: html.output, listSlug: nil)
    }
}

/// The frame of every HTML mail: inline styles only (mail clients drop stylesheets), one column, at most 600 px.
enum MailHTML {
    static let buttonStyle =
        "display:inline-block;padding:10px 18px;background:#b3261e;color:#ffffff;text-decoration:none;border-radius:6px"
    static let smallStyle = "font-size:13px;color:#5c5c5c"

    static func document(language: UILanguage, title: String, into html: inout HTML, _ content: (inout HTML) -> Void) {
        html.markup("<!doctype html>")
        html.element("html", [.lang(language.rawValue)]) { page in
            page.element("head") { head in
                head.markup("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                head.element("title", text: title)
            }
            page.element("body", [Attribute("style", "margin:0;padding:0;background:#ffffff")]) { body in
                body.element(
                    "div",
                    [
                        Attribute(
                            "style",
                            "max-width:600px;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;"
                                + "font-size:16px;line-height:1.5;color:#1b1b1b")
                    ], content)
            }
        }
    }
}
