/// The allowed elements the sanitizer has opened and not closed yet, plus the few HTML
/// content rules that decide when an element closes implicitly.
///
/// Every implicit close is written out as an explicit end tag, so sanitizing the output
/// again meets an already-consistent stack and changes nothing (idempotence), and browsers
/// and html5lib build the same tree from the output as we did.
struct OpenElements {
    /// Nesting limit; deeper start tags are unwrapped. It also bounds every stack walk,
    /// which keeps pathological nesting linear.
    static let maxDepth = 128

    static let voidElements: Set<String> = ["br", "hr", "img"]
    static let headings: Set<String> = ["h2", "h3", "h4", "h5", "h6"]
    static let tableParts: Set<String> = ["caption", "thead", "tbody", "tfoot", "tr", "td", "th"]
    static let tableSections: Set<String> = ["thead", "tbody", "tfoot"]
    /// Elements that end a search for an open `p` or `a` (the spec's scope markers we use).
    static let scopeBoundaries: Set<String> = ["table", "td", "th", "caption"]
    /// Phrasing elements an `li` search may look through.
    static let inlineElements: Set<String> = [
        "a", "b", "strong", "em", "i", "u", "s", "del", "code", "sub", "sup",
    ]
    /// Start tags that close an open `p`.
    static let closesParagraph: Set<String> = [
        "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "figure", "figcaption", "table",
        "hr",
    ]

    private(set) var names: [String] = []

    /// Applies the content rules before `name` is opened, writing implicit end tags (and an
    /// implicit `<tr>`) to `out`. Returns false when the element must be unwrapped instead.
    mutating func prepareToOpen(_ name: String, out: inout [UInt8]) -> Bool {
        let isVoid = Self.voidElements.contains(name)
        guard isVoid || names.count < Self.maxDepth else { return false }
        if Self.tableParts.contains(name) { return prepareTablePart(name, out: &out) }
        if name == "li" { closeOpenListItem(out: &out) }
        if Self.closesParagraph.contains(name) { closeInScope("p", out: &out) }
        if Self.headings.contains(name), let top = names.last, Self.headings.contains(top) {
            // A heading cannot contain another heading; the parser closes the open one.
            pop(toCount: names.count - 1, out: &out)
        }
        if name == "a" { closeInScope("a", out: &out) }
        return true
    }

    /// Records an opened non-void element.
    mutating func push(_ name: String) {
        names.append(name)
    }

    /// Handles an end tag: closes the matching open element and everything inside it, unless
    /// a scope boundary comes first; unmatched end tags are ignored.
    mutating func close(_ name: String, out: inout [UInt8]) {
        let matches: (String) -> Bool =
            Self.headings.contains(name) ? { Self.headings.contains($0) } : { $0 == name }
        let stops: Set<String> =
            name == "table" ? [] : (Self.tableParts.contains(name) ? ["table"] : Self.scopeBoundaries)
        for index in names.indices.reversed() {
            if matches(names[index]) {
                pop(toCount: index, out: &out)
                return
            }
            if stops.contains(names[index]) { return }
        }
    }

    /// Closes everything still open, at the end of input.
    mutating func closeAll(out: inout [UInt8]) {
        pop(toCount: 0, out: &out)
    }

    /// Table parts only make sense inside a table: close open siblings up to the right
    /// container, insert a `tr` a cell needs, or refuse (unwrap) outside any table.
    private mutating func prepareTablePart(_ name: String, out: inout [UInt8]) -> Bool {
        guard let table = names.lastIndex(of: "table") else { return false }
        switch name {
        case "caption", "thead", "tbody", "tfoot":
            pop(toCount: table + 1, out: &out)
        case "tr":
            pop(toCount: sectionOrTable(above: table) + 1, out: &out)
        default:
            if let row = names[(table + 1)...].lastIndex(of: "tr") {
                pop(toCount: row + 1, out: &out)
            } else {
                let container = sectionOrTable(above: table)
                guard container + 3 <= Self.maxDepth else { return false }
                pop(toCount: container + 1, out: &out)
                out.append(contentsOf: Array("<tr>".utf8))
                push("tr")
            }
        }
        return true
    }

    /// Index of the open table section inside the innermost table, or the table's own index.
    private func sectionOrTable(above table: Int) -> Int {
        names[(table + 1)...].lastIndex(where: Self.tableSections.contains) ?? table
    }

    /// Closes the open `name` (and what is inside it) if no scope boundary comes first.
    private mutating func closeInScope(_ name: String, out: inout [UInt8]) {
        for index in names.indices.reversed() {
            if names[index] == name {
                pop(toCount: index, out: &out)
                return
            }
            if Self.scopeBoundaries.contains(names[index]) { return }
        }
    }

    /// A new `li` closes the previous one unless a block element other than `p` intervenes.
    private mutating func closeOpenListItem(out: inout [UInt8]) {
        for index in names.indices.reversed() {
            let name = names[index]
            if name == "li" {
                pop(toCount: index, out: &out)
                return
            }
            if name != "p" && !Self.inlineElements.contains(name) { return }
        }
    }

    private mutating func pop(toCount count: Int, out: inout [UInt8]) {
        while names.count > count, let name = names.popLast() {
            out.append(contentsOf: [Byte.lessThan, Byte.slash])
            out.append(contentsOf: name.utf8)
            out.append(Byte.greaterThan)
        }
    }
}
