import Foundation
import SQLKit
import Testing

@testable import WartaApp

/// `warta worker` killed with SIGKILL in the middle of 1,000 jobs and started again: every job is done, none is
/// lost, and only the ones in flight at the kill ran twice. Real processes and a real clock: the slow tier.
@Suite(.serialized) struct WorkerCrashTests {
    @Test("A worker killed mid-run loses no job and repeats only those in flight", arguments: TestDatabase.allCases)
    func killedWorkerLosesNothing(database: TestDatabase) async throws {
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let environment = Self.environment(for: services.config.database)
            let queued = try CommandLineTests().run(
                ["jobs", "ping", "--count", "1000", "--millis", "15"], environment: environment)
            #expect(queued.stdout == "queued 1000 ping jobs\n")

            let first = try Self.startWorker(environment)
            let doneBeforeKill = try await Self.waitFor(services, atLeast: 150)
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            #expect(doneBeforeKill < 1000)

            let second = try Self.startWorker(environment)
            _ = try await Self.waitFor(services, atLeast: 1000)
            second.terminate()
            second.waitUntilExit()
            #expect(second.terminationStatus == 0)

            let done = try await Self.count(services, "state = 'done'")
            let attempts =
                try await services.database.sql.raw(
                    "SELECT CAST(SUM(attempts) AS BIGINT) AS n FROM jobs WHERE kind = 'ping'"
                ).first(decoding: CountRow.self)?.n ?? 0
            #expect(done == 1000)
            // Each job ran once, except the batch the killed worker held; those ran once more. (Comparing with the
            // rows seen running just after the kill would race: PostgreSQL may still commit a claim the dead
            // process had already sent.)
            #expect(attempts - 1000 <= JobWorker.Options().concurrency)
            print("worker crash: \(doneBeforeKill) done at the kill, \(attempts - 1000) jobs ran twice")
        }
    }

    @Test("SIGTERM lets running jobs finish and takes no new one", arguments: TestDatabase.allCases)
    func terminatedWorkerFinishesItsBatch(database: TestDatabase) async throws {
        try await withServices(database, world: TestWorld(at: "2025-03-03T09:00:00+07:00")) { services in
            let environment = Self.environment(for: services.config.database)
            let worker = try Self.startWorker(environment)
            let command = try CommandLineTests().run(
                ["jobs", "ping", "--count", "8", "--millis", "1500"], environment: environment)
            #expect(command.status == 0)
            try await ClusterTests.poll("a batch to run") {
                try await Self.count(services, "state = 'running'") == JobWorker.Options().concurrency
            }
            let running = try await services.database.sql.raw(
                "SELECT id FROM jobs WHERE kind = 'ping' AND state = 'running'"
            ).all().map { try $0.decode(column: "id", as: UUID.self) }
            worker.terminate()
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
            for id in running { #expect(try await jobRow(id, services).state == "done") }
            let done = try await Self.count(services, "state = 'done'")
            let queued = try await Self.count(services, "state = 'queued'")
            #expect(done + queued == 8)
            #expect(done < 8)
            #expect(try await Self.count(services, "state = 'running'") == 0)
        }
    }

    static func environment(for database: DatabaseChoice) -> [String: String] {
        switch database {
        case .sqlite(let path): ["WARTA_SQLITE_PATH": path, "WARTA_LOG_LEVEL": "error"]
        case .postgres(let url): ["DATABASE_URL": url, "WARTA_LOG_LEVEL": "error"]
        }
    }

    static func startWorker(_ environment: [String: String]) throws -> Process {
        try ClusterTests.start(["worker", "--lease-seconds", "3"], environment)
    }

    static func count(_ services: AppServices, _ condition: String) async throws -> Int {
        try await services.database.sql.raw(
            "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'ping' AND \(unsafeRaw: condition)"
        ).first(decoding: CountRow.self)?.n ?? 0
    }

    /// Polls until `count` ping jobs are done; gives up after two minutes.
    static func waitFor(_ services: AppServices, atLeast count: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let done = try await Self.count(services, "state = 'done'")
            if done >= count { return done }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("fewer than \(count) jobs done after two minutes")
    }
}
