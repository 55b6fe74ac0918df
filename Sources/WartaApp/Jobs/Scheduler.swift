import Foundation
import Logging
import ServiceLifecycle

/// Publishes scheduled articles and cleans expired sessions by scanning the database every few seconds,
/// so nothing depends on in-memory timers and a restart misses nothing (CONTRACTS.md).
struct Scheduler: Service {
    let services: AppServices
    static let interval: Duration = .seconds(10)
    /// About 170,000 lists a day: every list of a 100,000-article site stays under a day old.
    static let staleRelatedPerScan = 20

    func run() async throws {
        let logger = services.logger
        while !Task.isCancelledOrShuttingDown {
            await runDue(logger: logger)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.interval) }
            } catch {
                return
            }
        }
    }

    /// One scan; also what tests call after moving the clock.
    func runDue(logger: Logger) async {
        do {
            let writer = services.writer
            let published = try await services.database.write(taking: .relatedLists) { tx in
                try await writer.publishDue(on: tx)
            }
            if published > 0 { logger.info("scheduled articles published", metadata: ["count": "\(published)"]) }
            try await RelatedArticles(world: services.world).refreshStale(
                count: Self.staleRelatedPerScan, in: services.database)
            try await AccountsCleanup.removeExpired(database: services.database, world: services.world)
        } catch {
            logger.warning("scheduler scan failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
