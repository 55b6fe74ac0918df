/// Which markup the sanitizer keeps. Everything not listed is unwrapped (its text kept) or,
/// for elements whose content is code or foreign markup, dropped with its content.
public enum SanitizerPolicy: String, Sendable, CaseIterable {
    /// Reader comments: paragraphs, line breaks, links (`rel="nofollow ugc noopener"` is
    /// added), bold/italic/underline/strike, code, quotes and lists.
    case comment
    /// Newsroom articles: the comment set plus h2–h6, images, figures, tables, rules, sub/sup.
    case article
}

extension SanitizerPolicy {
    /// The `rel` every link gets under the comment policy: no ranking credit, marked as
    /// user content, no window.opener access.
    static let commentLinkRel = "nofollow ugc noopener"

    static let commentElements: Set<String> = [
        "p", "br", "a", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    ]

    static let articleElements: Set<String> = commentElements.union([
        "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption", "table", "caption", "thead", "tbody",
        "tfoot", "tr", "th", "td", "hr", "sub", "sup",
    ])

    /// Elements dropped together with everything inside them: code, embedded documents,
    /// form controls whose text is not content, and foreign (SVG/MathML) markup.
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "title", "xmp",
        "noembed", "noframes", "svg", "math", "plaintext",
    ]

    var allowedElements: Set<String> {
        switch self {
        case .comment: return Self.commentElements
        case .article: return Self.articleElements
        }
    }

    /// The attributes to emit for an allowed element, validated and normalized, in input
    /// order; nil when the element must be dropped (an image without a usable source).
    func attributes(for tag: HTMLStartTag) -> [HTMLAttribute]? {
        switch tag.name {
        case "a": return linkAttributes(tag)
        case "img": return self == .article ? imageAttributes(tag) : nil
        case "th", "td": return self == .article ? cellAttributes(tag) : []
        default: return []
        }
    }

    private func linkAttributes(_ tag: HTMLStartTag) -> [HTMLAttribute] {
        var kept = tag.attributes.filter { attribute in
            switch attribute.name {
            case "href": return URLPolicy.isSafeLink(attribute.value)
            case "title": return self == .article
            default: return false
            }
        }
        if self == .comment {
            kept.append(HTMLAttribute(name: "rel", value: Self.commentLinkRel))
        }
        return kept
    }

    private func imageAttributes(_ tag: HTMLStartTag) -> [HTMLAttribute]? {
        guard let source = tag.value(of: "src"), source.contains(where: { !$0.isWhitespace }),
            URLPolicy.isSafeImageSource(source)
        else { return nil }
        return tag.attributes.compactMap { attribute in
            switch attribute.name {
            case "src", "alt", "title": return attribute
            case "width", "height": return Self.digitsOnly(attribute)
            case "loading": return Self.oneOf(["lazy", "eager"], attribute)
            default: return nil
            }
        }
    }

    private func cellAttributes(_ tag: HTMLStartTag) -> [HTMLAttribute] {
        tag.attributes.compactMap { attribute in
            switch attribute.name {
            case "align": return Self.oneOf(["left", "right", "center"], attribute)
            case "colspan", "rowspan": return Self.digitsOnly(attribute)
            default: return nil
            }
        }
    }

    /// Keeps a numeric attribute only when it is plain ASCII digits.
    private static func digitsOnly(_ attribute: HTMLAttribute) -> HTMLAttribute? {
        let value = attribute.value.utf8
        guard !value.isEmpty, value.count <= 9, value.allSatisfy(Byte.isDigit) else { return nil }
        return attribute
    }

    /// Keeps a keyword attribute when it matches one of `keywords`, emitted in lowercase.
    private static func oneOf(_ keywords: Set<String>, _ attribute: HTMLAttribute) -> HTMLAttribute? {
        let keyword = String(decoding: attribute.value.utf8.map(Byte.lowercased), as: UTF8.self)
        guard keywords.contains(keyword) else { return nil }
        return HTMLAttribute(name: attribute.name, value: keyword)
    }
}
