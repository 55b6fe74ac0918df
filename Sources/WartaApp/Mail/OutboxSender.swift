import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import WartaMail

/// Sends the outbox: claims due rows in batches with a lease, renders and DKIM-signs each copy, hands them to the
/// SMTP server over a few reused connections, and records the batch's outcomes in one write. Runs beside the job
/// worker (`warta serve`, `warta worker`). A crash between sending and recording repeats at most the claimed batch:
/// its lease runs out and another sender takes it.
struct OutboxSender: Service {
    struct Options: Sendable {
        var batchSize = 200
        /// SMTP connections used side by side.
        var connections = 4
        var pollInterval: Duration = .seconds(1)
        /// Long enough for a batch stalled on server timeouts: a lane stops at the first transport failure.
        var lease: TimeInterval = 300
        /// Replaces the per-stage SMTP timeouts (tests of stalling servers).
        var timeouts: SMTPConfiguration.Timeouts?
    }

    let services: AppServices
    let options: Options
    let name: String
    private let pool: SMTPClientPool
    private let bodies = NIOLockedValueBox<[UUID: MailBody]>([:])

    init(services: AppServices, options: Options = Options()) {
        self.services = services
        self.options = options
        pool = SMTPClientPool(size: options.connections, group: services.eventLoopGroup)
        let host = ProcessInfo.processInfo.hostName
        name = "mail:\(host.prefix(40)):\(ProcessInfo.processInfo.processIdentifier):\(RandomToken.make(byteCount: 3))"
    }

    var store: OutboxStore { OutboxStore(database: services.database, world: services.world) }
    var logger: Logger { services.logger }

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            var full = false
            do {
                if try await store.hasDue() { full = try await sendBatch() == options.batchSize }
            } catch {
                logger.warning("mail sender pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            if full { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: options.pollInterval) }
            } catch {
                break
            }
        }
        await pool.closeAll()
    }

    /// Sends every due row, batch after batch, until none is left; returns how many rows were tried. What tests
    /// call after moving the clock.
    @discardableResult
    func sendDue() async throws -> Int {
        var total = 0
        while true {
            let count = try await sendBatch()
            total += count
            if count == 0 { break }
        }
        await pool.closeAll()
        return total
    }

    /// Claims, sends and records one batch; returns the number of rows claimed.
    func sendBatch() async throws -> Int {
        let rows = try await store.claim(limit: options.batchSize, lease: options.lease, worker: name)
        guard !rows.isEmpty else { return 0 }
        let settings = try await MailSettings.load(
            config: services.config, site: services.site, on: services.database.db)
        let suppressed = try await store.suppressed(among: rows.map(\.recipient))
        let (skipped, sendable) = rows.partitioned { suppressed.contains(Suppressions.key($0.recipient)) }
        let results: [OutboxResult]
        if var smtp = settings.smtp {
            if let timeouts = options.timeouts { smtp.timeouts = timeouts }
            let renderer = try await makeRenderer(settings)
            let texts = try await bodies(for: sendable)
            results = await send(sendable, bodies: texts, renderer: renderer, smtp: smtp)
        } else {
            let reason = "no SMTP server is configured (WARTA_SMTP_URL or /admin/settings)"
            results = sendable.map { OutboxResult(row: $0, outcome: .deferred(reason: reason)) }
        }
        try await store.record(results, suppressed: skipped, worker: name)
        services.metrics.mail.record(results, suppressed: skipped.count)
        return rows.count
    }

    /// The rows split into lanes, one SMTP connection each, side by side.
    private func send(
        _ rows: [OutboxRow], bodies: [UUID: MailBody], renderer: OutboxRenderer, smtp: SMTPConfiguration
    ) async -> [OutboxResult] {
        let clients = await pool.clients(for: smtp)
        let lanes = rows.enumerated().reduce(into: Array(repeating: [OutboxRow](), count: clients.count)) {
            $0[$1.offset % clients.count].append($1.element)
        }
        return await withTaskGroup(of: [OutboxResult].self) { group in
            for (lane, client) in zip(lanes, clients) where !lane.isEmpty {
                group.addTask {
                    await OutboxLane(client: client, renderer: renderer, world: services.world, logger: logger)
                        .send(lane, bodies: bodies)
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    private func makeRenderer(_ settings: MailSettings) async throws -> OutboxRenderer {
        var signer: DKIMSigner?
        do {
            if let (selector, key) = try await DKIMKeyStore(database: services.database).current() {
                signer = try DKIMSigner(domain: settings.from.address.domain, selector: selector, key: key)
            }
        } catch {
            logger.warning("mail goes out unsigned: the DKIM key is unusable", metadata: ["error": "\(error)"])
        }
        return OutboxRenderer(
            from: settings.from, siteURL: services.config.siteURL, timeZone: services.site.timeZone, signer: signer,
            tokens: NewsletterTokens(secret: services.secret),
            returnPath: try await ReturnPath.make(from: settings.from.address, secret: services.secret))
    }

    /// Bodies by id: a campaign's one body serves its whole run from memory.
    private func bodies(for rows: [OutboxRow]) async throws -> [UUID: MailBody] {
        let wanted = Set(rows.map(\.bodyID))
        var found = bodies.withLockedValue { cached in cached.filter { wanted.contains($0.key) } }
        let missing = wanted.subtracting(found.keys)
        guard !missing.isEmpty else { return found }
        let loaded = try await store.bodies(Array(missing))
        found.merge(loaded) { $1 }
        bodies.withLockedValue { cached in
            if cached.count > 256 { cached.removeAll() }
            cached.merge(loaded) { $1 }
        }
        return found
    }
}

extension Array {
    /// (matching, others), each in order.
    func partitioned(by isMatch: (Element) -> Bool) -> ([Element], [Element]) {
        var matching: [Element] = []
        var others: [Element] = []
        for element in self {
            if isMatch(element) { matching.append(element) } else { others.append(element) }
        }
        return (matching, others)
    }
}
