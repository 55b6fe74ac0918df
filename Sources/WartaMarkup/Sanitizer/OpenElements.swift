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

    private(set) var names: [String] = []
    private var traits: [ElementTraits] = []

    /// Applies the content rules before `name` is opened, writing implicit end tags (and an
    /// implicit `<tr>`) to `out`. Returns false when the element must be unwrapped instead.
    mutating func prepareToOpen(_ name: String, _ kind: ElementTraits, out: inout [UInt8]) -> Bool {
        guard kind.contains(.void) || names.count < Self.maxDepth else { return false }
        if kind.contains(.tablePart) { return prepareTablePart(name, out: &out) }
        if name == "li" { closeOpenListItem(out: &out) }
        if kind.contains(.closesParagraph) { closeInScope("p", out: &out) }
        if kind.contains(.heading), let top = traits.last, top.contains(.heading) {
            // A heading cannot contain another heading; the parser closes the open one.
            pop(toCount: names.count - 1, out: &out)
        }
        if name == "a" { closeInScope("a", out: &out) }
        return true
    }

    /// Records an opened non-void element.
    mutating func push(_ name: String, _ kind: ElementTraits) {
        names.append(name)
        traits.append(kind)
    }

    /// Handles an end tag: closes the matching open element and everything inside it, unless
    /// a scope boundary comes first; unmatched end tags are ignored.
    mutating func close(_ name: String, _ kind: ElementTraits, out: inout [UInt8]) {
        for index in names.indices.reversed() {
            // Any heading end tag closes whichever heading is open, as in browsers.
            if names[index] == name || (kind.contains(.heading) && traits[index].contains(.heading)) {
                pop(toCount: index, out: &out)
                return
            }
            if stopsSearch(for: name, kind, at: index) { return }
        }
    }

    /// Table parts look up to their table; a table end tag finds its table wherever it is;
    /// everything else stops at a table or cell.
    private func stopsSearch(for name: String, _ kind: ElementTraits, at index: Int) -> Bool {
        if name == "table" { return false }
        if kind.contains(.tablePart) { return names[index] == "table" }
        return traits[index].contains(.scopeBoundary)
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
                out.append(contentsOf: "<tr>".utf8)
                push("tr", ElementTraits.of("tr"))
            }
        }
        return true
    }

    /// Index of the open table section inside the innermost table, or the table's own index.
    private func sectionOrTable(above table: Int) -> Int {
        traits[(table + 1)...].lastIndex { $0.contains(.tableSection) } ?? table
    }

    /// Closes the open `name` (and what is inside it) if no scope boundary comes first.
    private mutating func closeInScope(_ name: String, out: inout [UInt8]) {
        for index in names.indices.reversed() {
            if names[index] == name {
                pop(toCount: index, out: &out)
                return
            }
            if traits[index].contains(.scopeBoundary) { return }
        }
    }

    /// A new `li` closes the previous one unless a block element other than `p` intervenes.
    private mutating func closeOpenListItem(out: inout [UInt8]) {
        for index in names.indices.reversed() {
            if names[index] == "li" {
                pop(toCount: index, out: &out)
                return
            }
            if names[index] != "p" && !traits[index].contains(.inline) { return }
        }
    }

    private mutating func pop(toCount count: Int, out: inout [UInt8]) {
        while names.count > count, let name = names.popLast() {
            traits.removeLast()
            out.append(contentsOf: [Byte.lessThan, Byte.slash])
            out.append(contentsOf: name.utf8)
            out.append(Byte.greaterThan)
        }
    }
}
