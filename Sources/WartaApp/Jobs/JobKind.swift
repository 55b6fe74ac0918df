import Foundation
import Logging

/// What a job handler may use: the app's services, a logger with the job's id, and which try this is.
struct JobContext: Sendable {
    let services: AppServices
    let logger: Logger
    let jobID: UUID
    let attempt: Int
}

/// One kind of job. Handlers may run twice for one job after a crash, so each is idempotent (CONTRACTS.md).
protocol JobKind: Sendable {
    associatedtype Payload: Codable & Sendable
    /// Stored in `jobs.kind`; never renamed once released.
    static var name: String { get }
    /// Tries before the job is dead.
    static var maxAttempts: Int { get }
    func run(_ payload: Payload, context: JobContext) async throws
}

extension JobKind {
    static var maxAttempts: Int { 8 }

    /// A job of this kind, ready to enqueue.
    static func job(_ payload: Payload, runAt: Date? = nil, uniqueKey: String? = nil) throws -> NewJob {
        try NewJob(kind: name, payload: payload, runAt: runAt, maxAttempts: maxAttempts, uniqueKey: uniqueKey)
    }
}

/// A payload that cannot be read: the job is dead at once, retrying would not help.
struct JobPayloadError: Error, CustomStringConvertible {
    let kind: String
    var description: String { "the payload is not a valid \(kind) payload" }
}

/// Every job kind the worker can run, by name. Features add theirs here.
struct JobKinds: Sendable {
    private let runners: [String: @Sendable (String, JobContext) async throws -> Void]

    init(_ kinds: [any JobKind]) {
        var runners: [String: @Sendable (String, JobContext) async throws -> Void] = [:]
        for kind in kinds { runners[Self.name(of: kind)] = Self.runner(kind) }
        self.runners = runners
    }

    static let all = JobKinds(Chores.kinds + NewsletterJobs.kinds + [Ping()])

    func contains(_ name: String) -> Bool { runners[name] != nil }

    /// Runs the job; throws `JobQueue.QueueError.unknownKind` or `JobPayloadError` for jobs that can never run.
    func run(_ job: ClaimedJob, context: JobContext) async throws {
        guard let runner = runners[job.kind] else { throw JobQueue.QueueError.unknownKind(job.kind) }
        try await runner(job.payload, context)
    }

    private static func name<Kind: JobKind>(of kind: Kind) -> String { Kind.name }

    private static func runner<Kind: JobKind>(_ kind: Kind) -> @Sendable (String, JobContext) async throws -> Void {
        { payload, context in
            let decoded: Kind.Payload
            do {
                decoded = try JSONDecoder.jobs.decode(Kind.Payload.self, from: Data(payload.utf8))
            } catch {
                throw JobPayloadError(kind: Kind.name)
            }
            try await kind.run(decoded, context: context)
        }
    }
}

/// A job that waits a moment and succeeds: operators check that workers run (`warta jobs ping`), and the crash
/// tests use it as a stand-in for real work.
struct Ping: JobKind {
    struct Payload: Codable, Sendable {
        let millis: Int
    }
    static let name = "ping"

    func run(_ payload: Payload, context: JobContext) async throws {
        let millis = min(max(payload.millis, 0), 10_000)
        if millis > 0 { try await Task.sleep(for: .milliseconds(millis)) }
    }
}
