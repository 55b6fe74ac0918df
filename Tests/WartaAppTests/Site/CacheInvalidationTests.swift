import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOPosix
import Testing

@testable import WartaApp

/// Page-cache entries go when the write that changes them commits, here and on every other instance.
@Suite struct CacheInvalidationTests {
    struct Rollback: Error {}

    private func retitle(_ article: Article, _ title: String, _ seed: Seed, version: Int = 1) async throws {
        try await seed.edit(article, version: version) { $0.title = title }
    }

    @Test(
        "A rolled-back save leaves the cache alone; a committed one clears the page", arguments: TestDatabase.allCases)
    func entriesGoAfterTheCommit(database: TestDatabase) async throws {
        try await withTestApp(database) { app, seed in
            let article = try await seed.article(title: "Banjir Surut", slug: "banjir")
            try await app.test(.router) { client in
                _ = try await client.get("/2015/10/banjir")
                #expect(seed.services.cache.count == 1)
                let (writer, id) = (seed.services.writer, try article.requireID())
                let editor = StaffIdentity(id: UUID(), name: "Dodi", email: "d@example.com", role: .editor)
                var draft = ArticleDraft()
                draft.title = "Judul Baru"
                draft.slug = "banjir"
                draft.bodyMarkdown = article.bodyMarkdown
                let input = draft
                await #expect(throws: Rollback.self) {
                    try await seed.services.database.write(taking: .relatedLists) { tx in
                        _ = try await writer.update(id: id, input, expectedVersion: 1, status: nil, by: editor, on: tx)
                        throw Rollback()
                    }
                }
                #expect(seed.services.cache.count == 1)
                try await retitle(article, "Banjir Sudah Surut", seed)
                #expect(seed.services.cache.count == 0)
                #expect(try await client.get("/2015/10/banjir").text.contains("Banjir Sudah Surut"))
            }
        }
    }

    @Test("An edit on one instance clears the page on another (PostgreSQL NOTIFY)")
    func otherInstancesDropTheirEntries() async throws {
        try await withTestApp(.postgres) { _, seed in
            let article = try await seed.article(title: "Banjir Surut", slug: "banjir")
            guard case .postgres(let url) = seed.services.config.database else { return }
            let other = try AppServices(
                config: seed.services.config, world: seed.world.world,
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
            let (listening, signal) = AsyncStream<Void>.makeStream()
            let listener = CacheEventListener(
                cache: other.cache, databaseURL: url, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: Logger(label: "test"), onListening: { signal.yield() })
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await listener.run() }
                    var waiting = listening.makeAsyncIterator()
                    _ = await waiting.next()
                    try await buildApplication(other).test(.router) { client in
                        _ = try await client.get("/2015/10/banjir")
                        #expect(other.cache.count == 1)
                        try await retitle(article, "Banjir Sudah Surut", seed)
                        try await waitUntil { other.cache.count == 0 }
                        #expect(try await client.get("/2015/10/banjir").text.contains("Banjir Sudah Surut"))
                    }
                    group.cancelAll()
                }
            } catch {
                await other.database.shutdown()
                throw error
            }
            await other.database.shutdown()
        }
    }

    /// Polls a condition that another connection makes true; fails after a generous 20 s.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<1000 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("condition not met within 20 s")
    }
}
