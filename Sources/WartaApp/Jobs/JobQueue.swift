import FluentKit
import Foundation
import SQLKit

/// The `jobs` table: enqueue inside the caller's transaction, claim in batches with a lease, finish, fail with
/// backoff, release on shutdown (CONTRACTS.md, "Background jobs"; docs/adr/014-job-queue.md).
struct JobQueue: Sendable {
    let database: WartaDatabase
    let world: World
    /// A payload is a small JSON document naming what to work on, never the work itself.
    static let payloadLimit = 64 * 1024

    enum QueueError: Error, Equatable, CustomStringConvertible {
        case payloadTooLarge(bytes: Int)
        case unknownKind(String)

        var description: String {
            switch self {
            case .payloadTooLarge(let bytes): "job payload of \(bytes) bytes is over the 64 KB limit"
            case .unknownKind(let kind): "unknown job kind '\(kind)'"
            }
        }
    }

    /// Adds a job in the transaction `db` belongs to, so it exists exactly when the change that caused it commits.
    /// Returns false when a job with the same unique key already exists.
    @discardableResult
    static func enqueue(_ job: NewJob, id: UUID, now: Date, on db: any Database) async throws -> Bool {
        let bytes = job.payload.utf8.count
        guard bytes <= payloadLimit else { throw QueueError.payloadTooLarge(bytes: bytes) }
        guard let sql = db as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
        let rows = try await sql.raw(
            """
            INSERT INTO jobs (id, kind, payload, state, run_at, attempts, max_attempts, unique_key, created_at,
              updated_at)
            VALUES (\(bind: id), \(bind: job.kind), \(bind: job.payload), 'queued', \(bind: job.runAt ?? now), 0,
              \(bind: max(job.maxAttempts, 1)), \(bind: job.uniqueKey), \(bind: now), \(bind: now))
            ON CONFLICT (unique_key) DO NOTHING RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    /// Adds a job in the caller's transaction (`db` is the one its write gave it).
    @discardableResult
    func enqueue(_ job: NewJob, on db: any Database) async throws -> Bool {
        try await Self.enqueue(job, id: world.newID(), now: world.now(), on: db)
    }

    /// Enqueues in a write of its own (the CLI, chores).
    @discardableResult
    func enqueue(_ job: NewJob) async throws -> Bool {
        let (id, now) = (world.newID(), world.now())
        return try await database.write { tx in try await Self.enqueue(job, id: id, now: now, on: tx) }
    }

    /// True when some job could be claimed now; a read, so idle workers do not take SQLite's write lock.
    func hasDueJobs() async throws -> Bool {
        let now = world.now()
        let rows = try await database.sql.raw(
            """
            SELECT id FROM jobs WHERE (state IN ('queued', 'failed') AND run_at <= \(bind: now))
              OR (state = 'running' AND lease_until < \(bind: now)) LIMIT 1
            """
        ).all()
        return !rows.isEmpty
    }

    /// Takes up to `limit` due jobs (and jobs whose lease ran out: their worker died) for `worker`, in one write:
    /// `FOR UPDATE SKIP LOCKED` lets workers on PostgreSQL claim side by side; SQLite takes one write turn a batch.
    func claim(limit: Int, lease: TimeInterval, worker: String) async throws -> [ClaimedJob] {
        let now = world.now()
        let leaseUntil = now.addingTimeInterval(lease)
        let skipLocked = database.isPostgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let rows = try await sql.raw(
                """
                UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_until = \(bind: leaseUntil),
                  claimed_by = \(bind: worker), claimed_at = \(bind: now), updated_at = \(bind: now)
                WHERE id IN (
                  SELECT id FROM jobs WHERE (state IN ('queued', 'failed') AND run_at <= \(bind: now))
                    OR (state = 'running' AND lease_until < \(bind: now))
                  ORDER BY run_at LIMIT \(bind: limit) \(unsafeRaw: skipLocked))
                RETURNING id, kind, payload, attempts, max_attempts
                """
            ).all()
            return try rows.map { row in
                ClaimedJob(
                    id: try row.decode(column: "id", as: UUID.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    attempt: try row.decode(column: "attempts", as: Int.self),
                    maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
            }
        }
    }

    /// Moves the leases of `ids` on while they run.
    func renew(_ ids: [UUID], lease: TimeInterval, worker: String) async throws {
        guard !ids.isEmpty else { return }
        let until = world.now().addingTimeInterval(lease)
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                UPDATE jobs SET lease_until = \(bind: until) WHERE state = 'running' AND claimed_by = \(bind: worker)
                  AND id IN (\(binds: ids))
                """
            ).run()
        }
    }

    /// Done. Only while this worker still holds it: if its lease ran out and another took it, that one reports.
    func complete(_ id: UUID, worker: String) async throws {
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                UPDATE jobs SET state = 'done', finished_at = \(bind: now), updated_at = \(bind: now),
                  lease_until = NULL
                WHERE id = \(bind: id) AND state = 'running' AND claimed_by = \(bind: worker)
                """
            ).run()
        }
    }

    /// A failed try: back to the queue after a backoff, or dead when it has used its attempts or can never run.
    func fail(_ job: ClaimedJob, error: String, permanent: Bool, worker: String) async throws {
        let now = world.now()
        let isDead = permanent || job.attempt >= job.maxAttempts
        let next = now.addingTimeInterval(Backoff.delay(afterAttempt: job.attempt, jitter: Double.random(in: 0..<1)))
        let message = String(error.prefix(1000))
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                UPDATE jobs SET state = \(bind: isDead ? JobState.dead.rawValue : JobState.failed.rawValue),
                  run_at = \(bind: isDead ? now : next), last_error = \(bind: message), lease_until = NULL,
                  claimed_by = NULL, updated_at = \(bind: now), finished_at = \(bind: isDead ? now : nil as Date?)
                WHERE id = \(bind: job.id) AND state = 'running' AND claimed_by = \(bind: worker)
                """
            ).run()
        }
    }

    /// Gives jobs that did not finish back to the queue, their attempt not counted (graceful shutdown).
    func release(_ ids: [UUID], worker: String) async throws {
        guard !ids.isEmpty else { return }
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                UPDATE jobs SET state = CASE WHEN attempts > 1 THEN 'failed' ELSE 'queued' END,
                  attempts = attempts - 1, lease_until = NULL, claimed_by = NULL, updated_at = \(bind: now)
                WHERE state = 'running' AND claimed_by = \(bind: worker) AND id IN (\(binds: ids))
                """
            ).run()
        }
    }

    /// An admin's retry of a failed or dead job: queued now with its attempts reset. False if it was neither.
    func retry(_ id: UUID) async throws -> Bool {
        let now = world.now()
        return try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            let rows = try await sql.raw(
                """
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = \(bind: now), finished_at = NULL,
                  updated_at = \(bind: now)
                WHERE id = \(bind: id) AND state IN ('failed', 'dead') RETURNING id
                """
            ).all()
            return !rows.isEmpty
        }
    }

    /// Finished jobs are kept a day (their unique keys hold a chore's period), dead ones 30 days for a look.
    func removeFinished() async throws {
        let now = world.now()
        try await database.write { tx in
            guard let sql = tx as? any SQLDatabase else { throw DatabaseSetupError.notSQL }
            try await sql.raw(
                """
                DELETE FROM jobs WHERE (state = 'done' AND finished_at < \(bind: now.addingTimeInterval(-86_400)))
                  OR (state = 'dead' AND finished_at < \(bind: now.addingTimeInterval(-30 * 86_400)))
                """
            ).run()
        }
    }
}
