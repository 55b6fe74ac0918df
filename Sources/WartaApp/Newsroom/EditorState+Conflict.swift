import FluentKit
import Foundation

/// What the editor shows after a conflict (issue 10, part 6): the user's fields as typed, with the latest version in
/// the form, so one more save puts her text in, after she has seen what the saves in between changed.
struct EditorConflict: Sendable, Equatable {
    /// The version the user started from.
    let baseVersion: Int
    /// The fields the saves after `baseVersion` changed.
    let changedFields: [ArticleDraft.Field]
}

extension EditorState {
    /// This state moved onto `current`: the user's draft stays, the form carries the latest version and status,
    /// and `theirs` holds the latest saved fields.
    func rebased(on current: Article, on db: any Database) async throws -> EditorState {
        let latest = try await EditorState(article: current, on: db)
        let id = try current.requireID()
        var state = self
        state.isConflict = true
        state.version = latest.version
        state.status = latest.status
        state.publicPath = latest.publicPath
        state.isNeverPublished = latest.isNeverPublished
        state.theirs = latest.draft
        // Both sides from revision snapshots: the same normalized form on either side. A version with no revision
        // (a forged or mangled form) gets no account of changes, only the latest fields.
        guard let base = try await Self.savedDraft(of: id, version: version, on: db) else { return state }
        let saved = try await Self.savedDraft(of: id, version: latest.version, on: db) ?? latest.draft
        state.conflict = EditorConflict(baseVersion: version, changedFields: base.fields(differingFrom: saved))
        return state
    }

    /// The fields as saved in one version, if its revision is there and still decodes.
    static func savedDraft(of articleID: UUID, version: Int, on db: any Database) async throws -> ArticleDraft? {
        let revision = try await Revision.query(on: db).filter(\.$articleID == articleID).filter(\.$version == version)
            .first()
        return revision.flatMap { try? JSONDecoder().decode(ArticleDraft.self, from: Data($0.snapshot.utf8)) }
    }
}

extension ArticleDraft {
    /// The fields whose values differ; tags compare as a set, whatever their order or case.
    func fields(differingFrom other: ArticleDraft) -> [Field] {
        Field.allCases.filter { comparable($0) != other.comparable($0) }
    }

    private func comparable(_ field: Field) -> String {
        switch field {
        case .title: title
        case .slug: slug
        case .language: language
        case .summary: summary
        case .body: bodyMarkdown
        case .author: authorCredit
        case .editor: editorName
        case .source: sourceName
        case .sourceURL: sourceURL
        case .originalLanguage: originalLanguage
        case .originalURL: originalURL
        case .translator: translator
        case .translationGroup: translationGroup ?? ""
        case .category: category
        case .tags: tags.map { $0.lowercased() }.sorted().joined(separator: "\n")
        case .publishAt: publishAt.map { "\(Int($0.timeIntervalSince1970))" } ?? ""
        }
    }
}

extension ArticleDraft.Field {
    /// The editor's label for this field.
    var label: L10nKey {
        switch self {
        case .title: .fieldTitle
        case .slug: .fieldSlug
        case .language: .fieldLanguage
        case .summary: .fieldSummary
        case .body: .fieldBody
        case .author: .fieldAuthorCredit
        case .editor: .fieldEditor
        case .source: .fieldSourceName
        case .sourceURL: .fieldSourceURL
        case .originalLanguage: .fieldOriginalLanguage
        case .originalURL: .fieldOriginalURL
        case .translator: .fieldTranslator
        case .translationGroup: .fieldTranslationGroup
        case .category: .fieldCategory
        case .tags: .fieldTags
        case .publishAt: .fieldPublishAt
        }
    }
}
