/// Builds one header field, folded (RFC 5322 §2.2.3) by inserting CRLF before the space between two tokens so that
/// lines stay at 78 characters when the tokens allow it, and never above the 998-octet limit.
struct HeaderField {
    static let preferredLineLength = 78
    static let maxLineLength = 998

    let name: String
    private var lines: [String] = []
    private var current: String

    init(_ name: String) {
        self.name = name
        self.current = name + ":"
    }

    /// Room left on the first line for a token after `Name: `.
    static func firstLineRoom(for name: String) -> Int {
        preferredLineLength - name.utf8.count - 2
    }

    mutating func append(_ token: String) {
        let startsLine = current.utf8.count <= 1 || current == name + ":"
        if !startsLine, current.utf8.count + 1 + token.utf8.count > Self.preferredLineLength {
            lines.append(current)
            current = ""
        }
        current += " " + token
    }

    mutating func append(contentsOf tokens: [String]) {
        for token in tokens { append(token) }
    }

    /// The field with its final CRLF; throws when a token left a line above 998 octets.
    func rendered() throws(MessageError) -> String {
        let all = lines + [current]
        guard all.allSatisfy({ $0.utf8.count <= Self.maxLineLength }) else { throw .headerLineTooLong(field: name) }
        return all.joined(separator: "\r\n") + "\r\n"
    }
}

/// Checks and encodes the text that goes into header fields.
enum HeaderText {
    /// Refuses CR and LF (header injection) and other control characters; tab is allowed.
    static func validate(_ text: String, field: String) throws(MessageError) {
        for scalar in text.unicodeScalars {
            if scalar == "\r" || scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}" {
                throw .lineBreakInHeader(field: field)
            }
            if scalar.value < 32 && scalar != "\t" || (0x7F...0x9F).contains(scalar.value) {
                throw .controlCharacterInHeader(field: field)
            }
        }
    }

    /// Words of `text` split at runs of spaces and tabs (folding may only happen there).
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// True when `text` must go as RFC 2047 encoded words: non-ASCII, or a word a reader would decode as one.
    static func needsEncoding(_ text: String) -> Bool {
        !text.utf8.allSatisfy { $0 < 128 } || words(text).contains { $0.hasPrefix("=?") && $0.hasSuffix("?=") }
    }

    /// Unstructured text (a subject) as tokens: ASCII words stay readable, and each run of words that need it
    /// becomes encoded words (the spaces inside a run travel encoded, since readers drop the space between two
    /// adjacent encoded words, RFC 2047 §6.2). Runs of whitespace become one space.
    static func unstructuredTokens(_ text: String, firstRoom: Int) -> [String] {
        var tokens: [String] = []
        var run: [String] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            let room = tokens.isEmpty ? firstRoom : EncodedWord.maxLength
            tokens += EncodedWord.encode(run.joined(separator: " "), firstRoom: room)
            run = []
        }
        for word in words(text) {
            if needsEncoding(word) {
                run.append(word)
            } else {
                flushRun()
                tokens.append(word)
            }
        }
        flushRun()
        return tokens
    }

    /// `atext` of RFC 5322 §3.2.3: characters a display name may hold without quotes.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// A mailbox as tokens: `name <address>`, the name plain, quoted or encoded, or the bare address.
    static func mailboxTokens(_ mailbox: Mailbox, field: String, firstRoom: Int) throws(MessageError) -> [String] {
        let address = mailbox.address.description
        guard let name = mailbox.displayName, !words(name).isEmpty else { return [address] }
        try validate(name, field: field)
        let nameTokens: [String]
        if needsEncoding(name) {
            nameTokens = EncodedWord.encode(name, firstRoom: firstRoom)
        } else if name.utf8.allSatisfy({ isAtext($0) || $0 == 32 || $0 == 9 }) {
            nameTokens = words(name)
        } else {
            let escaped = words(name).joined(separator: " ").replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            nameTokens = ["\"" + escaped + "\""]
        }
        return nameTokens + ["<" + address + ">"]
    }

    /// A field holding mailboxes separated by commas.
    static func mailboxField(_ name: String, _ mailboxes: [Mailbox]) throws(MessageError) -> String {
        var field = HeaderField(name)
        for (index, mailbox) in mailboxes.enumerated() {
            let room = index == 0 ? HeaderField.firstLineRoom(for: name) : EncodedWord.maxLength
            var tokens = try mailboxTokens(mailbox, field: name, firstRoom: room)
            if index < mailboxes.count - 1, let last = tokens.popLast() { tokens.append(last + ",") }
            field.append(contentsOf: tokens)
        }
        return try field.rendered()
    }
}
