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
}
