/// Plain text from HTML, for search indexing, excerpts and feed summaries.
public enum TextExtractor {
    /// Elements whose content is not readable text.
    private static let skippedElements: Set<String> = ["script", "style", "template", "noscript"]

    /// Phrasing elements: their tags do not separate words, unlike block tags and `br`.
    private static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    ]

    /// Returns the text of `html`: tags removed, character references decoded, script and
    /// style content dropped, runs of whitespace collapsed to one space, ends trimmed.
    ///
    /// With `characters`, reading stops once the text is longer than that: the result is then a prefix of the
    /// whole text with more than `characters` characters, which is all an excerpt needs (a page's meta
    /// description read a 5 KB body in ~220 µs, most of a cache miss's own work).
    public static func plainText(fromHTML html: String, stoppingAfter characters: Int? = nil) -> String {
        var tokenizer = HTMLTokenizer(html)
        var collector = WhitespaceCollapser()
        var skipping: (name: String, depth: Int)?
        while let token = tokenizer.next() {
            switch token {
            case .text(let text):
                guard skipping == nil else { break }
                collector.append(text)
                // Scalars bound characters from above, so the exact count is taken only when it can be enough.
                if let characters, collector.scalarCount > characters, collector.result.count > characters {
                    return collector.result
                }
            case .startTag(let tag):
                if let current = skipping {
                    if current.name == tag.name { skipping = (current.name, current.depth + 1) }
                } else if skippedElements.contains(tag.name) {
                    skipping = (tag.name, 1)
                } else if !inlineElements.contains(tag.name) {
                    collector.separate()
                }
            case .endTag(let name):
                if let current = skipping {
                    if current.name == name { skipping = current.depth > 1 ? (name, current.depth - 1) : nil }
                } else if !inlineElements.contains(name) {
                    collector.separate()
                }
            case .comment:
                break
            }
        }
        return collector.result
    }
}

/// Builds text with whitespace runs collapsed to single spaces and no leading/trailing space.
private struct WhitespaceCollapser {
    private(set) var result = ""
    private(set) var scalarCount = 0
    private var pendingSpace = false

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            // ASCII first: the Unicode property lookup is comparatively slow.
            let isWhitespace =
                scalar.isASCII
                ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0C)
                : scalar.properties.isWhitespace
            if isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace && !result.isEmpty {
                    result.unicodeScalars.append(" ")
                    scalarCount += 1
                }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
                scalarCount += 1
            }
        }
    }

    /// A word boundary, as block elements create.
    mutating func separate() {
        pendingSpace = true
    }
}
