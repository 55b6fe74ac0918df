import Foundation
import WartaMarkup

extension Feed {
    /// The feed of one list, from its rows; `name` is the category, tag or author (nil for the site).
    init(scope: FeedScope, name: String?, rows: [FeedRow], site: SiteSettings, context: ViewContext) {
        let l = context.localizer
        switch (scope, name) {
        case (.site, _), (_, nil):
            title = site.name
            description = site.description.isEmpty ? site.name : site.description
        case (.category, let name?):
            title = name + " – " + site.name
            description = l(.categoryHeading, ["name": name])
        case (.tag, let name?):
            title = name + " – " + site.name
            description = l(.tagHeading, ["name": name])
        case (.author, let name?):
            title = name + " – " + site.name
            description = l(.authorHeading, ["name": name])
        }
        language = site.defaultLanguage.rawValue
        siteURL = site.siteURL
        listPath = scope.listPath
        pageURL = site.siteURL + (scope.listPath.isEmpty ? "/" : scope.listPath)
        siteName = site.name
        // The newest change among the items; an empty list says when it was asked for.
        updated = rows.map(\.updatedAt).max() ?? context.now
        timeZone = site.timeZone
        items = rows.map { FeedItem($0, siteURL: site.siteURL, localizer: l) }
    }
}

extension FeedItem {
    init(_ row: FeedRow, siteURL: String, localizer: Localizer) {
        id = "urn:uuid:" + row.id.uuidString.lowercased()
        title = row.title
        url = siteURL + row.path
        summary =
            row.summary.isEmpty
            ? ArticlePage.excerpt(
                TextExtractor.plainText(fromHTML: row.body.html, stoppingAfter: ArticlePage.excerptLength))
            : row.summary
        contentHTML = Self.content(row, localizer: localizer)
        author = row.authorCredit
        language = row.language
        category = row.categoryName
        published = row.publishedAt
        updated = max(row.updatedAt, row.publishedAt)
        // Cover images arrive with the media library (issue 13, part 4); the formats already carry them.
        enclosure = nil
    }

    /// The body, then the source and translation lines the article page shows (DESIGN.md §1, part 5), so a story
    /// read in a feed reader keeps its attribution.
    static func content(_ row: FeedRow, localizer l: Localizer) -> String {
        var html = HTML(capacity: row.body.html.utf8.count + 512)
        html.sanitized(row.body)
        if !row.sourceName.isEmpty {
            let template = l[.sourceLabel].components(separatedBy: "{source}")
            html.element("p", [.class("source")]) { p in
                p.text(template.first ?? "")
                if row.sourceURL.isEmpty {
                    p.text(row.sourceName)
                } else {
                    p.element("a", [.href(row.sourceURL)], text: row.sourceName)
                }
                if template.count > 1 { p.text(template[1]) }
            }
        }
        if !row.originalLanguage.isEmpty {
            let name = l.languageName(row.originalLanguage)
            let line =
                row.translator.isEmpty
                ? l(.translatedFrom, ["language": name])
                : l(.translatedFromBy, ["language": name, "translator": row.translator])
            html.element("p", [.class("translation")], text: line)
        }
        return XMLWriter.cleaned(html.output)
    }
}
