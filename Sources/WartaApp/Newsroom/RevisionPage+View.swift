import Foundation
import WartaMarkup

/// What the revision page shows.
struct RevisionPage: Sendable {
    let articleID: UUID
    let revisionID: UUID
    let version: Int
    let savedAt: Date
    let savedBy: String?
    let draft: ArticleDraft
    let currentVersion: Int
}

func revisionPageView(_ shown: RevisionPage, _ context: ViewContext) -> String {
    let l = context.localizer
    let d = shown.draft
    let editorPath = SitePath.adminArticle(shown.articleID).path
    return AdminLayout(title: d.title, context: context).render { html in
        html.element("h1", text: d.title)
        html.element("p", text: revisionCaption(shown.version, shown.savedAt, shown.savedBy, context))
        let fields: [(L10nKey, String)] = [
            (.fieldSlug, d.slug), (.fieldLanguage, d.language), (.fieldAuthorCredit, d.authorCredit),
            (.fieldEditor, d.editorName), (.fieldSourceName, d.sourceName), (.fieldSourceURL, d.sourceURL),
            (.fieldOriginalLanguage, d.originalLanguage), (.fieldOriginalURL, d.originalURL),
            (.fieldTranslator, d.translator), (.fieldCategory, d.category),
            (.fieldTags, d.tags.joined(separator: ", ")),
            (.fieldPublishAt, d.publishAt.map(context.dates.dateTime) ?? ""),
        ]
        html.element("table") { table in
            for (label, value) in fields where !value.isEmpty {
                table.element("tr") { row in
                    row.element("th", text: l[label])
                    row.element("td", text: value)
                }
            }
        }
        if !d.summary.isEmpty { html.element("p") { $0.element("em", text: d.summary) } }
        html.element("section", [.class("preview"), .lang(d.language)]) { section in
            section.sanitized(MarkdownRenderer.render(d.bodyMarkdown))
        }
        if shown.version != shown.currentVersion {
            restoreForm(
                revisionID: shown.revisionID, articleID: shown.articleID, version: shown.currentVersion, context, &html)
        }
        html.element("p") { $0.element("a", [.href(editorPath)], text: l[.adminBackToEditor]) }
    }
}

/// `Versi 3, Kamis, 15 Oktober 2015 07:34 · oleh Dodi Pratama`.
func revisionCaption(_ version: Int, _ savedAt: Date, _ savedBy: String?, _ context: ViewContext) -> String {
    let l = context.localizer
    let saved = l(.adminRevisionSaved, ["version": "\(version)", "date": context.dates.dateTime(savedAt)])
    guard let savedBy else { return saved }
    return saved + " · " + l(.adminRevisionBy, ["name": savedBy])
}

/// Restores `revisionID` over the article's `version`: a newer save in between is a conflict, never overwritten.
func restoreForm(revisionID: UUID, articleID: UUID, version: Int, _ context: ViewContext, _ html: inout HTML) {
    let action = SitePath.adminArticle(articleID).path + "/restore"
    html.element("form", [Attribute("method", "post"), Attribute("action", action), .class("inline")]) { form in
        csrfField(&form, context)
        form.open("input", [.type("hidden"), .name("revision"), .value(revisionID.uuidString)])
        form.open("input", [.type("hidden"), .name("version"), .value("\(version)")])
        form.element("button", [.type("submit")], text: context.localizer[.actionRestore])
    }
}
