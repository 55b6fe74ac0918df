/// Tag name and attribute states (WHATWG 13.2.5.8 and 13.2.5.32–13.2.5.40).
extension HTMLTokenizer {
    private enum TagState {
        case tagName, beforeAttributeName, attributeName, afterAttributeName, beforeAttributeValue
        case doubleQuotedValue, singleQuotedValue, unquotedValue, afterQuotedValue, selfClosingStartTag
    }

    /// Collects the parts of a tag while its states run.
    private struct TagBuilder {
        var name: [UInt8] = []
        var attributes: [HTMLAttribute] = []
        var attributeName: [UInt8] = []
        var attributeValue: [UInt8] = []
        var hasAttribute = false
        var selfClosing = false

        mutating func startAttribute() {
            finishAttribute()
            hasAttribute = true
        }

        /// Stores the current attribute unless one with the same name exists: first wins.
        mutating func finishAttribute() {
            guard hasAttribute else { return }
            hasAttribute = false
            defer {
                attributeName.removeAll(keepingCapacity: true)
                attributeValue.removeAll(keepingCapacity: true)
            }
            guard attributes.count < HTMLTokenizer.maxAttributes else { return }
            let name = String(decoding: attributeName, as: UTF8.self)
            guard !attributes.contains(where: { $0.name == name }) else { return }
            attributes.append(HTMLAttribute(name: name, value: String(decoding: attributeValue, as: UTF8.self)))
        }
    }

    /// Runs the tag states; `position` is at the first letter of the tag name.
    /// Returns nil at end of input inside the tag, where the spec drops the tag.
    mutating func consumeTag(isEndTag: Bool) -> HTMLToken? {
        var tag = TagBuilder()
        var state = TagState.tagName
        while let byte = peek() {
            position += 1
            switch state {
            case .tagName:
                if Byte.isWhitespace(byte) {
                    state = .beforeAttributeName
                } else if byte == Byte.slash {
                    state = .selfClosingStartTag
                } else if byte == Byte.greaterThan {
                    return finish(&tag, isEndTag: isEndTag)
                } else {
                    appendNameRun(from: byte, to: &tag.name)
                }
            case .beforeAttributeName:
                state = beforeAttributeName(byte, &tag)
            case .attributeName:
                if Byte.isWhitespace(byte) || byte == Byte.slash || byte == Byte.greaterThan {
                    position -= 1
                    state = .afterAttributeName
                } else if byte == Byte.equals {
                    state = .beforeAttributeValue
                } else {
                    appendNameRun(from: byte, to: &tag.attributeName)
                }
            case .afterAttributeName:
                if byte == Byte.greaterThan { return finish(&tag, isEndTag: isEndTag) }
                state = afterAttributeName(byte, &tag)
            case .beforeAttributeValue:
                if byte == Byte.greaterThan { return finish(&tag, isEndTag: isEndTag) }
                state = beforeAttributeValue(byte)
            case .doubleQuotedValue:
                state = quotedValue(byte, quote: Byte.quote, &tag) ? .afterQuotedValue : .doubleQuotedValue
            case .singleQuotedValue:
                state = quotedValue(byte, quote: Byte.apostrophe, &tag) ? .afterQuotedValue : .singleQuotedValue
            case .unquotedValue:
                if byte == Byte.greaterThan { return finish(&tag, isEndTag: isEndTag) }
                state = unquotedValue(byte, &tag)
            case .afterQuotedValue, .selfClosingStartTag:
                if byte == Byte.greaterThan {
                    tag.selfClosing = state == .selfClosingStartTag
                    return finish(&tag, isEndTag: isEndTag)
                }
                if Byte.isWhitespace(byte) && state == .afterQuotedValue { state = .beforeAttributeName; continue }
                if byte == Byte.slash && state == .afterQuotedValue { state = .selfClosingStartTag; continue }
                // Missing whitespace / unexpected solidus: reconsume before the next attribute name.
                position -= 1
                state = .beforeAttributeName
            }
        }
        return nil
    }

    /// Appends `first` and the name characters after it, lowercased, in one loop: names are
    /// the bulk of a tag and a state switch per byte is slow. Stops before any byte that
    /// ends a tag or attribute name (whitespace, `/`, `>`, `=`).
    private mutating func appendNameRun(from first: UInt8, to name: inout [UInt8]) {
        name.append(Byte.lowercased(first))
        while position < input.count {
            let byte = input[position]
            if Byte.isWhitespace(byte) || byte == Byte.slash || byte == Byte.greaterThan || byte == Byte.equals {
                return
            }
            name.append(Byte.lowercased(byte))
            position += 1
        }
    }

    private mutating func beforeAttributeName(_ byte: UInt8, _ tag: inout TagBuilder) -> TagState {
        if Byte.isWhitespace(byte) { return .beforeAttributeName }
        if byte == Byte.slash || byte == Byte.greaterThan {
            position -= 1
            return .afterAttributeName
        }
        tag.startAttribute()
        if byte == Byte.equals {
            // `<a =x>`: the spec starts an attribute whose name is "=".
            tag.attributeName.append(byte)
        } else {
            position -= 1
        }
        return .attributeName
    }

    private mutating func afterAttributeName(_ byte: UInt8, _ tag: inout TagBuilder) -> TagState {
        if Byte.isWhitespace(byte) { return .afterAttributeName }
        if byte == Byte.slash { return .selfClosingStartTag }
        if byte == Byte.equals { return .beforeAttributeValue }
        tag.startAttribute()
        position -= 1
        return .attributeName
    }

    private mutating func beforeAttributeValue(_ byte: UInt8) -> TagState {
        if Byte.isWhitespace(byte) { return .beforeAttributeValue }
        if byte == Byte.quote { return .doubleQuotedValue }
        if byte == Byte.apostrophe { return .singleQuotedValue }
        position -= 1
        return .unquotedValue
    }

    /// One step of a quoted value state; true when the closing quote was consumed.
    private mutating func quotedValue(_ byte: UInt8, quote: UInt8, _ tag: inout TagBuilder) -> Bool {
        if byte == quote { return true }
        if byte == Byte.ampersand {
            position -= 1
            consumeCharacterReference(into: &tag.attributeValue, inAttribute: true)
            return false
        }
        // Copy the run up to the next quote or `&` in one go; values can be long.
        var end = position
        while end < input.count && input[end] != quote && input[end] != Byte.ampersand { end += 1 }
        tag.attributeValue.append(byte)
        tag.attributeValue.append(contentsOf: input[position..<end])
        position = end
        return false
    }

    private mutating func unquotedValue(_ byte: UInt8, _ tag: inout TagBuilder) -> TagState {
        if Byte.isWhitespace(byte) { return .beforeAttributeName }
        if byte == Byte.ampersand {
            position -= 1
            consumeCharacterReference(into: &tag.attributeValue, inAttribute: true)
        } else {
            // `"`, `'`, `<`, `=` and backtick are parse errors but still part of the value.
            tag.attributeValue.append(byte)
        }
        return .unquotedValue
    }

    private mutating func finish(_ tag: inout TagBuilder, isEndTag: Bool) -> HTMLToken {
        tag.finishAttribute()
        let name = String(decoding: tag.name, as: UTF8.self)
        if isEndTag { return .endTag(name) }
        if !foreignContent, let kind = RawTextKind(elementName: name) {
            rawText = (kind, name)
        }
        return .startTag(HTMLStartTag(name: name, attributes: tag.attributes, selfClosing: tag.selfClosing))
    }
}
