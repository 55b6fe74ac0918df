import NIOCore
import NIOSSL

/// An open, greeted, encrypted-as-configured and authenticated connection, ready for transactions.
struct SMTPSession: Sendable {
    let connection: SMTPConnection
    let capabilities: SMTPCapabilities
    let configuration: SMTPConfiguration

    var isActive: Bool { connection.isActive }

    /// Connects, reads the greeting, says EHLO (HELO when refused), upgrades with STARTTLS when configured, and
    /// authenticates when credentials are set. The connection is closed on any failure.
    static func open(
        _ configuration: SMTPConfiguration, tls: NIOSSLContext?, group: any EventLoopGroup
    ) async throws(SMTPError) -> SMTPSession {
        let timeouts = configuration.timeouts
        let connection = try await SMTPConnection.connect(
            host: configuration.host, port: configuration.port,
            tls: configuration.security == .implicitTLS ? tls : nil, timeouts: timeouts, group: group)
        do throws(SMTPError) {
            let greeting = try await connection.unsolicitedReply(stage: .greeting, timeout: timeouts.greeting)
            guard greeting.code == 220 else { throw SMTPError(.greeting, .reply(greeting)) }
            var capabilities = try await hello(connection, configuration)
            if configuration.security == .starttlsRequired {
                guard capabilities.startTLS, let tls else { throw SMTPError(.starttls, .startTLSNotOffered) }
                let reply = try await connection.command("STARTTLS", stage: .starttls, timeout: timeouts.command)
                guard reply.code == 220 else { throw SMTPError(.starttls, .reply(reply)) }
                try await connection.startTLS(tls, host: configuration.host)
                capabilities = try await hello(connection, configuration)
            }
            if let credentials = configuration.credentials {
                guard configuration.security != .starttlsOff else { throw SMTPError(.auth, .credentialsWithoutTLS) }
                try await authenticate(connection, credentials, capabilities, timeout: timeouts.command)
            }
            return SMTPSession(connection: connection, capabilities: capabilities, configuration: configuration)
        } catch {
            await connection.close()
            // A failed handshake surfaces on the first reply awaited after it; report it where TLS started.
            guard case .tls = error.reason else { throw error }
            throw SMTPError(configuration.security == .implicitTLS ? .connect : .starttls, error.reason)
        }
    }

    /// Ends the current transaction so the next message starts clean.
    func reset() async throws(SMTPError) {
        let reply = try await connection.command("RSET", stage: .mail, timeout: configuration.timeouts.command)
        guard reply.code == 250 else { throw SMTPError(.mail, .reply(reply)) }
    }

    /// Says QUIT and closes; failures do not matter any more.
    func quit() async {
        _ = try? await connection.command("QUIT", stage: .mail, timeout: configuration.timeouts.command)
        await connection.close()
    }

    private static func hello(
        _ connection: SMTPConnection, _ configuration: SMTPConfiguration
    ) async throws(SMTPError) -> SMTPCapabilities {
        let timeout = configuration.timeouts.command
        let ehlo = try await connection.command("EHLO \(configuration.heloName)", stage: .ehlo, timeout: timeout)
        if ehlo.code == 250 { return SMTPCapabilities(ehloReply: ehlo) }
        // RFC 5321 §3.2: a server that does not know EHLO answers 5xx; HELO then gets the basic service.
        guard ehlo.isPermanentFailure else { throw SMTPError(.ehlo, .reply(ehlo)) }
        let helo = try await connection.command("HELO \(configuration.heloName)", stage: .ehlo, timeout: timeout)
        guard helo.code == 250 else { throw SMTPError(.ehlo, .reply(helo)) }
        return SMTPCapabilities()
    }

    private static func authenticate(
        _ connection: SMTPConnection, _ credentials: SMTPConfiguration.Credentials, _ capabilities: SMTPCapabilities,
        timeout: Duration
    ) async throws(SMTPError) {
        var reply: SMTPReply
        if capabilities.authMechanisms.contains("PLAIN") {
            let response = SMTPAuth.plainResponse(username: credentials.username, password: credentials.password)
            reply = try await connection.command("AUTH PLAIN \(response)", stage: .auth, timeout: timeout)
            if reply.code == 334 { reply = try await connection.command(response, stage: .auth, timeout: timeout) }
        } else if capabilities.authMechanisms.contains("LOGIN") {
            reply = try await connection.command("AUTH LOGIN", stage: .auth, timeout: timeout)
            for secret in [credentials.username, credentials.password] where reply.code == 334 {
                reply = try await connection.command(
                    SMTPAuth.base64(Array(secret.utf8)), stage: .auth, timeout: timeout)
            }
        } else {
            throw SMTPError(.auth, .noSupportedAuthMechanism)
        }
        guard reply.code == 235 else { throw SMTPError(.auth, .reply(reply)) }
    }
}
