/// Parts 2–6 of the article page, in order; `lang` follows the article inside the article element.
func articlePageView(_ page: ArticlePage, _ context: ViewContext) -> String {
    let l = context.localizer
    let layout = PublicLayout(title: page.title, description: page.description, context: context, head: page.head)
    return layout.render { html in
        html.element("article", [.lang(page.language)]) { article in
            article.element("h1", text: page.title)
            if !page.summary.isEmpty { article.element("p", [.class("dek")], text: page.summary) }
            article.element("p", [.class("byline")], text: page.byline)
            article.element("div", [.class("body")]) { $0.sanitized(page.body) }
            if let source = page.source {
                article.element("p", [.class("source")]) { line in
                    line.text(source.prefix)
                    if source.url.isEmpty {
                        line.text(source.name)
                    } else {
                        line.element("a", [.href(source.url), Attribute("rel", "noopener")], text: source.name)
                    }
                    line.text(source.suffix)
                }
            }
            if let translation = page.translation {
                article.element("p", [.class("source translation")], text: translation)
            }
        }
        taxonomyLinks(page, l, &html)
        if !page.related.isEmpty {
            html.element("section", [.class("related")]) { section in
                section.element("h2", text: l[.relatedHeading])
                section.element("ul") { list in
                    for item in page.related {
                        list.element("li") {
                            $0.element("a", [.href(item.path), .lang(item.language)], text: item.title)
                        }
                    }
                }
            }
        }
        newsletterBoxView(NewsletterBox(), context, into: &html)
    }
}

private func taxonomyLinks(_ page: ArticlePage, _ l: Localizer, _ html: inout HTML) {
    guard page.category != nil || !page.tags.isEmpty else { return }
    html.element("p", [.class("meta")]) { meta in
        if let category = page.category {
            meta.text("\(l[.categoryLabel]): ")
            meta.element("a", [.href(SitePath.category(category.slug).path)], text: category.name)
        }
        if !page.tags.isEmpty {
            meta.text(" \(l[.tagsLabel]): ")
            // Spaces between the links, so copied text and screen readers do not run the tags together.
            for (index, tag) in page.tags.enumerated() {
                if index > 0 { meta.text(" ") }
                meta.element("a", [.href(SitePath.tag(tag.slug).path)], text: "#\(tag.name)")
            }
        }
    }
}
