import Foundation
import WartaMarkup

/// The article page's display-ready values: parts 2–6 of DESIGN.md §1 (the layout draws part 1).
struct ArticlePage: Sendable {
    let title: String
    let summary: String
    /// The meta description: the summary, else the start of the body text.
    let description: String
    let language: String
    let byline: String
    let body: SanitizedHTML
    /// `- Sumber : ` + the linked source name (+ any text the language puts after the name).
    let source: (prefix: String, name: String, suffix: String, url: String)?
    let translation: String?
    let category: NamedLink?
    let tags: [NamedLink]
    let related: [RelatedLink]
    let head: PageHead

    init(_ row: ArticleRow, context: ViewContext) {
        let l = context.localizer
        title = row.title
        summary = row.summary
        description =
            row.summary.isEmpty
            ? Self.excerpt(TextExtractor.plainText(fromHTML: row.body.html, stoppingAfter: Self.excerptLength))
            : row.summary
        language = row.language
        byline = Byline.text(author: row.authorCredit, editor: row.editorName, at: row.publishedAt, context: context)
        body = row.body
        if row.sourceName.isEmpty {
            source = nil
        } else {
            let template = l[.sourceLabel].components(separatedBy: "{source}")
            source = (template.first ?? "", row.sourceName, template.count > 1 ? template[1] : "", row.sourceURL)
        }
        if row.originalLanguage.isEmpty {
            translation = nil
        } else {
            let name = l.languageName(row.originalLanguage)
            translation =
                row.translator.isEmpty
                ? l(.translatedFrom, ["language": name])
                : l(.translatedFromBy, ["language": name, "translator": row.translator])
        }
        category = row.category
        tags = row.tags
        self.related = row.related
        head = Self.head(for: row, description: description, context: context)
    }
}

extension ArticlePage {
    static let excerptLength = 160

    /// At most `limit` characters, cut at a word boundary.
    static func excerpt(_ text: String, limit: Int = excerptLength) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}

/// `Penulis : Rina | Editor : Dodi | Kamis, 15 Oktober 2015 07:34`; an empty author or editor drops its segment.
enum Byline {
    static func text(author: String, editor: String, at date: Date, context: ViewContext) -> String {
        let l = context.localizer
        var parts: [String] = []
        if !author.isEmpty { parts.append(l(.bylineAuthor, ["author": author])) }
        if !editor.isEmpty { parts.append(l(.bylineEditor, ["editor": editor])) }
        parts.append(context.dates.dateTime(date))
        return parts.joined(separator: " | ")
    }
}
