/// One server reply (RFC 5321 §4.2): a three-digit code, the enhanced status code when the server gives one
/// (RFC 3463, e.g. `5.1.1`), and the text of each line with both codes taken off.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    public let enhancedCode: String?
    public let lines: [String]

    public init(code: Int, enhancedCode: String? = nil, lines: [String]) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.lines = lines
    }

    /// The lines joined by spaces, as an operator would read them.
    public var text: String { lines.joined(separator: " ") }
    public var isPositive: Bool { (200..<400).contains(code) }
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    public var isPermanentFailure: Bool { code >= 500 }

    public var description: String {
        [String(code), enhancedCode, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// Builds replies from lines; one per connection. A reply ends on a line whose fourth character is a space
/// (or that has only the code); `250-…` lines continue it.
struct SMTPReplyParser {
    /// RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; servers send longer ones, garbage longer still.
    static let maximumLineLength = 4096
    /// A bound on continuation lines so a misbehaving server cannot grow one reply without end.
    static let maximumLines = 500

    enum Failure: Error, Equatable { case malformed(String) }

    private var pending: [String] = []
    private var pendingCode: Int?

    /// Feeds one line (without CR LF); returns the reply when this line completes one.
    mutating func feed(_ line: String) throws(Failure) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes.count <= Self.maximumLineLength,
            bytes[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let code = Int(String(decoding: bytes[0...2], as: UTF8.self)), (200..<600).contains(code)
        else { throw .malformed(String(line.prefix(80))) }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .malformed(String(line.prefix(80)))
        }
        if let pendingCode, pendingCode != code { throw .malformed(String(line.prefix(80))) }
        pendingCode = code
        pending.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard pending.count <= Self.maximumLines else {
            throw .malformed("reply longer than \(Self.maximumLines) lines")
        }
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            pending = []
            pendingCode = nil
        }
        return Self.reply(code: code, lines: pending)
    }

    static func reply(code: Int, lines: [String]) -> SMTPReply {
        var enhanced: String?
        var texts: [String] = []
        for line in lines {
            if let (status, rest) = splitEnhancedCode(line, code: code) {
                enhanced = enhanced ?? status
                texts.append(rest)
            } else {
                texts.append(line)
            }
        }
        return SMTPReply(code: code, enhancedCode: enhanced, lines: texts)
    }

    /// `5.1.1 text` → (`5.1.1`, `text`) when the class digit agrees with the reply code (RFC 3463 §2).
    private static func splitEnhancedCode(_ line: String, code: Int) -> (String, String)? {
        let word = line.prefix { $0 != " " }
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == String(code / 100),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigitCharacter) })
        else { return nil }
        return (String(word), String(line.dropFirst(word.count).drop { $0 == " " }))
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
