/// An HTML5 tokenizer following the WHATWG tokenization states.
///
/// It works on UTF-8 bytes for speed and emits one token per `next()` call. Because there is
/// no tree builder, the tokenizer itself switches to RAWTEXT, RCDATA, script data or
/// PLAINTEXT after the start tags that make a browser do so, unless the consumer has marked
/// the position as foreign (SVG/MathML) content, where those elements are ordinary.
struct HTMLTokenizer {
    /// Input after the spec's preprocessing: CR and CRLF become LF, NUL becomes U+FFFD.
    let input: [UInt8]
    /// Index of the next byte to consume.
    var position = 0
    /// Character data collected but not yet emitted.
    var text: [UInt8] = []
    /// A token finished while text was pending; the text goes out first.
    var pending: HTMLToken?
    /// Set after a start tag whose content is not markup (script, style, textarea, …).
    var rawText: (kind: RawTextKind, name: String)?
    /// Set by the consumer while inside svg/math: enables CDATA sections and disables raw text.
    var foreignContent = false

    /// Upper bound on attributes kept per tag, so duplicate detection stays linear.
    static let maxAttributes = 256

    init(_ html: String) {
        input = Self.preprocess(Array(html.utf8))
    }

    /// Normalizes newlines and replaces NUL, as the spec's input stream preprocessing does
    /// (NUL replacement is done here once rather than in every state).
    static func preprocess(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == Byte.carriageReturn || $0 == 0 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Byte.carriageReturn {
                out.append(Byte.lineFeed)
                if index + 1 < bytes.count && bytes[index + 1] == Byte.lineFeed { index += 1 }
            } else if byte == 0 {
                out.append(contentsOf: Byte.replacement)
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Returns the next token, or nil at the end of input.
    mutating func next() -> HTMLToken? {
        if let token = pending {
            pending = nil
            return token
        }
        if let raw = rawText {
            rawText = nil
            if let token = consumeRawText(kind: raw.kind, name: raw.name) { return emit(token) }
        }
        while position < input.count {
            switch input[position] {
            case Byte.lessThan:
                if let token = consumeTagOpen() { return emit(token) }
            case Byte.ampersand:
                consumeCharacterReferenceIntoText()
            default:
                consumeTextRun()
            }
        }
        return takeText()
    }

    /// Appends ordinary characters up to the next `<` or `&` in one slice (data state).
    private mutating func consumeTextRun() {
        let start = position
        var end = start + 1
        while end < input.count && input[end] != Byte.lessThan && input[end] != Byte.ampersand {
            end += 1
        }
        text.append(contentsOf: input[start..<end])
        position = end
    }

    /// Emits pending text before `token`, keeping `token` for the next call.
    private mutating func emit(_ token: HTMLToken) -> HTMLToken {
        guard !text.isEmpty else { return token }
        pending = token
        return takeText() ?? token
    }

    private mutating func takeText() -> HTMLToken? {
        guard !text.isEmpty else { return nil }
        let token = HTMLToken.text(String(decoding: text, as: UTF8.self))
        text.removeAll(keepingCapacity: true)
        return token
    }

    /// Byte at `offset` past the current position, or nil past the end of input.
    @inline(__always) func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < input.count ? input[index] : nil
    }

    /// Tag open state; `position` is at `<`. Returns nil when the `<` turned out to be text
    /// or the construct produced nothing.
    private mutating func consumeTagOpen() -> HTMLToken? {
        guard let next = peek(1) else {
            text.append(Byte.lessThan)
            position += 1
            return nil
        }
        if next == Byte.exclamation {
            position += 2
            return consumeMarkupDeclarationOpen()
        }
        if next == Byte.slash {
            position += 2
            return consumeEndTagOpen()
        }
        if Byte.isAlpha(next) {
            position += 1
            return consumeTag(isEndTag: false)
        }
        if next == Byte.question {
            // `<?xml …>` and friends: the `?` starts a bogus comment.
            position += 1
            return consumeBogusComment()
        }
        text.append(Byte.lessThan)
        position += 1
        return nil
    }

    /// End tag open state; `position` is just past `</`.
    private mutating func consumeEndTagOpen() -> HTMLToken? {
        guard let next = peek() else {
            text.append(contentsOf: [Byte.lessThan, Byte.slash])
            return nil
        }
        if Byte.isAlpha(next) { return consumeTag(isEndTag: true) }
        if next == Byte.greaterThan {
            // `</>` is dropped entirely.
            position += 1
            return nil
        }
        return consumeBogusComment()
    }
}
