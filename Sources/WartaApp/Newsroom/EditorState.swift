import FluentKit
import Foundation
import Hummingbird
import WartaMarkup

struct AdminArticleRow: Sendable {
    let id: UUID
    let title: String
    let status: ArticleStatus
    let updatedAt: Date
    /// When it went or goes live: shown for scheduled articles.
    let publishedAt: Date?
    /// Who started it and which staff account its credit names: what decides whether an author may open it.
    let createdBy: UUID?
    let creditedUser: UUID?
}

struct RevisionRow: Sendable {
    let id: UUID
    let version: Int
    let savedAt: Date
    let savedBy: String?
}

/// What the editor form shows: the fields as typed, the workflow state, messages and the history.
struct EditorState: Sendable {
    enum Action: String, Sendable {
        case save, preview, review, schedule, publish, unpublish, draft

        var targetStatus: ArticleStatus? {
            switch self {
            case .save, .preview: nil
            case .review: .review
            case .schedule: .scheduled
            case .publish: .published
            case .unpublish: .unpublished
            case .draft: .draft
            }
        }
    }

    var draft: ArticleDraft
    var status: ArticleStatus
    var version: Int
    var articleID: UUID?
    var publicPath: String?
    /// Never public: the editor offers to delete it.
    var isNeverPublished = false
    var action: Action = .save
    var publishAtText = ""
    var problems: [ArticleDraft.Problem] = []
    var isConflict = false
    var isForbidden = false
    /// The latest saved version, shown beside the user's unsaved one after a conflict.
    var theirs: ArticleDraft?
    /// After a conflict: the version the user started from and what changed since.
    var conflict: EditorConflict?
    var notice: L10nKey?
    var revisions: [RevisionRow] = []
    var categories: [String] = []
    var preview: SanitizedHTML?

    init(draft: ArticleDraft, status: ArticleStatus, version: Int) {
        self.draft = draft
        self.status = status
        self.version = version
    }

    init(article: Article, on db: any Database) async throws {
        var draft = ArticleDraft()
        draft.title = article.title
        draft.slug = article.slug
        draft.language = article.language
        draft.summary = article.summary
        draft.bodyMarkdown = article.bodyMarkdown
        draft.authorCredit = article.authorCredit
        draft.editorName = article.editorName
        draft.sourceName = article.sourceName
        draft.sourceURL = article.sourceURL
        draft.originalLanguage = article.originalLanguage
        draft.originalURL = article.originalURL
        draft.translator = article.translator
        draft.translationGroup = article.translationGroup
        if let categoryID = article.categoryID {
            draft.category = try await Category.find(categoryID, on: db)?.name ?? ""
        }
        let tagIDs = try await ArticleTag.query(on: db).filter(\.$articleID == article.requireID()).all().map(\.tagID)
        draft.tags =
            tagIDs.isEmpty ? [] : try await Tag.query(on: db).filter(\.$id ~~ tagIDs).sort(\.$name).all().map(\.name)
        draft.publishAt = article.publishedAt
        self.init(draft: draft, status: article.status, version: article.version)
        articleID = article.id
        publicPath = article.status == .published ? article.publicPath : nil
        isNeverPublished = article.isNeverPublished
    }

    /// Reads the posted editor form. A bad date is a field problem; the form is shown again with it.
    init(form: FormData, dates: DateFormats, defaultLanguage: String) throws {
        var draft = ArticleDraft()
        draft.title = form["title"]
        draft.slug = form["slug"]
        let language = form["language"].trimmingCharacters(in: .whitespaces)
        draft.language = language.isEmpty ? defaultLanguage : language
        draft.summary = form["summary"]
        draft.bodyMarkdown = form["body"].replacingOccurrences(of: "\r\n", with: "\n")
        draft.authorCredit = form["author"]
        draft.editorName = form["editor"]
        draft.sourceName = form["source"]
        draft.sourceURL = form["source_url"]
        draft.originalLanguage = form["original_language"]
        draft.originalURL = form["original_url"]
        draft.translator = form["translator"]
        draft.translationGroup = form["translation_group"]
        draft.category = form["category"]
        draft.tags = form["tags"].split(separator: ",").map(String.init)
        self.init(draft: draft, status: .draft, version: Int(form["version"]) ?? 0)
        action = Action(rawValue: form["action"]) ?? .save
        publishAtText = form["publish_at"].trimmingCharacters(in: .whitespaces)
        if !publishAtText.isEmpty {
            if let date = dates.parseInput(publishAtText) {
                self.draft.publishAt = date
            } else {
                problems.append(.init(field: .publishAt, key: .errorDateInvalid))
            }
        }
        if action != .preview {
            var normalized = self.draft
            normalized.normalize()
            problems += normalized.problems()
        }
    }

    func failed(_ error: ArticleWriter.WriteError) -> EditorState {
        var state = self
        switch error {
        case .problems(let found): state.problems = found
        case .conflict: state.isConflict = true
        case .notAllowed: state.isForbidden = true
        case .notFound, .notDeletable: state.isForbidden = true
        }
        return state
    }

    var httpStatus: HTTPResponse.Status {
        if isConflict { return .conflict }
        if isForbidden { return .forbidden }
        return problems.isEmpty ? .ok : .unprocessableContent
    }

    func message(for field: ArticleDraft.Field, _ l: Localizer) -> String? {
        problems.first { $0.field == field }.map { l($0.key, $0.arguments) }
    }
}
