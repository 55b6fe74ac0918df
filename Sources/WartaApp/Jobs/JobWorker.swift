import Foundation
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Runs queued jobs: enqueues the periodic chores as their periods start, claims due jobs in batches with a lease,
/// renews the lease while they run, and reports each outcome. `warta serve` runs one (unless `WARTA_WORKER=0`),
/// `warta worker` runs only this. On SIGTERM it claims nothing more; the running batch finishes, and jobs still
/// running when the task is cancelled go back to the queue.
struct JobWorker: Service {
    struct Options: Sendable {
        /// Jobs run at once by this worker.
        var concurrency = 4
        /// How often an idle worker looks for due jobs: a job queued anywhere starts within this (CONTRACTS.md: 5 s).
        var pollInterval: Duration = .seconds(1)
        /// How long a claim holds before another worker may take the job (its worker presumed dead).
        var lease: TimeInterval = 60
    }

    let services: AppServices
    var options = Options()
    var kinds = JobKinds.all
    let name: String
    private let choresEnqueued = NIOLockedValueBox<[String: Int]>([:])

    init(services: AppServices, options: Options = Options(), kinds: JobKinds = .all) {
        self.services = services
        self.options = options
        self.kinds = kinds
        let host = ProcessInfo.processInfo.hostName
        name = "\(host.prefix(40)):\(ProcessInfo.processInfo.processIdentifier):\(RandomToken.make(byteCount: 3))"
    }

    var queue: JobQueue { JobQueue(database: services.database, world: services.world) }
    var logger: Logger { services.logger }

    func run() async throws {
        logger.info("job worker started", metadata: ["worker": "\(name)"])
        var lastGauges = ContinuousClock.now - .seconds(60)
        while !Task.isCancelledOrShuttingDown {
            var claimedFull = false
            do {
                try await enqueueDueChores()
                if try await queue.hasDueJobs() {
                    let claimed = try await queue.claim(
                        limit: options.concurrency, lease: options.lease, worker: name)
                    await runBatch(claimed, renewingLeases: true)
                    claimedFull = claimed.count == options.concurrency
                }
                if ContinuousClock.now - lastGauges > .seconds(5) {
                    lastGauges = .now
                    services.metrics.jobs.record(try await queue.counts())
                }
            } catch {
                logger.warning("job worker pass failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            if claimedFull { continue }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: options.pollInterval) }
            } catch {
                break
            }
        }
        logger.info("job worker stopped", metadata: ["worker": "\(name)"])
    }

    /// Enqueues each chore whose period began since this process last did (a no-op when another did first).
    func enqueueDueChores() async throws {
        let now = services.world.now()
        for schedule in Chores.schedules {
            let period = Chores.period(of: schedule, at: now)
            guard choresEnqueued.withLockedValue({ $0[schedule.name] }) != period else { continue }
            try await queue.enqueue(try Chores.job(schedule, at: now))
            choresEnqueued.withLockedValue { $0[schedule.name] = period }
        }
    }

    /// Runs every job that is due now, batch after batch, until none is left; returns how many ran. What tests call
    /// after moving the clock (no sleeps, no leases renewed).
    @discardableResult
    func runDue() async throws -> Int {
        try await enqueueDueChores()
        var count = 0
        while true {
            let claimed = try await queue.claim(limit: options.concurrency, lease: options.lease, worker: name)
            if claimed.isEmpty { return count }
            await runBatch(claimed, renewingLeases: false)
            count += claimed.count
        }
    }

    /// Runs a claimed batch side by side; a lease renewer runs beside it until the batch is over.
    private func runBatch(_ jobs: [ClaimedJob], renewingLeases: Bool) async {
        guard !jobs.isEmpty else { return }
        let unfinished = NIOLockedValueBox(Set(jobs.map(\.id)))
        await withTaskGroup(of: Void.self) { group in
            if renewingLeases {
                group.addTask { await renewLeases(of: unfinished) }
            }
            await withTaskGroup(of: Void.self) { runs in
                for job in jobs {
                    runs.addTask {
                        if await perform(job) { unfinished.withLockedValue { _ = $0.remove(job.id) } }
                    }
                }
            }
            group.cancelAll()
        }
        // Cancelled before they finished (shutdown past its grace): another worker takes them from the queue.
        let left = unfinished.withLockedValue { Array($0) }
        if !left.isEmpty {
            try? await queue.release(left, worker: name)
        }
    }

    private func renewLeases(of unfinished: NIOLockedValueBox<Set<UUID>>) async {
        let interval = Duration.seconds(max(options.lease / 3, 1))
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            let ids = unfinished.withLockedValue { Array($0) }
            do {
                try await queue.renew(ids, lease: options.lease, worker: name)
            } catch {
                logger.warning("job lease renewal failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    /// Our own errors by their description; others (driver errors) by reflection, which names the cause.
    static func describe(_ error: any Error) -> String {
        if let error = error as? JobPayloadError { return error.description }
        if let error = error as? JobQueue.QueueError { return error.description }
        return String(reflecting: error)
    }

    /// Runs one job and saves its outcome; false when it was cancelled before it finished.
    private func perform(_ job: ClaimedJob) async -> Bool {
        var jobLogger = logger
        jobLogger[metadataKey: "job_id"] = "\(job.id.uuidString)"
        jobLogger[metadataKey: "job_kind"] = "\(job.kind)"
        let context = JobContext(services: services, logger: jobLogger, jobID: job.id, attempt: job.attempt)
        let started = ContinuousClock.now
        do {
            try await kinds.run(job, context: context)
        } catch {
            // Cancelled by a shutdown past its grace: released to the queue by the batch, not counted as a failure.
            if Task.isCancelled { return false }
            let permanent = error is JobPayloadError || error is JobQueue.QueueError
            let message = Self.describe(error)
            jobLogger.warning("job failed", metadata: ["attempt": "\(job.attempt)", "error": "\(message)"])
            services.metrics.jobs.finished(after: ContinuousClock.now - started, succeeded: false)
            do {
                try await queue.fail(job, error: message, permanent: permanent, worker: name)
            } catch {
                jobLogger.error("job outcome not saved", metadata: ["error": "\(String(reflecting: error))"])
            }
            return true
        }
        do {
            try await queue.complete(job.id, worker: name)
            services.metrics.jobs.finished(after: ContinuousClock.now - started, succeeded: true)
        } catch {
            // The lease runs out and another worker repeats the job: handlers are idempotent.
            jobLogger.error("job outcome not saved", metadata: ["error": "\(String(reflecting: error))"])
        }
        return true
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
