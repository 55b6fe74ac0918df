import Foundation
import Logging
import NIOCore
import NIOPosix

/// The long-lived parts of one Warta instance, built once from the config and shared by web, jobs and CLI.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let world: World
    public let database: WartaDatabase
    let cache: PageCache
    let metrics: AppMetrics
    /// The live settings; `site` is their current value.
    let settings: SettingsProvider
    let secret: SiteSecret
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger

    /// `logger`: where the app logs (tests capture it); by default swift-log's, at `config.logLevel`.
    public init(
        config: AppConfig, world: World = .live, eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger? = nil
    ) throws {
        self.config = config
        self.world = world
        self.logger = logger ?? config.makeLogger()
        // The shared group: `warta` sized it from WARTA_THREADS at start (EventLoops.takeOverConcurrency).
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        self.eventLoopGroup = group
        database = try WartaDatabase(config.database, logger: self.logger, eventLoopGroup: group)
        cache = PageCache(limitBytes: config.pageCacheBytes)
        secret = SiteSecret(database: database, configured: config.secret)
        metrics = AppMetrics()
        settings = SettingsProvider(config: config)
    }

    /// The settings now: read per use, never kept, so a change in /admin applies without a restart.
    var site: SiteSettings { settings.current }

    /// Reads what is saved in the database (after migrating, before serving).
    public func loadSettings() async throws {
        try await settings.reload(from: database)
    }

    var articles: ArticleStore { ArticleStore(database: database, world: world) }
    var writer: ArticleWriter {
        ArticleWriter(database: database, cache: cache, world: world, timeZone: site.timeZone)
    }
}
