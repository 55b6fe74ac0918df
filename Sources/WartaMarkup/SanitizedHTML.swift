/// HTML that is safe to emit as markup. Only this module can create one.
///
/// Views accept raw markup only in this form, so unsanitized HTML cannot reach a page by accident.
public struct SanitizedHTML: Sendable, Hashable {
    /// The sanitized markup, ready to be written into a page verbatim.
    public let html: String

    /// Internal on purpose: only the sanitizer and the Markdown renderer may vouch for markup.
    init(trusted html: String) {
        self.html = html
    }

    /// No markup at all.
    public static let empty = SanitizedHTML(trusted: "")

    /// Markup that `Sanitizer` (or `MarkdownRenderer`) produced earlier and that was stored unchanged together with
    /// the `Sanitizer.revision` of that day. Output of the current revision is taken as it is, which spares a page
    /// render the sanitizing pass; anything older, or of unknown origin (`revision` nil), is sanitized again.
    public static func stored(_ html: String, revision: Int?, policy: SanitizerPolicy) -> SanitizedHTML {
        revision == Sanitizer.revision ? SanitizedHTML(trusted: html) : Sanitizer.sanitize(html, policy: policy)
    }
}
