/// Why an SMTP URL (`WARTA_SMTP_URL`) was refused.
public enum SMTPURLError: Error, Sendable, Equatable {
    /// Not `smtp://` or `smtps://`.
    case unsupportedScheme(String)
    case missingHost
    case invalidPort(String)
    /// A bad percent escape in the user or password.
    case invalidPercentEncoding
    /// A query item other than `starttls=on|off|required`.
    case unknownOption(String)
    /// `starttls=…` on an `smtps://` URL.
    case starttlsWithImplicitTLS
    case malformed
}

extension SMTPConfiguration {
    /// Reads `smtp://user:pass@host:587` (STARTTLS required), `smtp://host:25?starttls=off` (no TLS, local sink)
    /// or `smtps://user:pass@host:465` (implicit TLS). User and password are percent-decoded; the port defaults to
    /// 587 or 465. Throws `SMTPURLError`.
    public init(url text: String, extraTrustedCAFile: String? = nil, heloName: String = "localhost")
        throws(SMTPURLError)
    {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { throw .malformed }
        let scheme = text[..<colon].lowercased()
        var security: Security
        switch scheme {
        case "smtp": security = .starttlsRequired
        case "smtps": security = .implicitTLS
        default: throw .unsupportedScheme(scheme)
        }
        var rest = text[colon...].dropFirst(3)
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("#") else { throw .malformed }

        var credentials: Credentials?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":") ?? userInfo.endIndex
            let user = try Self.percentDecoded(userInfo[..<colon])
            let password =
                colon == userInfo.endIndex ? "" : try Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
            guard !user.isEmpty else { throw .malformed }
            credentials = Credentials(username: user, password: password)
        }

        let (host, portText) = try Self.splitHostPort(rest)
        guard !host.isEmpty else { throw .missingHost }
        var port = security == .implicitTLS ? 465 : 587
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { throw .invalidPort(String(portText)) }
            port = value
        }

        for item in (query ?? "").split(separator: "&") {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.lowercased() }
            guard pair.count == 2, pair[0] == "starttls" else { throw .unknownOption(String(item)) }
            guard security != .implicitTLS else { throw .starttlsWithImplicitTLS }
            switch pair[1] {
            case "off", "false", "no": security = .starttlsOff
            case "on", "required", "true", "yes": security = .starttlsRequired
            default: throw .unknownOption(String(item))
            }
        }
        self.init(
            host: host, port: port, security: security, credentials: credentials,
            extraTrustedCAFile: extraTrustedCAFile, heloName: heloName)
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port`.
    private static func splitHostPort(_ text: Substring) throws(SMTPURLError) -> (String, Substring?) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .malformed }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { throw .malformed }
            return (host, after.dropFirst())
        }
        guard let colon = text.lastIndex(of: ":") else { return (String(text), nil) }
        return (String(text[..<colon]), text[text.index(after: colon)...])
    }

    private static func percentDecoded(_ text: Substring) throws(SMTPURLError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .invalidPercentEncoding
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .invalidPercentEncoding }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
