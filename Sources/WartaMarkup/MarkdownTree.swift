import CCmarkGFM

/// Newsroom rules applied to the cmark-gfm tree before it is rendered:
/// - `# Heading` becomes `<h2>`: the page's only h1 is the headline, and the article policy allows h2–h6.
/// - An image alone in its paragraph becomes `<figure>` with its title as the `<figcaption>`.
/// - Every image after the first gets `loading="lazy"` (VIEWS.md); the first loads at once.
/// - `{width=800 height=600}` right after an image gives its size, so the page does not shift as it loads.
/// Images are emitted as raw HTML nodes written here (escaped); the sanitizer still checks the result.
enum MarkdownTree {
    static func rewrite(_ document: OpaquePointer) {
        var headings: [OpaquePointer] = []
        var images: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator)
            else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_IMAGE: images.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)
        for heading in headings where cmark_node_get_heading_level(heading) == 1 {
            cmark_node_set_heading_level(heading, 2)
        }
        for (index, image) in images.enumerated() {
            replace(image, isFirst: index == 0)
        }
    }

    private static func replace(_ image: OpaquePointer, isFirst: Bool) {
        let size = takeSize(after: image)
        let picture = ImageMarkup(
            source: string(cmark_node_get_url(image)), alternative: plainText(of: image),
            title: string(cmark_node_get_title(image)), size: size, isLazy: !isFirst)
        if let paragraph = cmark_node_parent(image), isAlone(image, in: paragraph) {
            replaceNode(paragraph, type: CMARK_NODE_HTML_BLOCK, html: picture.figure())
        } else {
            replaceNode(image, type: CMARK_NODE_HTML_INLINE, html: picture.img())
        }
    }

    /// Reads and removes a `{width=… height=…}` text right after the image.
    private static func takeSize(after image: OpaquePointer) -> ImageMarkup.Size? {
        guard let next = cmark_node_next(image), cmark_node_get_type(next) == CMARK_NODE_TEXT else { return nil }
        let text = string(cmark_node_get_literal(next))
        guard let (size, rest) = ImageMarkup.Size.parsePrefix(text) else { return nil }
        if rest.isEmpty {
            cmark_node_unlink(next)
            cmark_node_free(next)
        } else {
            cmark_node_set_literal(next, rest)
        }
        return size
    }

    private static func isAlone(_ image: OpaquePointer, in parent: OpaquePointer) -> Bool {
        guard cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH else { return false }
        var child = cmark_node_first_child(parent)
        while let node = child {
            if node != image {
                let type = cmark_node_get_type(node)
                let isBlank =
                    (type == CMARK_NODE_TEXT && string(cmark_node_get_literal(node)).allSatisfy(\.isWhitespace))
                    || type == CMARK_NODE_SOFTBREAK
                if !isBlank { return false }
            }
            child = cmark_node_next(node)
        }
        return true
    }

    private static func replaceNode(_ node: OpaquePointer, type: cmark_node_type, html: String) {
        guard let replacement = cmark_node_new(type) else { return }
        cmark_node_set_literal(replacement, html)
        cmark_node_insert_before(node, replacement)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// The alt text: the image description's text, without its Markdown.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator)
            else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        cmark_iter_free(iterator)
        return text
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// The HTML of one Markdown image, escaped here; URLs are checked by the sanitizer afterwards.
struct ImageMarkup {
    struct Size: Equatable {
        let width: Int
        let height: Int

        /// `{width=800 height=600}` (either order, spaces allowed) at the start of `text`: the size and the rest.
        static func parsePrefix(_ text: String) -> (Size, String)? {
            guard text.hasPrefix("{"), let close = text.firstIndex(of: "}") else { return nil }
            var width: Int?
            var height: Int?
            for pair in text[text.index(after: text.startIndex)..<close].split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let value = Int(parts[1]), (1...10_000).contains(value) else { return nil }
                switch parts[0] {
                case "width": width = value
                case "height": height = value
                default: return nil
                }
            }
            guard let width, let height else { return nil }
            return (Size(width: width, height: height), String(text[text.index(after: close)...]))
        }
    }

    let source: String
    let alternative: String
    let title: String
    let size: Size?
    let isLazy: Bool

    func img(withTitle: Bool = true) -> String {
        var out: [UInt8] = Array("<img src=\"".utf8)
        HTMLEscaping.appendAttributeValue(source, to: &out)
        out += Array("\" alt=\"".utf8)
        HTMLEscaping.appendAttributeValue(alternative, to: &out)
        out += Array("\"".utf8)
        if withTitle, !title.isEmpty {
            out += Array(" title=\"".utf8)
            HTMLEscaping.appendAttributeValue(title, to: &out)
            out += Array("\"".utf8)
        }
        if let size { out += Array(" width=\"\(size.width)\" height=\"\(size.height)\"".utf8) }
        if isLazy { out += Array(" loading=\"lazy\"".utf8) }
        out += Array(">".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// A standalone image: the title, when given, is its caption (not repeated as a tooltip).
    func figure() -> String {
        var out: [UInt8] = Array("<figure>".utf8)
        out += Array(img(withTitle: false).utf8)
        if !title.isEmpty {
            out += Array("<figcaption>".utf8)
            HTMLEscaping.appendText(title, to: &out)
            out += Array("</figcaption>".utf8)
        }
        out += Array("</figure>\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
