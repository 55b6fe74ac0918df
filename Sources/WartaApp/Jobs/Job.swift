import Foundation

/// Where a job is in its life. `failed` waits for its next try; `dead` has used every attempt or cannot run.
enum JobState: String, Sendable, CaseIterable, Codable {
    case queued, running, failed, dead, done
}

/// A job to add to the queue: its kind, its payload as JSON, when to run it and how often to try.
struct NewJob: Sendable {
    let kind: String
    let payload: String
    var runAt: Date? = nil
    var maxAttempts = 8
    /// At most one job with this key ever exists (until the cleanup removes it when done): a second enqueue is a
    /// no-op. Periodic chores use it to run once per period across instances.
    var uniqueKey: String? = nil

    init<Payload: Encodable>(
        kind: String, payload: Payload, runAt: Date? = nil, maxAttempts: Int = 8, uniqueKey: String? = nil
    ) throws {
        self.kind = kind
        self.payload = String(decoding: try JSONEncoder.jobs.encode(payload), as: UTF8.self)
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }

    /// A job whose payload is given as raw text, as stored (tests of forged payloads use it).
    init(kind: String, rawPayload: String, runAt: Date? = nil, maxAttempts: Int = 8, uniqueKey: String? = nil) {
        self.kind = kind
        self.payload = rawPayload
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }
}

/// A job as claimed by a worker.
struct ClaimedJob: Sendable, Equatable {
    let id: UUID
    let kind: String
    let payload: String
    /// Counting this one.
    let attempt: Int
    let maxAttempts: Int
}

/// One row of the queue as /admin and `warta jobs` show it.
struct JobSummary: Sendable, Equatable {
    let id: UUID
    let kind: String
    let state: JobState
    let attempts: Int
    let maxAttempts: Int
    let runAt: Date
    let lastError: String?
    let claimedBy: String?
}

extension JSONEncoder {
    /// Sorted keys: the same payload always has the same text.
    static let jobs: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension JSONDecoder {
    static let jobs: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// How long a failed job waits before its next try: exponential from 10 s, capped at an hour, with full jitter in
/// its upper half so jobs that failed together (an SMTP outage) do not come back together.
enum Backoff {
    static let base: TimeInterval = 10
    static let cap: TimeInterval = 3600

    /// `attempt` counts from 1; `jitter` is a value in 0..<1.
    static func delay(afterAttempt attempt: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(min(max(attempt - 1, 0), 20))
        let full = min(base * pow(2, exponent), cap)
        return full * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }
}
