import Foundation

/// Every editable field of an article, as typed by a person or read from an import file.
struct ArticleDraft: Sendable, Codable, Equatable {
    var title = ""
    var slug = ""
    var language = "id"
    var summary = ""
    var bodyMarkdown = ""
    var authorCredit = ""
    var editorName = ""
    var sourceName = ""
    var sourceURL = ""
    var originalLanguage = ""
    var originalURL = ""
    var translator = ""
    /// Optional so revisions saved before the field existed still decode; empty and nil both mean none.
    var translationGroup: String?
    var category = ""
    var tags: [String] = []
    var publishAt: Date?

    /// A problem with one field; `key` names the localized message.
    struct Problem: Error, Equatable, Sendable {
        let field: Field
        let key: L10nKey
        var arguments: [String: String] = [:]
    }

    enum Field: String, Sendable, CaseIterable, Codable {
        case title, slug, language, summary, body, author, editor, source, sourceURL, originalLanguage, originalURL
        case translator, translationGroup, category, tags, publishAt
    }

    static let limits: [Field: Int] = [
        .title: 300, .slug: 120, .summary: 1000, .body: 500_000, .author: 200, .editor: 200, .source: 200,
        .sourceURL: 2000, .originalURL: 2000, .translator: 200, .translationGroup: 120, .category: 100, .tags: 40,
    ]

    /// Trims whitespace and derives the slug from the title when none was given.
    mutating func normalize() {
        title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        slug = slug.trimmingCharacters(in: .whitespacesAndNewlines)
        if slug.isEmpty { slug = Slug.make(from: title) }
        language = language.trimmingCharacters(in: .whitespaces)
        for path in [
            \ArticleDraft.summary, \.authorCredit, \.editorName, \.sourceName, \.sourceURL, \.originalLanguage,
            \.originalURL, \.translator, \.category,
        ] as [WritableKeyPath<ArticleDraft, String>] {
            self[keyPath: path] = self[keyPath: path].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let group = (translationGroup ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        translationGroup = group.isEmpty ? nil : group
        tags = tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Field problems that do not need the database (slug uniqueness is checked by the writer).
    func problems() -> [Problem] {
        var found: [Problem] = []
        if title.isEmpty { found.append(Problem(field: .title, key: .adminFieldRequired)) }
        if bodyMarkdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            found.append(Problem(field: .body, key: .adminFieldRequired))
        }
        if !title.isEmpty, !Slug.isValid(slug) || Slug.reserved.contains(slug) {
            found.append(Problem(field: .slug, key: .errorSlugInvalid))
        }
        if !Self.isLanguageTag(language) { found.append(Problem(field: .language, key: .errorLanguageInvalid)) }
        if !originalLanguage.isEmpty, !Self.isLanguageTag(originalLanguage) {
            found.append(Problem(field: .originalLanguage, key: .errorLanguageInvalid))
        }
        if let group = translationGroup, !Slug.isValid(group) {
            found.append(Problem(field: .translationGroup, key: .errorTranslationGroupInvalid))
        }
        for (field, value) in [(Field.sourceURL, sourceURL), (.originalURL, originalURL)] where !value.isEmpty {
            if !Self.isWebURL(value) { found.append(Problem(field: field, key: .errorURLInvalid)) }
        }
        let lengths: [(Field, Int)] = [
            (.title, title.count), (.slug, slug.count), (.summary, summary.count), (.body, bodyMarkdown.utf8.count),
            (.author, authorCredit.count), (.editor, editorName.count), (.source, sourceName.count),
            (.sourceURL, sourceURL.count), (.originalURL, originalURL.count), (.translator, translator.count),
            (.category, category.count), (.tags, tags.count),
        ]
        for (field, length) in lengths {
            if let limit = Self.limits[field], length > limit {
                found.append(Problem(field: field, key: .errorTooLong, arguments: ["limit": "\(limit)"]))
            }
        }
        return found
    }

    /// A BCP 47-shaped tag: 2–3 letter language, optional subtags of 2–8 letters or digits.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter })
        else {
            return false
        }
        return parts.dropFirst().allSatisfy {
            (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { return false }
        return !text.contains(where: { $0.isWhitespace })
    }
}
