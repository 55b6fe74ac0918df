import Foundation
import SQLKit
import Testing

@testable import WartaApp

/// SQLite has no NOTIFY: a publish by another process on the same file (a worker, `warta import`) reaches
/// `warta serve`'s cache through `cache_events`.
@Suite struct CacheEventFollowerTests {
    @Test func anotherProcessesPublishDropsThisCachesLists() async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(.sqlite, world: world) { writerProcess in
            let server = try AppServices(config: writerProcess.config, world: world.world)
            do {
                let follower = CacheEventFollower(
                    cache: server.cache, database: server.database, logger: server.logger)
                try await follower.checkOnce()
                let home = PageCache.Key(path: "/", language: .id)
                func cacheHome() {
                    server.cache.store(
                        home, html: "<p>lama</p>", kind: .list, expiresAt: world.now.addingTimeInterval(600),
                        now: world.now)
                }
                cacheHome()
                // The writing process applies its own events; this one sees them only through the table.
                try await Seed(services: writerProcess, world: world).article(slug: "baru")
                #expect(server.cache.lookup(home) != nil)
                try await follower.checkOnce()
                #expect(server.cache.lookup(home) == nil)
                // Its own events are not applied twice: a page cached after them stays.
                cacheHome()
                try await follower.checkOnce()
                #expect(server.cache.lookup(home) != nil)
                let ownFollower = CacheEventFollower(
                    cache: writerProcess.cache, database: writerProcess.database, logger: writerProcess.logger)
                try await ownFollower.checkOnce()
                try await Seed(services: writerProcess, world: world).article(slug: "lagi")
                writerProcess.cache.store(
                    home, html: "<p>baru</p>", kind: .list, expiresAt: world.now.addingTimeInterval(600),
                    now: world.now)
                try await ownFollower.checkOnce()
                #expect(writerProcess.cache.lookup(home) != nil)
            } catch {
                await server.database.shutdown()
                throw error
            }
            await server.database.shutdown()
        }
    }

    @Test func eventsCleanedUpBeforeTheyWereReadEmptyTheCache() async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(.sqlite, world: world) { services in
            let other = PageCache(limitBytes: 1 << 20)
            let follower = CacheEventFollower(cache: other, database: services.database, logger: services.logger)
            try await Seed(services: services, world: world).article(slug: "satu")
            try await follower.checkOnce()
            let key = PageCache.Key(path: "/2015/10/satu", language: .id)
            other.store(key, html: "<p/>", kind: .other, expiresAt: world.now.addingTimeInterval(600), now: world.now)
            for slug in ["dua", "tiga", "empat"] {
                try await Seed(services: services, world: world).article(slug: slug)
            }
            _ = try await services.database.write { tx in
                try await (tx as? any SQLDatabase)?.raw(
                    "DELETE FROM cache_events WHERE id < (SELECT MAX(id) FROM cache_events)"
                ).run()
            }
            try await follower.checkOnce()
            #expect(other.lookup(key) == nil)
        }
    }
}
