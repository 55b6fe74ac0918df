/// What the sanitizer needs to know about an element, found with one hash lookup per tag
/// instead of one per rule.
struct ElementTraits: OptionSet, Sendable {
    let rawValue: UInt16

    static let allowedInComments = ElementTraits(rawValue: 1 << 0)
    static let allowedInArticles = ElementTraits(rawValue: 1 << 1)
    static let droppedWithContent = ElementTraits(rawValue: 1 << 2)
    static let void = ElementTraits(rawValue: 1 << 3)
    static let heading = ElementTraits(rawValue: 1 << 4)
    /// caption, thead, tbody, tfoot, tr, td, th: only meaningful inside a table.
    static let tablePart = ElementTraits(rawValue: 1 << 5)
    static let tableSection = ElementTraits(rawValue: 1 << 6)
    /// table, td, th, caption: where searches for an open `p` or `a` stop (the spec's scopes).
    static let scopeBoundary = ElementTraits(rawValue: 1 << 7)
    /// Phrasing elements an `li` search may look through.
    static let inline = ElementTraits(rawValue: 1 << 8)
    /// Start tags that close an open `p`.
    static let closesParagraph = ElementTraits(rawValue: 1 << 9)

    /// The traits of the element called `name` (lowercase); empty for unknown elements.
    static func of(_ name: String) -> ElementTraits {
        table[name] ?? []
    }

    private static let table: [String: ElementTraits] = {
        var table: [String: ElementTraits] = [:]
        func add(_ names: Set<String>, _ trait: ElementTraits) {
            for name in names { table[name, default: []].insert(trait) }
        }
        add(SanitizerPolicy.commentElements, .allowedInComments)
        add(SanitizerPolicy.articleElements, .allowedInArticles)
        add(SanitizerPolicy.droppedWithContent, .droppedWithContent)
        add(["br", "hr", "img"], .void)
        add(["h2", "h3", "h4", "h5", "h6"], .heading)
        add(["caption", "thead", "tbody", "tfoot", "tr", "td", "th"], .tablePart)
        add(["thead", "tbody", "tfoot"], .tableSection)
        add(["table", "td", "th", "caption"], .scopeBoundary)
        add(["a", "b", "strong", "em", "i", "u", "s", "del", "code", "sub", "sup"], .inline)
        add(
            [
                "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "figure", "figcaption",
                "table", "hr",
            ], .closesParagraph)
        return table
    }()
}
