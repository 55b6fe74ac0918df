import Foundation
import Logging
import NIOCore
import WartaMail

/// One SMTP connection's share of a batch, sent in order. The first transport failure (no connection, TLS, AUTH,
/// a timeout, a dropped line) defers the rest of the lane with the same reason instead of waiting out a timeout
/// per message, so a dead server costs one timeout a lane.
struct OutboxLane: Sendable {
    let client: SMTPClient
    let renderer: OutboxRenderer
    let world: World
    let logger: Logger

    func send(_ rows: [OutboxRow], bodies: [UUID: MailBody]) async -> [OutboxResult] {
        var results: [OutboxResult] = []
        results.reserveCapacity(rows.count)
        var serverTrouble: String?
        for row in rows {
            if let serverTrouble {
                results.append(OutboxResult(row: row, outcome: .deferred(reason: serverTrouble)))
                continue
            }
            let outcome = await send(row, body: bodies[row.bodyID])
            results.append(OutboxResult(row: row, outcome: outcome.outcome))
            if outcome.serverTrouble, case .deferred(let reason) = outcome.outcome { serverTrouble = reason }
        }
        return results
    }

    private func send(_ row: OutboxRow, body: MailBody?) async -> (outcome: DeliveryOutcome, serverTrouble: Bool) {
        guard let body else { return (.failed(reason: "the mail's content is gone", hardBounce: false), false) }
        let rendered: OutboxRenderer.Rendered
        do {
            rendered = try await renderer.render(row, body: body, now: world.now())
        } catch {
            logger.warning("mail could not be rendered", metadata: ["outbox": "\(row.id)", "error": "\(error)"])
            return (.failed(reason: "could not render: \(error)", hardBounce: false), false)
        }
        do {
            let delivery = try await client.send(rendered.bytes, from: rendered.sender, to: [rendered.recipient])
            return (DeliveryOutcome.classify(delivery, recipient: rendered.recipient), false)
        } catch {
            return (DeliveryOutcome.classify(error), Self.isServerTrouble(error))
        }
    }

    /// Failures that say nothing about this message and would repeat for the next one.
    static func isServerTrouble(_ error: SMTPError) -> Bool {
        switch error.stage {
        case .connect, .greeting, .ehlo, .starttls, .auth: return true
        case .mail, .rcpt, .data, .dataEnd:
            switch error.reason {
            case .timeout, .connectionLost, .malformedReply: return true
            default: return false
            }
        }
    }
}

/// The sender's SMTP clients, one connection each, kept across batches and replaced when the settings change.
actor SMTPClientPool {
    private let size: Int
    private let group: any EventLoopGroup
    private var configuration: SMTPConfiguration?
    private var clients: [SMTPClient] = []

    init(size: Int, group: any EventLoopGroup) {
        self.size = max(size, 1)
        self.group = group
    }

    func clients(for configuration: SMTPConfiguration) async -> [SMTPClient] {
        if configuration != self.configuration || clients.isEmpty {
            await closeAll()
            clients = (0..<size).map { _ in SMTPClient(configuration: configuration, eventLoopGroup: group) }
            self.configuration = configuration
        }
        return clients
    }

    func closeAll() async {
        for client in clients { await client.close() }
        clients = []
        configuration = nil
    }
}
