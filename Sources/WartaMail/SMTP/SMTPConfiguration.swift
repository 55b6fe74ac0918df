/// Where and how to hand mail over: server, TLS mode, credentials, timeouts and connection reuse.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS; a server that does not offer it is an error (port 587).
        case starttlsRequired
        /// No TLS at all, for a local sink; credentials are then refused.
        case starttlsOff
        /// TLS from the first byte (port 465, RFC 8314).
        case implicitTLS
    }

    public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "\(username):***" }
        public var debugDescription: String { description }
    }

    /// Per-stage limits. RFC 5321 §4.5.3.2 asks for minutes (5 for the greeting and commands, 10 after the final
    /// dot); these defaults are scaled down for a newsroom handing mail to its own relay, which answers in
    /// milliseconds or is broken.
    public struct Timeouts: Sendable, Equatable {
        public var connect: Duration = .seconds(10)
        public var greeting: Duration = .seconds(30)
        /// Each command reply: EHLO, STARTTLS and its handshake, AUTH, MAIL, RCPT, DATA, RSET, QUIT.
        public var command: Duration = .seconds(30)
        /// Writing the message and reading the reply to the final dot.
        public var dataEnd: Duration = .seconds(60)

        public init() {}

        public init(connect: Duration, greeting: Duration, command: Duration, dataEnd: Duration) {
            self.connect = connect
            self.greeting = greeting
            self.command = command
            self.dataEnd = dataEnd
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    /// A PEM file of CA certificates trusted in addition to the system roots (`WARTA_SMTP_CA_FILE`); the
    /// certificate chain and the host name are always checked.
    public var extraTrustedCAFile: String?
    /// The name given in EHLO/HELO: a domain or address literal; other characters (CR, LF, spaces) are dropped so
    /// the name cannot smuggle a command.
    public var heloName: String {
        didSet { heloName = Self.cleanHeloName(heloName) }
    }
    public var timeouts: Timeouts
    /// Messages sent on one connection (with RSET between them) before it is closed and a new one opened.
    public var messagesPerConnection: Int

    public init(
        host: String, port: Int = 587, security: Security = .starttlsRequired, credentials: Credentials? = nil,
        extraTrustedCAFile: String? = nil, heloName: String = "localhost", timeouts: Timeouts = Timeouts(),
        messagesPerConnection: Int = 100
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.extraTrustedCAFile = extraTrustedCAFile
        self.heloName = Self.cleanHeloName(heloName)
        self.timeouts = timeouts
        self.messagesPerConnection = max(1, messagesPerConnection)
    }

    private static func cleanHeloName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789-.[]:".unicodeScalars.contains($0))
        }
        return kept.isEmpty ? "localhost" : String(String.UnicodeScalarView(kept))
    }
}
