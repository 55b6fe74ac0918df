@testable import WartaMarkup

/// Re-reads sanitizer output with the tokenizer and lists anything that should not be there.
/// The html5lib check (check_sanitized.py) does the same with an independent parser.
enum OutputInspector {
    static let dangerousSchemes = ["javascript:", "data:", "vbscript:"]

    /// Problems found in `output`; empty when it is safe and well formed.
    static func problems(in output: String, policy: SanitizerPolicy) -> [String] {
        var problems: [String] = []
        if output.lowercased().contains("<script") { problems.append("contains <script") }
        var stack: [String] = []
        var tokenizer = HTMLTokenizer(output)
        while let token = tokenizer.next() {
            switch token {
            case .startTag(let tag):
                problems += tagProblems(tag, policy: policy)
                if !["br", "hr", "img"].contains(tag.name) { stack.append(tag.name) }
            case .endTag(let name):
                if stack.last == name {
                    stack.removeLast()
                } else {
                    problems.append("unbalanced </\(name)> with open \(stack)")
                }
            case .comment(let text):
                problems.append("comment <!--\(text)-->")
            case .text:
                break
            }
        }
        if !stack.isEmpty { problems.append("unclosed \(stack)") }
        return problems
    }

    private static func tagProblems(_ tag: HTMLStartTag, policy: SanitizerPolicy) -> [String] {
        var problems: [String] = []
        if !policy.allowedElements.contains(tag.name) { problems.append("element <\(tag.name)>") }
        let allowed = allowedAttributes(tag.name, policy: policy)
        for attribute in tag.attributes {
            if attribute.name.hasPrefix("on") { problems.append("handler \(attribute.name)") }
            if !allowed.contains(attribute.name) { problems.append("attribute \(tag.name)[\(attribute.name)]") }
            guard attribute.name == "href" || attribute.name == "src" else { continue }
            let squeezed = String(attribute.value.lowercased().unicodeScalars.filter { $0.value > 0x20 })
            // A scheme is only a scheme at the start: `?q=javascript:x` is a harmless query.
            for scheme in dangerousSchemes where squeezed.hasPrefix(scheme) {
                problems.append("\(scheme) in \(attribute.name)")
            }
        }
        return problems
    }

    static func allowedAttributes(_ element: String, policy: SanitizerPolicy) -> Set<String> {
        switch (policy, element) {
        case (.comment, "a"): return ["href", "rel"]
        case (.article, "a"): return ["href", "title"]
        case (.article, "img"): return ["src", "alt", "width", "height", "loading", "title"]
        case (.article, "td"), (.article, "th"): return ["align", "colspan", "rowspan"]
        default: return []
        }
    }
}
