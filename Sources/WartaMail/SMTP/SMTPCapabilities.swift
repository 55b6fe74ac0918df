/// What a server offers in its EHLO reply (RFC 5321 §4.1.1.1): keywords are case-insensitive, the first line is
/// the server's greeting and not a keyword. After HELO, nothing is offered.
public struct SMTPCapabilities: Sendable, Equatable {
    public var pipelining = false
    public var eightBitMIME = false
    public var smtpUTF8 = false
    public var startTLS = false
    public var enhancedStatusCodes = false
    /// `SIZE n` (RFC 1870); nil when not offered, 0 when offered without a limit.
    public var sizeLimit: Int?
    /// Upper-cased SASL mechanism names after `AUTH` (or the old `AUTH=` form).
    public var authMechanisms: Set<String> = []

    public init() {}

    /// Reads the keywords of an EHLO reply.
    public init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "PIPELINING": pipelining = true
            case "8BITMIME": eightBitMIME = true
            case "SMTPUTF8": smtpUTF8 = true
            case "STARTTLS": startTLS = true
            case "ENHANCEDSTATUSCODES": enhancedStatusCodes = true
            case "SIZE": sizeLimit = words.dropFirst().first.flatMap { Int($0) } ?? 0
            case "AUTH": authMechanisms.formUnion(words.dropFirst())
            default:
                if keyword.hasPrefix("AUTH=") {
                    authMechanisms.insert(String(keyword.dropFirst(5)))
                    authMechanisms.formUnion(words.dropFirst())
                }
            }
        }
    }
}
