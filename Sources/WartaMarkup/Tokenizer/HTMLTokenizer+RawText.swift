/// How the content of certain elements is tokenized (WHATWG 13.2.5.2–13.2.5.28).
enum RawTextKind: Sendable {
    /// style, xmp, iframe, noembed, noframes, noscript (scripting is on in browsers).
    case rawText
    /// textarea, title: text with character references.
    case rcdata
    /// script, with its escaped and double-escaped states.
    case scriptData
    /// plaintext: everything to the end of input.
    case plaintext

    init?(elementName: String) {
        switch elementName {
        case "style", "xmp", "iframe", "noembed", "noframes", "noscript": self = .rawText
        case "textarea", "title": self = .rcdata
        case "script": self = .scriptData
        case "plaintext": self = .plaintext
        default: return nil
        }
    }
}

extension HTMLTokenizer {
    private enum ScriptState {
        case normal, escaped, escapedDash, escapedDashDash
        case doubleEscaped, doubleEscapedDash, doubleEscapedDashDash
    }

    /// Collects the content of a raw text element into `text` and returns its end tag,
    /// or nil when the input ends first.
    mutating func consumeRawText(kind: RawTextKind, name: String) -> HTMLToken? {
        let nameBytes = Array(name.utf8)
        let end: Int?
        switch kind {
        case .plaintext: end = nil
        case .scriptData: end = scriptDataEnd()
        case .rawText, .rcdata: end = rawTextEnd(name: nameBytes)
        }
        let stop = end ?? input.count
        if kind == .rcdata {
            while position < stop {
                if input[position] == Byte.ampersand {
                    consumeCharacterReferenceIntoText()
                } else {
                    text.append(input[position])
                    position += 1
                }
            }
        } else {
            text.append(contentsOf: input[position..<stop])
        }
        position = stop
        guard end != nil else { return nil }
        position += 2  // past "</"; the end tag then runs through the ordinary tag states.
        return consumeTag(isEndTag: true)
    }

    /// Index of the `<` of the first appropriate end tag for `name`.
    private func rawTextEnd(name: [UInt8]) -> Int? {
        var index = position
        while index < input.count {
            if input[index] == Byte.lessThan && isAppropriateEndTag(at: index, name: name) { return index }
            index += 1
        }
        return nil
    }

    /// `</name` (any case) followed by whitespace, `/` or `>`.
    func isAppropriateEndTag(at index: Int, name: [UInt8]) -> Bool {
        let after = index + 2 + name.count
        guard after < input.count, input[index + 1] == Byte.slash else { return false }
        for offset in 0..<name.count where Byte.lowercased(input[index + 2 + offset]) != name[offset] {
            return false
        }
        let delimiter = input[after]
        return Byte.isWhitespace(delimiter) || delimiter == Byte.slash || delimiter == Byte.greaterThan
    }

    /// Index of the `<` of the `</script` that ends script data, following the escaped
    /// (`<!--`) and double-escaped (`<!--<script>`) states in which browsers ignore it.
    private func scriptDataEnd() -> Int? {
        let script = Array("script".utf8)
        var state = ScriptState.normal
        var index = position
        while index < input.count {
            let byte = input[index]
            guard byte == Byte.lessThan else {
                state = Self.scriptStep(state, byte)
                index += 1
                continue
            }
            switch state {
            case .normal, .escaped, .escapedDash, .escapedDashDash:
                if isAppropriateEndTag(at: index, name: script) { return index }
                if state == .normal {
                    let opensEscape =
                        index + 3 < input.count && input[index + 1] == Byte.exclamation
                        && input[index + 2] == Byte.hyphen && input[index + 3] == Byte.hyphen
                    (state, index) = opensEscape ? (.escapedDashDash, index + 4) : (.normal, index + 1)
                } else {
                    let (name, end) = alphaRun(from: index + 1)
                    let opens = name == script && end < input.count && Self.endsTagName(input[end])
                    (state, index) = opens ? (.doubleEscaped, end + 1) : (.escaped, max(end, index + 1))
                }
            case .doubleEscaped, .doubleEscapedDash, .doubleEscapedDashDash:
                guard index + 1 < input.count, input[index + 1] == Byte.slash else {
                    (state, index) = (.doubleEscaped, index + 1)
                    continue
                }
                let (name, end) = alphaRun(from: index + 2)
                let closes = name == script && end < input.count && Self.endsTagName(input[end])
                (state, index) = closes ? (.escaped, end + 1) : (.doubleEscaped, end)
            }
        }
        return nil
    }

    /// Script data transitions for every byte except `<`.
    private static func scriptStep(_ state: ScriptState, _ byte: UInt8) -> ScriptState {
        let isDash = byte == Byte.hyphen
        switch state {
        case .normal: return .normal
        case .escaped: return isDash ? .escapedDash : .escaped
        case .escapedDash: return isDash ? .escapedDashDash : .escaped
        case .escapedDashDash:
            if isDash { return .escapedDashDash }
            return byte == Byte.greaterThan ? .normal : .escaped
        case .doubleEscaped: return isDash ? .doubleEscapedDash : .doubleEscaped
        case .doubleEscapedDash: return isDash ? .doubleEscapedDashDash : .doubleEscaped
        case .doubleEscapedDashDash:
            if isDash { return .doubleEscapedDashDash }
            return byte == Byte.greaterThan ? .normal : .doubleEscaped
        }
    }

    private static func endsTagName(_ byte: UInt8) -> Bool {
        Byte.isWhitespace(byte) || byte == Byte.slash || byte == Byte.greaterThan
    }

    /// The lowercased ASCII letters starting at `start` (at most 16 are kept) and the index after them.
    private func alphaRun(from start: Int) -> ([UInt8], Int) {
        var name: [UInt8] = []
        var end = start
        while end < input.count && Byte.isAlpha(input[end]) {
            if name.count < 16 { name.append(Byte.lowercased(input[end])) }
            end += 1
        }
        return (name, end)
    }
}
