import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing

@testable import WartaApp

/// A job kind that fails until told otherwise, and counts its runs.
struct Flaky: JobKind {
    struct Payload: Codable, Sendable { let tag: String }
    static let name = "test.flaky"
    static var maxAttempts: Int { 3 }
    let runs: NIOLockedValueBox<[String]>
    let failing: NIOLockedValueBox<Bool>

    func run(_ payload: Payload, context: JobContext) async throws {
        runs.withLockedValue { $0.append(payload.tag) }
        if failing.withLockedValue({ $0 }) { throw TestSetupError("smtp said 451 try later") }
    }
}

struct JobRowFacts: Equatable {
    let state: String
    let attempts: Int
    let error: String?
    init(_ state: String, _ attempts: Int, _ error: String?) {
        (self.state, self.attempts, self.error) = (state, attempts, error)
    }
}

func jobRow(_ id: UUID, _ services: AppServices) async throws -> JobRowFacts {
    let row = try #require(
        try await services.database.sql.raw(
            "SELECT state, attempts, last_error FROM jobs WHERE id = \(bind: id)"
        ).first())
    return JobRowFacts(
        try row.decode(column: "state", as: String.self), try row.decode(column: "attempts", as: Int.self),
        try row.decode(column: "last_error", as: String?.self))
}

@Suite struct JobQueueTests {
    @Test("A queued job runs once and is done", arguments: TestDatabase.allCases)
    func queuedJobRunsOnce(database: TestDatabase) async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(database, world: world) { services in
            let (runs, failing) = (NIOLockedValueBox<[String]>([]), NIOLockedValueBox(false))
            let worker = JobWorker(
                services: services, kinds: JobKinds(Chores.kinds + [Flaky(runs: runs, failing: failing)]))
            let queue = JobQueue(database: services.database, world: services.world)
            let job = try Flaky.job(.init(tag: "a"))
            let added = try await queue.enqueue(job)
            let first = try await worker.runDue()
            let second = try await worker.runDue()
            let counts = try await queue.counts()
            #expect(added)
            #expect(first >= 1)
            #expect(second == 0)
            #expect(runs.withLockedValue { $0 } == ["a"])
            #expect(counts[.done, default: 0] >= 1)
            #expect(counts[.queued] == nil)
        }
    }

    @Test("A unique key makes a second enqueue a no-op", arguments: TestDatabase.allCases)
    func uniqueKeyDeduplicates(database: TestDatabase) async throws {
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let queue = JobQueue(database: services.database, world: services.world)
            let job = try Ping.job(.init(millis: 0), uniqueKey: "digest:2025-03-03")
            let first = try await queue.enqueue(job)
            let second = try await queue.enqueue(job)
            let counts = try await queue.counts()
            #expect(first)
            #expect(!second)
            #expect(counts[.queued] == 1)
        }
    }

    @Test(
        "A failing job is retried with backoff, then dead; an admin's retry queues it again",
        arguments: TestDatabase.allCases)
    func failingJobBacksOffThenDies(database: TestDatabase) async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(database, world: world) { services in
            let (runs, failing) = (NIOLockedValueBox<[String]>([]), NIOLockedValueBox(true))
            let worker = JobWorker(
                services: services, kinds: JobKinds(Chores.kinds + [Flaky(runs: runs, failing: failing)]))
            let queue = JobQueue(database: services.database, world: services.world)
            let id = services.world.newID()
            _ = try await services.database.write { tx in
                try await JobQueue.enqueue(try Flaky.job(.init(tag: "x")), id: id, now: world.now, on: tx)
            }
            _ = try await worker.runDue()
            var row = try await jobRow(id, services)
            #expect(row.state == "failed")
            #expect(row.attempts == 1)
            #expect(row.error?.contains("451") == true)
            // Not before its backoff (5-10 s after the first try).
            world.advance(by: 4)
            _ = try await worker.runDue()
            #expect(runs.withLockedValue { $0.count } == 1)
            world.advance(by: 7)
            _ = try await worker.runDue()
            #expect(runs.withLockedValue { $0.count } == 2)
            world.advance(by: 3600)
            _ = try await worker.runDue()
            row = try await jobRow(id, services)
            #expect(row.state == "dead")
            #expect(row.attempts == 3)
            world.advance(by: 3600)
            _ = try await worker.runDue()
            #expect(runs.withLockedValue { $0.count } == 3)
            failing.withLockedValue { $0 = false }
            #expect(try await queue.retry(id))
            #expect(try await !queue.retry(id))
            _ = try await worker.runDue()
            #expect(try await jobRow(id, services).state == "done")
        }
    }

    @Test(
        "Forged jobs — an unreadable payload, an unknown kind — are dead at once, not retried",
        arguments: TestDatabase.allCases)
    func forgedJobsAreDead(database: TestDatabase) async throws {
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let worker = JobWorker(services: services)
            let queue = JobQueue(database: services.database, world: services.world)
            let (bad, unknown, sqlish) = (services.world.newID(), services.world.newID(), services.world.newID())
            let now = services.world.now()
            try await services.database.write { tx in
                try await JobQueue.enqueue(.init(kind: "ping", rawPayload: "{not json"), id: bad, now: now, on: tx)
                try await JobQueue.enqueue(.init(kind: "rm -rf", rawPayload: "{}"), id: unknown, now: now, on: tx)
                try await JobQueue.enqueue(
                    .init(kind: "ping", rawPayload: "{\"millis\":\"'; DROP TABLE jobs; --\"}"), id: sqlish, now: now,
                    on: tx)
            }
            _ = try await worker.runDue()
            #expect(
                try await jobRow(bad, services) == JobRowFacts("dead", 1, "the payload is not a valid ping payload"))
            #expect(try await jobRow(unknown, services) == JobRowFacts("dead", 1, "unknown job kind 'rm -rf'"))
            #expect(try await jobRow(sqlish, services).state == "dead")
            let huge = NewJob(kind: "ping", rawPayload: String(repeating: "x", count: JobQueue.payloadLimit + 1))
            await #expect(throws: JobQueue.QueueError.payloadTooLarge(bytes: JobQueue.payloadLimit + 1)) {
                try await queue.enqueue(huge)
            }
            #expect(try await queue.counts()[.dead] == 3)
        }
    }

    @Test("A job whose worker died is taken again when its lease runs out", arguments: TestDatabase.allCases)
    func expiredLeaseIsReclaimed(database: TestDatabase) async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(database, world: world) { services in
            let queue = JobQueue(database: services.database, world: services.world)
            try await queue.enqueue(try Ping.job(.init(millis: 0)))
            let claimed = try await queue.claim(limit: 10, lease: 60, worker: "dead-worker")
            #expect(claimed.count == 1)
            #expect(try await queue.claim(limit: 10, lease: 60, worker: "other").isEmpty)
            world.advance(by: 61)
            let again = try await queue.claim(limit: 10, lease: 60, worker: "other")
            #expect(again.map(\.id) == claimed.map(\.id))
            #expect(again.first?.attempt == 2)
            // The first worker's late report no longer counts: the job is the other's now.
            try await queue.complete(claimed[0].id, worker: "dead-worker")
            #expect(try await jobRow(claimed[0].id, services).state == "running")
            try await queue.complete(claimed[0].id, worker: "other")
            #expect(try await jobRow(claimed[0].id, services).state == "done")
        }
    }

    @Test("Released jobs go back to the queue without using an attempt", arguments: TestDatabase.allCases)
    func releasedJobsAreQueuedAgain(database: TestDatabase) async throws {
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let queue = JobQueue(database: services.database, world: services.world)
            try await queue.enqueue(try Ping.job(.init(millis: 0)))
            let claimed = try await queue.claim(limit: 10, lease: 60, worker: "w")
            try await queue.release(claimed.map(\.id), worker: "w")
            #expect(try await jobRow(claimed[0].id, services) == JobRowFacts("queued", 0, nil))
        }
    }

    @Test("Workers claiming side by side never take the same job", arguments: TestDatabase.allCases)
    func concurrentClaimsAreDisjoint(database: TestDatabase) async throws {
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let queue = JobQueue(database: services.database, world: services.world)
            _ = try await Commands.enqueuePings(count: 200, millis: 0, services: services)
            let taken = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [UUID] = []
                        while true {
                            let batch = try await queue.claim(limit: 7, lease: 60, worker: "w\(worker)")
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            #expect(taken.count == 200)
            #expect(Set(taken).count == 200)
        }
    }

    @Test("A chore runs once per period however many workers run", arguments: TestDatabase.allCases)
    func choreRunsOncePerPeriod(database: TestDatabase) async throws {
        let world = TestWorld(at: "2025-03-03T09:00:00+07:00")
        try await withServices(database, world: world) { services in
            let workers = (0..<3).map { _ in JobWorker(services: services) }
            try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in workers { group.addTask { try await worker.runDue() } }
                try await group.waitForAll()
            }
            func runs(_ kind: String) async throws -> Int {
                try await services.database.sql.raw(
                    "SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: kind) AND state = 'done'"
                ).first(decoding: CountRow.self)?.n ?? 0
            }
            #expect(try await runs(Chores.PublishDue.name) == 1)
            #expect(try await runs(Chores.Cleanup.name) == 1)
            world.advance(by: 15)
            for worker in workers { try await worker.runDue() }
            #expect(try await runs(Chores.PublishDue.name) == 2)
            #expect(try await runs(Chores.Cleanup.name) == 1)
        }
    }

    @Test func backoffGrowsAndIsCapped() {
        #expect(Backoff.delay(afterAttempt: 1, jitter: 0) == 5)
        #expect(Backoff.delay(afterAttempt: 1, jitter: 1) == 10)
        #expect(Backoff.delay(afterAttempt: 4, jitter: 1) == 80)
        #expect(Backoff.delay(afterAttempt: 50, jitter: 1) == 3600)
        #expect(Backoff.delay(afterAttempt: 0, jitter: -3) == 5)
    }
}

/// Fresh services on `engine` (a non-generic front for `withTestServices`, so the trailing closure is the body).
func withServices(_ engine: TestDatabase, world: TestWorld, _ body: (AppServices) async throws -> Void)
    async throws
{
    try await withTestServices(engine, world: world, configure: { _ in }, body)
}

struct CountRow: Decodable {
    let n: Int
}
