import NIOCore
import NIOPosix
import NIOSSL

/// One TCP (or TLS) connection to the server: writes commands and waits for their replies with a deadline. It
/// knows nothing of the SMTP dialogue; `SMTPSession` does.
final class SMTPConnection: Sendable {
    let channel: any Channel
    private let handler: SMTPReplyHandler

    private init(channel: any Channel, handler: SMTPReplyHandler) {
        self.channel = channel
        self.handler = handler
    }

    var isActive: Bool { channel.isActive }

    /// Opens the connection; with `tls` the handshake starts at once (implicit TLS) and its failure shows as a
    /// `.tls` reason on the first reply awaited.
    static func connect(
        host: String, port: Int, tls: NIOSSLContext?, timeouts: SMTPConfiguration.Timeouts, group: any EventLoopGroup
    ) async throws(SMTPError) -> SMTPConnection {
        let eventLoop = group.next()
        let handler = SMTPReplyHandler(eventLoop: eventLoop)
        let serverName = sniName(host)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeouts.connect.timeAmount)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        let sslHandler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(sslHandler)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch ChannelError.connectTimeout {
            throw SMTPError(.connect, .timeout)
        } catch {
            throw SMTPError(.connect, .connectFailed(String(describing: error)))
        }
        return SMTPConnection(channel: channel, handler: handler)
    }

    /// Starts TLS on the open connection (after a 220 to STARTTLS). NIOSSL holds writes until the handshake is
    /// done; its failure shows as a `.tls` reason on the next reply awaited.
    func startTLS(_ tls: NIOSSLContext, host: String) async throws(SMTPError) {
        let channel = self.channel
        let handler = self.handler
        let serverName = Self.sniName(host)
        do {
            try await channel.eventLoop.submit {
                guard handler.hasNoPendingInput else { throw PlaintextAfterStartTLS() }
                let sslHandler = try NIOSSLClientHandler(context: tls, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(sslHandler, position: .first)
            }.get()
        } catch {
            throw SMTPError(.starttls, .tls(String(describing: error)))
        }
    }

    /// Writes `bytes` (several pipelined commands, or the message) and waits for `count` replies.
    func exchange(
        _ bytes: [UInt8], replies count: Int, timeout: Duration, stages: (Int) -> SMTPError.Stage
    ) async throws(SMTPError) -> [SMTPReply] {
        let handler = self.handler
        let channel = self.channel
        let futures: [EventLoopFuture<SMTPReply>]
        do {
            futures = try await channel.eventLoop.submit {
                let futures = handler.expectReplies(count, timeout: timeout.timeAmount)
                if !bytes.isEmpty {
                    channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenFailure { _ in channel.close(promise: nil) }
                }
                return futures
            }.get()
        } catch {
            throw SMTPError(stages(0), .connectionLost)
        }
        var replies: [SMTPReply] = []
        for (index, future) in futures.enumerated() {
            do {
                replies.append(try await future.get())
            } catch {
                throw SMTPError(stages(index), Self.reason(error))
            }
        }
        return replies
    }

    /// Writes one command line (CR LF added) and waits for its reply.
    func command(_ line: String, stage: SMTPError.Stage, timeout: Duration) async throws(SMTPError) -> SMTPReply {
        let replies = try await exchange(Array((line + "\r\n").utf8), replies: 1, timeout: timeout) { _ in stage }
        guard let reply = replies.first else { throw SMTPError(stage, .connectionLost) }
        return reply
    }

    /// Waits for a reply nobody asked for: the greeting.
    func unsolicitedReply(stage: SMTPError.Stage, timeout: Duration) async throws(SMTPError) -> SMTPReply {
        let replies = try await exchange([], replies: 1, timeout: timeout) { _ in stage }
        guard let reply = replies.first else { throw SMTPError(stage, .connectionLost) }
        return reply
    }

    func close() async {
        try? await channel.close().get()
    }

    private static func reason(_ error: any Error) -> SMTPError.Reason {
        switch error as? SMTPReplyHandler.Failure {
        case .timeout: .timeout
        case .malformed(let text): .malformedReply(text)
        case .tls(let text): .tls(text)
        case .closed, nil: .connectionLost
        }
    }

    /// SNI carries names only; for an IP literal NIOSSL checks the certificate against the peer address instead.
    private static func sniName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}

struct PlaintextAfterStartTLS: Error, CustomStringConvertible {
    var description: String { "server sent data after its 220 to STARTTLS" }
}

extension Duration {
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
