import Foundation

extension Commands {
    /// `warta jobs`: one line per state with its count, then the unfinished jobs' last errors.
    public static func jobReport(services: AppServices) async throws -> [String] {
        let queue = JobQueue(database: services.database, world: services.world)
        let counts = try await queue.counts()
        var lines = JobState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }
        for job in try await queue.list(state: nil, limit: 50) where job.state == .failed || job.state == .dead {
            lines.append("\(job.state.rawValue) \(job.kind) \(job.id.uuidString): \(job.lastError ?? "")")
        }
        return lines
    }

    /// `warta jobs ping`: queues `count` ping jobs that each take `millis`; a worker anywhere runs them.
    public static func enqueuePings(count: Int, millis: Int, services: AppServices) async throws -> String {
        guard (1...100_000).contains(count) else { throw Failure(description: "--count must be 1 to 100000") }
        guard (0...10_000).contains(millis) else { throw Failure(description: "--millis must be 0 to 10000") }
        let job = try Ping.job(.init(millis: millis))
        let (world, now) = (services.world, services.world.now())
        // Batches of 500 a transaction: one SQLite write turn each, not one per job.
        var left = count
        while left > 0 {
            let batch = min(left, 500)
            try await services.database.write { tx in
                for _ in 0..<batch { try await JobQueue.enqueue(job, id: world.newID(), now: now, on: tx) }
            }
            left -= batch
        }
        return "queued \(count) ping jobs"
    }
}
