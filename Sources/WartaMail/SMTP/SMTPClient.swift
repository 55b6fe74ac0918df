import NIOCore
import NIOPosix
import NIOSSL

/// Hands messages to one SMTP server, one at a time, over a connection kept open between messages (RSET between
/// transactions) until `messagesPerConnection` is reached, then a fresh one. Calls made while a message is in
/// flight wait their turn; run several clients for parallel connections.
public actor SMTPClient {
    private let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private var tlsContext: NIOSSLContext?
    private var session: SMTPSession?
    private var transactionsOnSession = 0
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    /// Sends `message` (RFC 5322 bytes; bare LF or CR line ends are made CR LF, leading dots are stuffed) from
    /// `sender` to `recipients`. Returns which recipients the server accepted and the replies of those it refused;
    /// throws `SMTPError` when the message as a whole was not accepted (its `isTransient` says whether to retry).
    public func send(_ message: [UInt8], from sender: MailAddress, to recipients: [MailAddress])
        async throws(SMTPError) -> SMTPDelivery
    {
        await acquire()
        defer { release() }
        let session = try await readySession()
        do {
            let delivery = try await session.deliver(message, from: sender, to: recipients)
            transactionsOnSession += 1
            return delivery
        } catch {
            if error.leavesConnectionUsable, session.isActive {
                transactionsOnSession += 1
            } else {
                await session.connection.close()
                self.session = nil
            }
            throw error
        }
    }

    /// Says QUIT and closes the connection, if one is open. A later `send` opens a new one.
    public func close() async {
        await acquire()
        defer { release() }
        await session?.quit()
        session = nil
    }

    /// The open session, reset for a new transaction, or a new one when there is none, it was closed by the
    /// server, it failed to reset, or it carried its share of messages.
    private func readySession() async throws(SMTPError) -> SMTPSession {
        if let session {
            if session.isActive, transactionsOnSession < configuration.messagesPerConnection {
                guard transactionsOnSession > 0 else { return session }
                do {
                    try await session.reset()
                    return session
                } catch {
                    await session.connection.close()
                }
            } else {
                await session.quit()
            }
            self.session = nil
        }
        let opened = try await SMTPSession.open(configuration, tls: try tls(), group: group)
        session = opened
        transactionsOnSession = 0
        return opened
    }

    /// The TLS context, built once: system roots plus the extra CA file, full verification with host names.
    private func tls() throws(SMTPError) -> NIOSSLContext? {
        guard configuration.security != .starttlsOff else { return nil }
        if let tlsContext { return tlsContext }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        do {
            if let file = configuration.extraTrustedCAFile {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(file))]
            }
            let context = try NIOSSLContext(configuration: tls)
            tlsContext = context
            return context
        } catch {
            throw SMTPError(.connect, .tls("cannot load trusted CA file: \(error)"))
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

extension SMTPError {
    /// A refused command or a message problem found before sending: the dialogue is intact and RSET resumes it.
    var leavesConnectionUsable: Bool {
        switch reason {
        case .reply(let reply): reply.code != 421
        case .smtpUTF8NotOffered, .eightBitMIMENotOffered, .messageTooLarge, .lineTooLong, .noRecipients: true
        default: false
        }
    }
}
