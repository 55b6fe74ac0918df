import FluentPostgresDriver
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// On PostgreSQL, keeps this instance's page cache in step with writes made by other instances: one connection
/// `LISTEN`s on `CacheEvent.channel` (DESIGN.md §3). While it is not listening, events can be missed, so the cache
/// is emptied each time listening (re)starts; a lost connection is retried with growing pauses, at most 30 s.
struct CacheEventListener: Service {
    let cache: PageCache
    let databaseURL: String
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    /// Called each time the `LISTEN` is in place (tests wait for it).
    var onListening: @Sendable () -> Void = {}

    func run() async throws {
        var pause = Duration.seconds(1)
        while !Task.isCancelledOrShuttingDown {
            do {
                try await cancelWhenGracefulShutdown { try await listenUntilClosed() }
                pause = .seconds(1)
            } catch {
                if Task.isCancelledOrShuttingDown { return }
                logger.warning(
                    "page-cache events: connection lost", metadata: ["error": "\(String(reflecting: error))"])
            }
            cache.dropAll()
            let wait = pause
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            } catch {
                return
            }
            pause = min(pause * 2, .seconds(30))
        }
    }

    private func listenUntilClosed() async throws {
        let configuration = try SQLPostgresConfiguration(url: databaseURL).coreConfiguration
        let connection = try await PostgresConnection.connect(
            on: eventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
        ).get()
        do {
            try await connection.listen(on: CacheEvent.channel) { notifications in
                cache.dropAll()
                onListening()
                for try await notification in notifications {
                    // A payload this instance cannot read (a newer version's event) drops everything: safe.
                    if let event = CacheEvent(payload: notification.payload) {
                        event.apply(to: cache)
                    } else {
                        cache.dropAll()
                    }
                }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }
}
