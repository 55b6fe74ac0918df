/// Character reference states (WHATWG 13.2.5.72–13.2.5.80).
extension HTMLTokenizer {
    /// Longest name in the table plus slack; bounds the work per `&` on hostile input.
    private static let maxNameLength = 40

    /// Consumes a character reference at `position` (which is at `&`) and appends its
    /// decoded form, or the literal characters when it is not a reference, to `out`.
    mutating func consumeCharacterReference(into out: inout [UInt8], inAttribute: Bool) {
        guard let next = peek(1) else {
            out.append(Byte.ampersand)
            position += 1
            return
        }
        if next == Byte.hash {
            consumeNumericReference(into: &out)
        } else if Byte.isAlphanumeric(next) {
            consumeNamedReference(into: &out, inAttribute: inAttribute)
        } else {
            out.append(Byte.ampersand)
            position += 1
        }
    }

    /// A character reference in text (data or RCDATA state).
    mutating func consumeCharacterReferenceIntoText() {
        // Move the buffer out so it is not borrowed from `self` while `self` mutates.
        var buffer = text
        text = []
        consumeCharacterReference(into: &buffer, inAttribute: false)
        text = buffer
    }

    /// Decodes character references in `value` the way an attribute value state does.
    static func decodeAttributeValue(_ value: String) -> [UInt8] {
        var tokenizer = HTMLTokenizer(value)
        var out: [UInt8] = []
        while tokenizer.position < tokenizer.input.count {
            if tokenizer.input[tokenizer.position] == Byte.ampersand {
                tokenizer.consumeCharacterReference(into: &out, inAttribute: true)
            } else {
                out.append(tokenizer.input[tokenizer.position])
                tokenizer.position += 1
            }
        }
        return out
    }

    /// Named character reference state: longest match in the table wins.
    private mutating func consumeNamedReference(into out: inout [UInt8], inAttribute: Bool) {
        let start = position + 1
        var end = start
        while end < input.count && end - start < Self.maxNameLength && Byte.isAlphanumeric(input[end]) { end += 1 }
        if end < input.count && input[end] == Byte.semicolon,
            let value = NamedEntities.withSemicolon[String(decoding: input[start..<end], as: UTF8.self)]
        {
            out.append(contentsOf: value.utf8)
            position = end + 1
            return
        }
        // Only the legacy names may appear without `;`; try their lengths longest first.
        for length in stride(from: min(end - start, NamedEntities.maxLegacyLength), through: 2, by: -1) {
            let name = String(decoding: input[start..<start + length], as: UTF8.self)
            guard NamedEntities.legacy.contains(name), let value = NamedEntities.withSemicolon[name] else { continue }
            let following = start + length < input.count ? input[start + length] : nil
            if inAttribute, let following, following == Byte.equals || Byte.isAlphanumeric(following) {
                // Historical rule: `href="?a=1&copy=2"` keeps `&copy` literally inside attributes.
                break
            }
            out.append(contentsOf: value.utf8)
            position = start + length
            return
        }
        // Not a reference (ambiguous ampersand): the `&` is literal, the rest is ordinary text.
        out.append(Byte.ampersand)
        position += 1
    }

    /// Numeric character reference states; `position` is at `&` followed by `#`.
    private mutating func consumeNumericReference(into out: inout [UInt8]) {
        var index = position + 2
        let isHex = index < input.count && (input[index] | 0x20) == 0x78
        if isHex { index += 1 }
        let digitsStart = index
        var value: UInt32 = 0
        while index < input.count {
            let digit: UInt32?
            if isHex {
                digit = Byte.hexValue(input[index])
            } else {
                digit = Byte.isDigit(input[index]) ? UInt32(input[index] - 0x30) : nil
            }
            guard let digit else { break }
            // Saturate: anything above U+10FFFF becomes U+FFFD anyway.
            value = min(value * (isHex ? 16 : 10) + digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else {
            // Absence of digits: `&#` / `&#x` stay as typed.
            out.append(contentsOf: input[position..<index])
            position = index
            return
        }
        if index < input.count && input[index] == Byte.semicolon { index += 1 }
        position = index
        Byte.appendUTF8(Self.numericReferenceScalar(value), to: &out)
    }

    /// The spec's numeric character reference end state: replacement and windows-1252 rules.
    static func numericReferenceScalar(_ value: UInt32) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        guard value != 0, value <= 0x10_FFFF, !(0xD800...0xDFFF).contains(value) else {
            return replacement
        }
        if (0x80...0x9F).contains(value), let mapped = windows1252[Int(value - 0x80)] {
            return mapped
        }
        return Unicode.Scalar(value) ?? replacement
    }

    /// Remapping of C1 control references to what windows-1252 meant by those bytes;
    /// nil entries keep the control character.
    private static let windows1252: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
