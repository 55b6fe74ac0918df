import Foundation

func articleEditorView(_ state: EditorState, _ context: ViewContext) -> String {
    let l = context.localizer
    let title = state.draft.title.isEmpty ? l[.adminNewArticle] : state.draft.title
    return AdminLayout(title: title, context: context).render { html in
        html.element("h1", text: title)
        html.element("p", text: "\(l[.fieldStatus]): \(l.status(state.status))")
        if let path = state.publicPath { html.element("p") { $0.element("a", [.href(path)], text: l[.adminViewLive]) } }
        if let notice = state.notice { html.element("p", [.class("notice")], text: l[notice]) }
        if state.isForbidden { html.element("p", [.class("error")], text: l[.errorNotAllowed]) }
        if state.isConflict { conflictNotice(state, context, &html) }
        let action = state.articleID.map { SitePath.adminArticle($0).path } ?? "/admin/articles"
        html.element("form", [Attribute("method", "post"), Attribute("action", action)]) { form in
            csrfField(&form, context)
            form.open("input", [.type("hidden"), .name("version"), .value("\(state.version)")])
            editorFields(state, context, &form)
            workflowButtons(state, l, &form)
        }
        if let preview = state.preview {
            html.element("section", [.class("preview"), .lang(state.draft.language)]) { section in
                section.element("h2", text: l[.adminPreviewHeading])
                section.element("h1", text: state.draft.title)
                section.sanitized(preview)
            }
        }
        if let id = state.articleID, !state.revisions.isEmpty { revisionList(state, id, context, &html) }
        if let id = state.articleID, state.isNeverPublished {
            html.element("p") {
                $0.element("a", [.href(SitePath.adminArticle(id).path + "/delete")], text: l[.adminDeleteArticle])
            }
        }
    }
}

private func editorFields(_ state: EditorState, _ context: ViewContext, _ form: inout HTML) {
    let l = context.localizer
    let d = state.draft
    textField(
        &form, label: l[.fieldTitle], name: "title", value: d.title, error: state.message(for: .title, l),
        required: true)
    textField(
        &form, label: l[.fieldSlug], name: "slug", value: d.slug, error: state.message(for: .slug, l),
        hint: l[.fieldSlugHint])
    textField(
        &form, label: l[.fieldLanguage], name: "language", value: d.language, error: state.message(for: .language, l),
        list: "languages")
    languageOptions(l, &form)
    form.element("label", [Attribute("for", "summary")], text: l[.fieldSummary])
    form.element(
        "textarea", [.name("summary"), .id("summary"), Attribute("rows", "3"), Attribute("style", "min-height:4rem")],
        text: d.summary)
    if let error = state.message(for: .summary, l) { form.element("p", [.class("error")], text: error) }
    form.element("label", [Attribute("for", "body")], text: l[.fieldBody])
    form.element("small", text: l[.fieldBodyHint])
    form.element("textarea", [.name("body"), .id("body")], text: d.bodyMarkdown)
    if let error = state.message(for: .body, l) { form.element("p", [.class("error")], text: error) }
    textField(
        &form, label: l[.fieldAuthorCredit], name: "author", value: d.authorCredit,
        error: state.message(for: .author, l))
    textField(&form, label: l[.fieldEditor], name: "editor", value: d.editorName, error: state.message(for: .editor, l))
    textField(
        &form, label: l[.fieldSourceName], name: "source", value: d.sourceName, error: state.message(for: .source, l))
    textField(
        &form, label: l[.fieldSourceURL], name: "source_url", value: d.sourceURL, type: "url",
        error: state.message(for: .sourceURL, l))
    textField(
        &form, label: l[.fieldOriginalLanguage], name: "original_language", value: d.originalLanguage,
        error: state.message(for: .originalLanguage, l), list: "languages")
    textField(
        &form, label: l[.fieldOriginalURL], name: "original_url", value: d.originalURL, type: "url",
        error: state.message(for: .originalURL, l))
    textField(
        &form, label: l[.fieldTranslator], name: "translator", value: d.translator,
        error: state.message(for: .translator, l))
    textField(
        &form, label: l[.fieldTranslationGroup], name: "translation_group", value: d.translationGroup ?? "",
        error: state.message(for: .translationGroup, l), hint: l[.fieldTranslationGroupHint])
    textField(
        &form, label: l[.fieldCategory], name: "category", value: d.category, error: state.message(for: .category, l),
        list: "categories")
    form.open("datalist", [.id("categories")])
    for name in state.categories { form.open("option", [.value(name)]) }
    form.close("datalist")
    textField(
        &form, label: l[.fieldTags], name: "tags", value: d.tags.joined(separator: ", "),
        error: state.message(for: .tags, l),
        hint: l[.fieldTagsHint])
    let publishAt = state.publishAtText.isEmpty ? d.publishAt.map(context.dates.inputValue) ?? "" : state.publishAtText
    textField(
        &form, label: l[.fieldPublishAt], name: "publish_at", value: publishAt,
        error: state.message(for: .publishAt, l),
        hint: l[.fieldPublishAtHint])
}

private func workflowButtons(_ state: EditorState, _ l: Localizer, _ form: inout HTML) {
    form.element("p", [.class("actions")]) { actions in
        let buttons: [(EditorState.Action, L10nKey)] = [
            (.save, .actionSave), (.preview, .actionPreview), (.review, .actionSubmitReview),
            (.schedule, .actionSchedule),
            (.publish, .actionPublish), (.unpublish, .actionUnpublish), (.draft, .actionBackToDraft),
        ]
        for (action, label) in buttons where isOffered(action, state.status) {
            actions.element("button", [.type("submit"), .name("action"), .value(action.rawValue)], text: l[label])
        }
    }
}

private func isOffered(_ action: EditorState.Action, _ status: ArticleStatus) -> Bool {
    switch action {
    case .save, .preview: true
    case .review: status == .draft || status == .unpublished
    case .schedule: status != .published
    case .publish: status != .published
    case .unpublish: status == .published || status == .scheduled
    case .draft: status != .draft
    }
}

/// What the saves since the user's version changed and who made them, then the latest title and body.
private func conflictNotice(_ state: EditorState, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    html.element("div", [.class("conflict")]) { box in
        box.element("p", text: l[.adminConflict])
        if let conflict = state.conflict {
            let fields = conflict.changedFields.map { l[$0.label] }.joined(separator: ", ")
            if !fields.isEmpty {
                box.element(
                    "p", text: l(.adminConflictChanged, ["version": "\(conflict.baseVersion)", "fields": fields]))
            }
            let newer = state.revisions.filter { $0.version > conflict.baseVersion }
            if !newer.isEmpty {
                box.element("ul") { list in
                    for revision in newer {
                        list.element(
                            "li", text: revisionCaption(revision.version, revision.savedAt, revision.savedBy, context))
                    }
                }
            }
        }
        if let theirs = state.theirs {
            box.element("h2", text: l[.adminConflictTheirs])
            box.element("p") { $0.element("strong", text: theirs.title) }
            box.element("pre", text: theirs.bodyMarkdown)
        }
    }
}

private func revisionList(_ state: EditorState, _ id: UUID, _ context: ViewContext, _ html: inout HTML) {
    let l = context.localizer
    html.element("section") { section in
        section.element("h2", text: l[.adminRevisions])
        section.element("ul") { list in
            for revision in state.revisions {
                list.element("li") { item in
                    item.text(revisionCaption(revision.version, revision.savedAt, revision.savedBy, context) + " ")
                    let path = SitePath.adminArticle(id).path + "/revisions/" + revision.id.uuidString.lowercased()
                    item.element("a", [.href(path)], text: l[.adminViewRevision])
                    guard revision.version != state.version else { return }
                    item.text(" ")
                    restoreForm(revisionID: revision.id, articleID: id, version: state.version, context, &item)
                }
            }
        }
    }
}

/// Suggestions for both language fields: the codes the translation line can name, each with its name in the UI
/// language. Any other BCP 47 tag may still be typed.
private func languageOptions(_ l: Localizer, _ form: inout HTML) {
    form.open("datalist", [.id("languages")])
    for code in LanguageNames.codes { form.element("option", [.value(code)], text: l.languageName(code)) }
    form.close("datalist")
}

/// The question before deleting an article that was never public, or why it cannot be deleted.
func deleteArticleView(_ article: Article, version: Int, problem: L10nKey?, _ context: ViewContext) -> String {
    let l = context.localizer
    let editorPath = article.id.map { SitePath.adminArticle($0).path } ?? "/admin/articles"
    return AdminLayout(title: l[.adminDeleteArticle], context: context).render { html in
        html.element("h1", text: problem == nil ? l[.adminDeleteArticleQuestion] : l[.adminDeleteArticle])
        html.element("p") { $0.element("strong", text: article.title) }
        if let problem {
            html.element("p", [.class("error")], text: l[problem])
        } else {
            html.element("p", text: l[.adminDeleteArticleBody])
            html.element("form", [Attribute("method", "post"), Attribute("action", editorPath + "/delete")]) { form in
                csrfField(&form, context)
                form.open("input", [.type("hidden"), .name("version"), .value("\(version)")])
                form.element("p", [.class("actions")]) {
                    $0.element("button", [.type("submit"), .class("danger")], text: l[.actionDelete])
                }
            }
        }
        html.element("p") { $0.element("a", [.href(editorPath)], text: l[.adminBackToEditor]) }
    }
}
