import FluentKit
import Foundation

/// `warta import`: Markdown files with front matter (CONTRACTS.md, "`warta import`"). One transaction for
/// the whole run: any error imports nothing.
struct ArticleImporter: Sendable {
    let writer: ArticleWriter
    let defaultLanguage: String

    struct ImportError: Error, CustomStringConvertible, Equatable {
        let file: String
        let line: Int
        let message: String
        var description: String { "\(file):\(line): \(message)" }
    }

    struct Source: Sendable {
        let name: String
        let bytes: [UInt8]
    }

    static let keys: Set<String> = [
        "title", "slug", "language", "summary", "author", "editor", "published", "status", "category", "tags", "source",
        "source_url", "original_url", "original_language", "translator",
    ]

    /// Imports every file or none; returns one line per article (`imported /2025/03/slug`).
    func importAll(_ sources: [Source], skipExisting: Bool = false) async throws -> [String] {
        let drafts = try sources.map { try parse($0) }
        return try await writer.database.write(taking: .relatedLists) { db in
            var lines: [String] = []
            var slugs: Set<String> = []
            for (source, parsed) in zip(sources, drafts) {
                if skipExisting, try await Article.query(on: db).filter(\.$slug == parsed.draft.slug).first() != nil {
                    continue
                }
                guard slugs.insert(parsed.draft.slug).inserted else {
                    throw ImportError(
                        file: source.name, line: parsed.slugLine, message: "duplicate slug '\(parsed.draft.slug)'")
                }
                do {
                    let article = try await writer.create(parsed.draft, status: parsed.status, by: nil, on: db)
                    if let path = article.publicPath, article.status == .published {
                        lines.append("imported \(path)")
                    } else {
                        lines.append(
                            "imported draft /admin/articles/\(try article.requireID().uuidString.lowercased())")
                    }
                } catch ArticleWriter.WriteError.problems(let problems) {
                    let problem = problems[0]
                    throw ImportError(
                        file: source.name, line: parsed.lines[problem.field] ?? parsed.closingLine,
                        message: "\(Self.key(for: problem.field)): \(Self.englishMessage(problem))")
                }
            }
            return lines
        }
    }

    struct Parsed: Sendable {
        var draft: ArticleDraft
        var status: ArticleStatus
        var lines: [ArticleDraft.Field: Int]
        var closingLine: Int
        var slugLine: Int
    }

    func parse(_ source: Source) throws -> Parsed {
        guard let text = String(validating: source.bytes, as: UTF8.self), !source.bytes.contains(0) else {
            throw ImportError(file: source.name, line: 1, message: "not a UTF-8 text file")
        }
        let matter: FrontMatter
        do {
            matter = try FrontMatter.parse(text)
        } catch let error as FrontMatter.ParseError {
            throw ImportError(file: source.name, line: error.line, message: error.message)
        }
        func fail(_ key: String, _ message: String) -> ImportError {
            ImportError(file: source.name, line: matter.values[key]?.line ?? matter.closingLine, message: message)
        }
        for key in matter.order where !Self.keys.contains(key) { throw fail(key, "unknown key '\(key)'") }
        var draft = ArticleDraft()
        draft.language = defaultLanguage
        func scalar(_ key: String) throws -> String? {
            guard let value = matter.values[key] else { return nil }
            guard value.list == nil || key == "tags" else { throw fail(key, "'\(key)' must be a single value") }
            return value.text
        }
        guard let title = try scalar("title"), !title.isEmpty else {
            throw fail("title", "missing required key 'title'")
        }
        draft.title = title
        draft.slug = try scalar("slug") ?? ""
        draft.language = try scalar("language") ?? defaultLanguage
        draft.summary = try scalar("summary") ?? ""
        draft.authorCredit = try scalar("author") ?? ""
        draft.editorName = try scalar("editor") ?? ""
        draft.category = try scalar("category") ?? ""
        draft.sourceName = try scalar("source") ?? ""
        draft.sourceURL = try scalar("source_url") ?? ""
        draft.originalURL = try scalar("original_url") ?? ""
        draft.originalLanguage = try scalar("original_language") ?? ""
        draft.translator = try scalar("translator") ?? ""
        if let tags = matter.values["tags"] {
            guard let list = tags.list else { throw fail("tags", "'tags' must be a list like [Banjir, Jakarta]") }
            draft.tags = list
        }
        let status = try parseStatus(matter, fail)
        if let published = try scalar("published") {
            guard let date = Self.parseISO8601(published) else {
                throw fail("published", "'published' must be ISO 8601 with an offset, e.g. 2025-03-03T09:00:00+07:00")
            }
            draft.publishAt = date
        } else if status == .published || status == .scheduled {
            throw fail("published", "missing required key 'published' for status \(status.rawValue)")
        }
        draft.bodyMarkdown = matter.body
        guard !matter.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ImportError(file: source.name, line: matter.closingLine, message: "the body is empty")
        }
        draft.normalize()
        var lines: [ArticleDraft.Field: Int] = [:]
        for field in ArticleDraft.Field.allCases {
            if let line = matter.values[Self.key(for: field)]?.line { lines[field] = line }
        }
        lines[.body] = matter.closingLine
        let slugLine = matter.values["slug"]?.line ?? matter.values["title"]?.line ?? matter.closingLine
        if lines[.slug] == nil { lines[.slug] = slugLine }
        return Parsed(draft: draft, status: status, lines: lines, closingLine: matter.closingLine, slugLine: slugLine)
    }

    private func parseStatus(_ matter: FrontMatter, _ fail: (String, String) -> ImportError) throws -> ArticleStatus {
        guard let raw = matter.values["status"]?.text else { return .draft }
        guard let status = ArticleStatus(rawValue: raw), status != .unpublished else {
            throw fail("status", "'status' must be draft, review, scheduled or published")
        }
        return status
    }

    static func parseISO8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        // `2025-03-03T09:00+07:00` (no seconds) is common in hand-written files.
        formatter.formatOptions = [
            .withFullDate, .withTime, .withColonSeparatorInTime, .withTimeZone, .withDashSeparatorInDate,
        ]
        return formatter.date(from: text)
    }

    static func key(for field: ArticleDraft.Field) -> String {
        switch field {
        case .author: "author"
        case .editor: "editor"
        case .source: "source"
        case .sourceURL: "source_url"
        case .originalURL: "original_url"
        case .originalLanguage: "original_language"
        case .publishAt: "published"
        case .body: "body"
        default: field.rawValue
        }
    }

    static func englishMessage(_ problem: ArticleDraft.Problem) -> String {
        Localizer(.en)(problem.key, problem.arguments)
    }
}
