/// Why a message was not handed over, at which step, and whether trying again later can help. It carries the
/// server's reply, never the password.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Stage: String, Sendable, Equatable {
        case connect, greeting, ehlo, starttls, auth, mail, rcpt, data, dataEnd
    }

    public enum Reason: Sendable, Equatable {
        /// The server answered with a failure code.
        case reply(SMTPReply)
        /// No answer within the stage's timeout.
        case timeout
        /// The connection closed or failed before the answer came.
        case connectionLost
        /// The address could not be resolved or the connection was refused.
        case connectFailed(String)
        /// The TLS handshake failed (untrusted certificate, wrong host name, protocol error) or the extra CA file
        /// could not be read.
        case tls(String)
        /// STARTTLS is required but the server does not offer it: nothing, credentials least of all, is sent.
        case startTLSNotOffered
        /// Credentials are configured but the connection is not encrypted.
        case credentialsWithoutTLS
        /// Credentials are configured but the server offers neither AUTH PLAIN nor LOGIN.
        case noSupportedAuthMechanism
        /// An address needs SMTPUTF8 (RFC 6531) and the server does not offer it.
        case smtpUTF8NotOffered
        /// The message has 8-bit octets and the server offers neither 8BITMIME nor SMTPUTF8.
        case eightBitMIMENotOffered
        /// The message is larger than the server's `SIZE` limit.
        case messageTooLarge(size: Int, limit: Int)
        /// A line of the message is longer than 998 octets (RFC 5322 §2.1.1); 1-based line number.
        case lineTooLong(line: Int)
        /// The message has no recipients.
        case noRecipients
        /// The server sent something that is not an SMTP reply.
        case malformedReply(String)
    }

    public let stage: Stage
    public let reason: Reason

    public init(_ stage: Stage, _ reason: Reason) {
        self.stage = stage
        self.reason = reason
    }

    /// True when the same message may go through later: 4xx replies, timeouts, lost or refused connections,
    /// garbage from the server. 5xx replies and problems of the message or configuration are permanent.
    public var isTransient: Bool {
        switch reason {
        case .reply(let reply): reply.isTransientFailure
        case .timeout, .connectionLost, .connectFailed, .malformedReply: true
        case .tls, .startTLSNotOffered, .credentialsWithoutTLS, .noSupportedAuthMechanism, .smtpUTF8NotOffered,
            .eightBitMIMENotOffered, .messageTooLarge, .lineTooLong, .noRecipients:
            false
        }
    }

    /// The server's reply, when the failure is one.
    public var reply: SMTPReply? {
        if case .reply(let reply) = reason { reply } else { nil }
    }

    public var description: String {
        let detail =
            switch reason {
            case .reply(let reply): "server replied \(reply)"
            case .timeout: "timed out"
            case .connectionLost: "connection lost"
            case .connectFailed(let why): "could not connect: \(why)"
            case .tls(let why): "TLS failed: \(why)"
            case .startTLSNotOffered: "server does not offer STARTTLS"
            case .credentialsWithoutTLS: "refusing to send credentials without TLS"
            case .noSupportedAuthMechanism: "server offers neither AUTH PLAIN nor LOGIN"
            case .smtpUTF8NotOffered: "an address needs SMTPUTF8, which the server does not offer"
            case .eightBitMIMENotOffered: "8-bit message but the server does not offer 8BITMIME"
            case .messageTooLarge(let size, let limit): "message of \(size) octets over the server limit of \(limit)"
            case .lineTooLong(let line): "line \(line) is longer than 998 octets"
            case .noRecipients: "no recipients"
            case .malformedReply(let text): "malformed reply: \(text)"
            }
        return "SMTP \(stage.rawValue): \(detail)"
    }
}
