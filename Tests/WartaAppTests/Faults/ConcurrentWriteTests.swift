import FluentKit
import Foundation
import Logging
import SQLKit
import Testing

@testable import WartaApp

/// Several editors saving at once: every save lands, none fails with a lock error.
@Suite struct ConcurrentWriteTests {
    @Test("Concurrent saves in transactions all succeed", arguments: TestDatabase.allCases)
    func concurrentSavesAllLand(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let services = seed.services
            let editor = StaffIdentity(id: UUID(), name: "Dodi", email: "d@example.com", role: .editor)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        var draft = ArticleDraft()
                        draft.title = "Berita Serentak \(index)"
                        draft.bodyMarkdown = "Isi \(index)."
                        draft.tags = ["Serentak"]
                        draft.publishAt = ArticleImporter.parseISO8601("2015-10-15T07:34:00+07:00")
                        let input = draft
                        _ = try await services.database.write(taking: .relatedLists) { tx in
                            try await services.writer.create(input, status: .published, by: editor, on: tx)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let count = try await Article.query(on: services.database.db).count()
            #expect(count == 12)
        }
    }

    @Test("Parallel sign-in attempts are all counted, and only the limit is admitted", arguments: TestDatabase.allCases)
    func parallelAttemptsAreCounted(database: TestDatabase) async throws {
        try await withTestApp(database) { _, seed in
            let limiter = RateLimiter(database: seed.services.database, world: seed.world.world, limit: 4)
            let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await limiter.admit(["account:a@example.com", "peer:10.0.0.1"]) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(admitted == 4)
            let counter = try await RateLimitCounter.find("account:a@example.com", on: seed.services.database.db)
            #expect(counter?.count == 10)
            try await limiter.refund(["account:a@example.com"])
            let refunded = try await RateLimitCounter.find("account:a@example.com", on: seed.services.database.db)
            #expect(refunded?.count == 9)
            // A new window starts from one.
            seed.world.advance(by: 61)
            #expect(try await limiter.admit(["account:a@example.com"]))
            let reset = try await RateLimitCounter.find("account:a@example.com", on: seed.services.database.db)
            #expect(reset?.count == 1)
        }
    }

    /// A publish waits for the one before it (related lists). Waiting inside its transaction held a pooled
    /// connection per waiter; a dozen at once took all of them and page reads queued behind them.
    @Test func publishesWaitingForTheirTurnLeaveTheConnectionsToReaders() async throws {
        try await withTestApp(.postgres) { _, seed in
            let database = seed.services.database
            let (holding, holdingSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await database.write(taking: .relatedLists) { _ in
                        holdingSignal.yield()
                        for await _ in release { break }
                    }
                }
                for await _ in holding { break }
                let waiters = 12  // more than the pool's connections (4 per event loop)
                for _ in 0..<waiters {
                    group.addTask {
                        try await database.write(taking: .relatedLists) { tx in
                            _ = try await (tx as? any SQLDatabase)?.raw("SELECT 1").all()
                        }
                    }
                }
                // Let them all queue (or, without the turn, all reach their transactions). Bounded so that a
                // regression fails below instead of hanging; a slow start only makes the check weaker.
                let turns = database.lockTurns.turns(for: .relatedLists)
                for _ in 0..<1000 where await turns.waitingCount < waiters {
                    try await Task.sleep(for: .milliseconds(2))
                }
                // Before the fix these reads waited for a connection until the pool gave up (10 s) and threw.
                // The holder is released either way: its transaction runs in a task of Fluent's, out of reach of
                // this group's cancellation.
                defer { releaseSignal.finish() }
                try await withThrowingTaskGroup(of: Void.self) { reads in
                    for _ in 0..<16 { reads.addTask { _ = try await database.sql.raw("SELECT 1").all() } }
                    try await reads.waitForAll()
                }
                releaseSignal.finish()
                try await group.waitForAll()
            }
        }
    }

    @Test func aWriteInsideAWriteFailsInsteadOfWaitingForItself() async throws {
        try await withTestApp(.sqlite) { _, seed in
            let database = seed.services.database
            await #expect(throws: WriteTurns.WriteError.self) {
                try await database.write { _ in try await database.write { _ in } }
            }
            // The turn was handed back: the next write runs.
            try await database.write { _ in }
        }
    }

    @Test func aSecondProcessOnTheSameSQLiteFileWaitsForTheWriteLockInsteadOfFailing() async throws {
        try await withTestApp(.sqlite) { _, seed in
            let first = seed.services.database
            // Its own pool and write turns: to SQLite this is another process, like `warta import` beside `serve`.
            let second = try WartaDatabase(first.choice, logger: Logger(label: "second"))
            let (firstHoldsTheLock, signal) = AsyncStream<Void>.makeStream()
            async let firstWrite: Void = first.write { tx in
                try await (tx as? any SQLDatabase)?.raw("INSERT INTO settings (key, value) VALUES ('a', '1')").run()
                signal.yield()
                try await Task.sleep(for: .milliseconds(300))
            }
            for await _ in firstHoldsTheLock { break }
            // Reads, then writes: before taking the lock first, this failed with "database is locked".
            let seen: Result<Int, any Error>
            do {
                seen = .success(
                    try await second.write { tx in
                        let count = try await SiteSetting.query(on: tx).filter(\.$id ~~ ["a", "b"]).count()
                        try await (tx as? any SQLDatabase)?.raw("INSERT INTO settings (key, value) VALUES ('b', '2')")
                            .run()
                        return count
                    })
            } catch {
                seen = .failure(error)
            }
            try await firstWrite
            await second.shutdown()
            #expect(try seen.get() == 1)
            #expect(try await SiteSetting.query(on: first.db).filter(\.$id ~~ ["a", "b"]).count() == 2)
        }
    }
}
