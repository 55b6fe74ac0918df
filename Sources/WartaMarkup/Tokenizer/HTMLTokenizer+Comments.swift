/// Markup declarations: comments, bogus comments, DOCTYPE and CDATA (WHATWG 13.2.5.41–13.2.5.52).
extension HTMLTokenizer {
    private enum CommentState {
        case start, startDash, body, lessThan, lessThanBang, lessThanBangDash, lessThanBangDashDash
        case endDash, end, endBang
    }

    /// Markup declaration open state; `position` is just past `<!`.
    mutating func consumeMarkupDeclarationOpen() -> HTMLToken? {
        if peek() == Byte.hyphen && peek(1) == Byte.hyphen {
            position += 2
            return consumeComment()
        }
        if foreignContent && hasPrefix("[CDATA[") {
            position += 7
            consumeCDATASection()
            return nil
        }
        // DOCTYPE ends at the first `>` whatever its shape, exactly like a bogus comment, and we
        // have no use for its fields; CDATA in HTML content is a bogus comment by the spec.
        return consumeBogusComment()
    }

    /// Bogus comment state: everything up to the next `>` (or end of input).
    mutating func consumeBogusComment() -> HTMLToken {
        let start = position
        while position < input.count && input[position] != Byte.greaterThan { position += 1 }
        let data = String(decoding: input[start..<position], as: UTF8.self)
        if position < input.count { position += 1 }
        return .comment(data)
    }

    /// CDATA section state (foreign content only): text up to `]]>`.
    private mutating func consumeCDATASection() {
        while position < input.count {
            if input[position] == Byte.rightBracket && peek(1) == Byte.rightBracket && peek(2) == Byte.greaterThan {
                position += 3
                return
            }
            text.append(input[position])
            position += 1
        }
    }

    /// Comment states from "comment start" on; `position` is just past `<!--`.
    /// Handles the `<!-->` and `<!--->` shapes, `--!>` endings and end of input.
    private mutating func consumeComment() -> HTMLToken {
        var data: [UInt8] = []
        var state = CommentState.start
        while let byte = peek() {
            position += 1
            if let next = commentStep(state, byte, &data) {
                state = next
            } else {
                return .comment(String(decoding: data, as: UTF8.self))
            }
        }
        return .comment(String(decoding: data, as: UTF8.self))
    }

    /// One comment state transition; nil means the comment is complete.
    private mutating func commentStep(_ state: CommentState, _ byte: UInt8, _ data: inout [UInt8]) -> CommentState? {
        let dash = Byte.hyphen
        switch state {
        case .start, .startDash:
            if byte == Byte.greaterThan { return nil }
            if byte == dash { return state == .start ? .startDash : .end }
            if state == .startDash { data.append(dash) }
            return reconsume(.body)
        case .body:
            if byte == dash { return .endDash }
            data.append(byte)
            return byte == Byte.lessThan ? .lessThan : .body
        case .lessThan:
            if byte == Byte.exclamation || byte == Byte.lessThan {
                data.append(byte)
                return byte == Byte.exclamation ? .lessThanBang : .lessThan
            }
            return reconsume(.body)
        case .lessThanBang:
            return byte == dash ? .lessThanBangDash : reconsume(.body)
        case .lessThanBangDash:
            return byte == dash ? .lessThanBangDashDash : reconsume(.endDash)
        case .lessThanBangDashDash:
            // `<!--` nested inside a comment is a parse error but changes nothing.
            return reconsume(.end)
        case .endDash:
            if byte == dash { return .end }
            data.append(dash)
            return reconsume(.body)
        case .end:
            if byte == Byte.greaterThan { return nil }
            if byte == Byte.exclamation { return .endBang }
            if byte == dash {
                data.append(dash)
                return .end
            }
            data.append(contentsOf: [dash, dash])
            return reconsume(.body)
        case .endBang:
            if byte == Byte.greaterThan { return nil }
            data.append(contentsOf: [dash, dash, Byte.exclamation])
            return byte == dash ? .endDash : reconsume(.body)
        }
    }

    private mutating func reconsume(_ state: CommentState) -> CommentState {
        position -= 1
        return state
    }

    /// Whether the input at `position` starts with `literal` (ASCII, case-sensitive).
    func hasPrefix(_ literal: String) -> Bool {
        var index = position
        for byte in literal.utf8 {
            guard index < input.count, input[index] == byte else { return false }
            index += 1
        }
        return true
    }
}
