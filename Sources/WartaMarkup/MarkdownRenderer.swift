import CCmarkGFM

/// Markdown to sanitized HTML, using cmark-gfm with the table, strikethrough and autolink
/// extensions.
public enum MarkdownRenderer {
    /// Renders GitHub-flavoured Markdown and passes the HTML through `Sanitizer` with `policy`.
    ///
    /// Raw HTML in the Markdown is kept by cmark (so authors can use it) and then sanitized,
    /// like any other HTML. Quotes and dashes stay as typed (no smart punctuation).
    public static func render(_ markdown: String, policy: SanitizerPolicy = .article) -> SanitizedHTML {
        Sanitizer.sanitize(renderUnsanitized(markdown), policy: policy)
    }

    /// cmark-gfm registers its extensions in a process-wide registry; a static let runs the
    /// registration exactly once, thread-safely.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink"]

    /// cmark-gfm's HTML output, before sanitizing.
    static func renderUnsanitized(_ markdown: String) -> String {
        guard extensionsRegistered, let parser = cmark_parser_new(CMARK_OPT_UNSAFE) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var source = markdown
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        MarkdownTree.rewrite(document)
        guard let rendered = cmark_render_html(document, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser))
        else { return "" }
        // cmark allocated the string with its default allocator; free it with the same one.
        defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
        return String(cString: rendered)
    }
}
