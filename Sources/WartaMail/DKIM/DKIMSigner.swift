import Crypto

/// Signs rendered messages with DKIM (RFC 6376), relaxed/relaxed, with rsa-sha256 or ed25519-sha256 (RFC 8463).
public struct DKIMSigner: Sendable {
    /// The fields signed when present, in this order; `From` is required.
    public static let defaultHeaderNames = [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Reply-To", "List-Id",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ]

    /// The `d=` tag: the signing domain, whose DNS holds the key.
    public let domain: String
    /// The `s=` tag: the key is published at `<selector>._domainkey.<domain>`.
    public let selector: String
    public let key: DKIMKey
    public let headerNames: [String]

    /// - Throws: ``DKIMError/invalidDomainOrSelector(_:)`` when `domain` or `selector` holds anything but letters,
    ///   digits, `-`, `_` and `.` (they go into the signature field as they are).
    public init(
        domain: String,
        selector: String,
        key: DKIMKey,
        headerNames: [String] = DKIMSigner.defaultHeaderNames
    ) throws(DKIMError) {
        for text in [domain, selector] {
            let isValid = !text.isEmpty && text.utf8.allSatisfy { HeaderText.isAtext($0) || $0 == UInt8(ascii: ".") }
            guard isValid, !text.contains(where: { ";=".contains($0) }) else { throw .invalidDomainOrSelector(text) }
        }
        self.domain = domain
        self.selector = selector
        self.key = key
        self.headerNames = headerNames
    }

    /// `message` with a `DKIM-Signature` field put in front of its header.
    /// - Parameters:
    ///   - message: RFC 5322 bytes with CRLF line ends, as ``MailMessage/rendered(date:timeZone:random:)`` makes.
    ///   - timestamp: the `t=` tag (seconds since 1970), left out when nil.
    /// - Throws: ``DKIMError/malformedMessage``, ``DKIMError/missingFromHeader``, ``DKIMError/cryptoFailure(_:)``.
    public func signed(_ message: [UInt8], timestamp: Int64? = nil) throws(DKIMError) -> [UInt8] {
        Array(try signatureField(for: message, timestamp: timestamp).utf8) + message
    }

    /// The `DKIM-Signature` field (folded, with its final CRLF) for `message`; see ``signed(_:timestamp:)``.
    public func signatureField(for message: [UInt8], timestamp: Int64? = nil) throws(DKIMError) -> String {
        let (fields, body) = try DKIMCanonicalization.split(message)
        let bodyHash = Base64.encode(Array(SHA256.hash(data: DKIMCanonicalization.body(body))))

        // RFC 6376 §5.4.2: a name listed once signs the last field of that name.
        var signedNames: [String] = []
        var canonical: [UInt8] = []
        for name in headerNames {
            let lowered = Array(name.lowercased().utf8)
            let match = fields.last { field in
                DKIMCanonicalization.header(RawHeaderField(name: field.name, value: [])).dropLast(3).elementsEqual(
                    lowered)
            }
            guard let match else { continue }
            signedNames.append(name.lowercased())
            canonical += DKIMCanonicalization.header(match)
        }
        guard signedNames.contains("from") else { throw .missingFromHeader }

        var tags = ["v=1;", "a=\(key.algorithm);", "c=relaxed/relaxed;", "d=\(domain);", "s=\(selector);"]
            .map { (text: $0, spaced: true) }
        if let timestamp { tags.append(("t=\(timestamp);", true)) }
        // h= may fold only around its colons (RFC 6376 §3.5), so its names are tokens glued without a space.
        tags += signedNames.enumerated().map { index, name in
            ((index == 0 ? "h=" : "") + name + (index == signedNames.count - 1 ? ";" : ":"), index == 0)
        }
        tags.append(("bh=\(bodyHash);", true))
        let unsigned = Self.fold(tags) + "\r\n\tb="

        let field = RawHeaderField(name: Array("DKIM-Signature".utf8), value: Array(unsigned.utf8.dropFirst(15)))
        canonical += DKIMCanonicalization.header(field).dropLast(2)
        let signature = Base64.encode(try key.signature(for: canonical))
        let chunks = stride(from: 0, to: signature.utf8.count, by: 72).map { start in
            String(signature.dropFirst(start).prefix(72))
        }
        return unsigned + chunks.joined(separator: "\r\n\t") + "\r\n"
    }

    /// `DKIM-Signature:` and the tags, folded with CRLF TAB before a token that would pass 78 characters; a token
    /// that is not `spaced` follows the one before it directly when it fits.
    private static func fold(_ tokens: [(text: String, spaced: Bool)]) -> String {
        var out = "DKIM-Signature:"
        var lineLength = out.utf8.count
        for token in tokens {
            let separator = token.spaced ? " " : ""
            if lineLength + separator.utf8.count + token.text.utf8.count > HeaderField.preferredLineLength {
                out += "\r\n\t" + token.text
                lineLength = 1 + token.text.utf8.count
            } else {
                out += separator + token.text
                lineLength += separator.utf8.count + token.text.utf8.count
            }
        }
        return out
    }
}
