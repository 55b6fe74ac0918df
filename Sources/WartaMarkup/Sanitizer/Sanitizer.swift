/// Allowlist HTML sanitizer: tokenizes input with the HTML5 tokenizer and re-serializes
/// only what the policy allows, escaped and well formed.
public enum Sanitizer {
    /// Raised whenever a change to a policy, the tokenizer or the serializer changes what `sanitize` returns for some
    /// input. Callers store it beside sanitized output (`SanitizedHTML.stored`), so output of an older revision is
    /// sanitized again before it reaches a page.
    public static let revision = 1

    /// Returns `html` reduced to the elements and attributes `policy` allows.
    ///
    /// The result is well formed (every element closed, properly nested) and stable:
    /// sanitizing it again returns it unchanged.
    public static func sanitize(_ html: String, policy: SanitizerPolicy) -> SanitizedHTML {
        var run = SanitizerRun(html: html, policy: policy)
        return SanitizedHTML(trusted: run.run())
    }
}

/// One sanitizer pass over one input.
struct SanitizerRun {
    /// Content being dropped: a raw text element up to its end tag, or a container element
    /// up to its matching end tag, counting nested ones.
    private enum Skip {
        case rawText(String)
        case nested(String, depth: Int)
    }

    private var tokenizer: HTMLTokenizer
    private let policy: SanitizerPolicy
    /// The trait that marks an element as allowed under `policy`.
    private let allowedTrait: ElementTraits
    private var open = OpenElements()
    private var out: [UInt8] = []
    private var skip: Skip?

    init(html: String, policy: SanitizerPolicy) {
        tokenizer = HTMLTokenizer(html)
        self.policy = policy
        allowedTrait = policy == .comment ? .allowedInComments : .allowedInArticles
        out.reserveCapacity(html.utf8.count)
    }

    mutating func run() -> String {
        while let token = tokenizer.next() {
            if let current = skip {
                skip = Self.skipStep(current, token)
                if skip == nil { tokenizer.foreignContent = false }
                continue
            }
            switch token {
            case .text(let text): HTMLEscaping.appendText(text, to: &out)
            case .startTag(let tag): startTag(tag)
            case .endTag(let name): endTag(name)
            case .comment: break
            }
        }
        open.closeAll(out: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Advances a skip over `token`; nil once the dropped element has ended.
    private static func skipStep(_ skip: Skip, _ token: HTMLToken) -> Skip? {
        switch (skip, token) {
        case (.rawText(let name), .endTag(let end)) where end == name:
            return nil
        case (.nested(let name, let depth), .startTag(let tag)) where tag.name == name:
            // In foreign content `<svg/>` really is empty; in HTML the slash is ignored.
            let isEmpty = tag.selfClosing && (name == "svg" || name == "math")
            return isEmpty ? skip : .nested(name, depth: depth + 1)
        case (.nested(let name, let depth), .endTag(let end)) where end == name:
            return depth > 1 ? .nested(name, depth: depth - 1) : nil
        default:
            return skip
        }
    }

    private mutating func startTag(_ tag: HTMLStartTag) {
        let kind = ElementTraits.of(tag.name)
        if kind.contains(.droppedWithContent) {
            startSkipping(tag)
            return
        }
        guard kind.contains(allowedTrait), let attributes = policy.attributes(for: tag),
            open.prepareToOpen(tag.name, kind, out: &out)
        else { return }
        out.append(Byte.lessThan)
        out.append(contentsOf: tag.name.utf8)
        for attribute in attributes {
            out.append(Byte.space)
            out.append(contentsOf: attribute.name.utf8)
            out.append(contentsOf: [Byte.equals, Byte.quote])
            HTMLEscaping.appendAttributeValue(attribute.value, to: &out)
            out.append(Byte.quote)
        }
        out.append(Byte.greaterThan)
        if !kind.contains(.void) { open.push(tag.name, kind) }
    }

    private mutating func startSkipping(_ tag: HTMLStartTag) {
        switch tag.name {
        case "embed":
            return  // void: nothing inside to drop
        case "svg", "math":
            guard !tag.selfClosing else { return }
            skip = .nested(tag.name, depth: 1)
            tokenizer.foreignContent = true
        case "template", "object":
            skip = .nested(tag.name, depth: 1)
        default:
            // The tokenizer switched to raw text for these; its content ends at the end tag.
            skip = .rawText(tag.name)
        }
    }

    private mutating func endTag(_ name: String) {
        let kind = ElementTraits.of(name)
        guard kind.contains(allowedTrait), !kind.contains(.void) else { return }
        open.close(name, kind, out: &out)
    }
}
