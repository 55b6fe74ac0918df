/// An address as SMTP carries it: `local@domain`, checked for what a mail server will refuse anyway (RFC 5321
/// limits: 64-octet local part, 255-octet domain, no spaces, controls or angle brackets) and kept as written.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let localPart: String
    public let domain: String

    public enum Problem: Error, Equatable, Sendable {
        case missingAt, emptyLocalPart, emptyDomain, tooLong, forbiddenCharacter
    }

    /// Parses `text` (surrounding whitespace ignored); throws the first problem found.
    public init(_ text: String) throws(Problem) {
        let trimmed = text.trimmingWhitespace()
        guard let at = trimmed.lastIndex(of: "@") else { throw .missingAt }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...])
        guard !local.isEmpty else { throw .emptyLocalPart }
        guard !domain.isEmpty, domain.contains(".") || domain == "localhost" else { throw .emptyDomain }
        guard local.utf8.count <= 64, domain.utf8.count <= 255 else { throw .tooLong }
        let forbidden: Set<Character> = [" ", "<", ">", "\"", "\\", ",", ";", "(", ")", "[", "]"]
        guard !trimmed.contains(where: { forbidden.contains($0) || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true })
        else { throw .forbiddenCharacter }
        self.localPart = local
        self.domain = domain
    }

    /// For callers that built both halves from checked parts (``VERPAddress``), so there is nothing left to refuse.
    init(checkedLocalPart localPart: String, domain: String) {
        self.localPart = localPart
        self.domain = domain
    }

    /// `noreply@localhost`: the sender of last resort when the site's own host is not a mail domain.
    public static let noReplyLocalhost = MailAddress(checkedLocalPart: "noreply", domain: "localhost")

    public var description: String { "\(localPart)@\(domain)" }

    /// True when the address needs SMTPUTF8 (RFC 6531): any octet outside ASCII.
    public var needsUTF8: Bool { !description.utf8.allSatisfy { $0 < 128 } }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
