import Foundation
import Logging

/// Periodic work as recurring jobs: each period gets one job keyed by the chore and the period's number, so
/// however many workers run, it runs once per period (CONTRACTS.md, "Background jobs").
enum Chores {
    struct Payload: Codable, Sendable {
        /// The period's number: seconds since 1970 divided by the period.
        let period: Int
    }

    /// A chore and how often it runs.
    struct Schedule: Sendable {
        let name: String
        let period: TimeInterval
    }

    static let kinds: [any JobKind] = [PublishDue(), RefreshStaleRelated(), Cleanup()]
    static let schedules =
        [
            Schedule(name: PublishDue.name, period: 15),
            Schedule(name: RefreshStaleRelated.name, period: 30),
            Schedule(name: Cleanup.name, period: 300),
        ] + NewsletterJobs.schedules

    static func period(of schedule: Schedule, at now: Date) -> Int {
        Int((now.timeIntervalSince1970 / schedule.period).rounded(.down))
    }

    /// The job for `schedule`'s current period at `now`, with its unique key.
    static func job(_ schedule: Schedule, at now: Date) throws -> NewJob {
        let period = period(of: schedule, at: now)
        let start = Date(timeIntervalSince1970: Double(period) * schedule.period)
        return try NewJob(
            kind: schedule.name, payload: Payload(period: period), runAt: start, maxAttempts: 3,
            uniqueKey: "chore:\(schedule.name):\(period)")
    }

    /// Scheduled articles whose time has come go live (within a minute of their time, CONTRACTS.md).
    struct PublishDue: JobKind {
        static let name = "chore.publish-due"
        static var maxAttempts: Int { 3 }

        func run(_ payload: Payload, context: JobContext) async throws {
            let writer = context.services.writer
            let published = try await context.services.database.write(taking: .relatedLists) { tx in
                try await writer.publishDue(on: tx)
            }
            if published > 0 {
                context.logger.info("scheduled articles published", metadata: ["count": "\(published)"])
            }
        }
    }

    /// Related lists older than their maximum age are recomputed, stalest first.
    struct RefreshStaleRelated: JobKind {
        static let name = "chore.related-stale"
        static var maxAttempts: Int { 3 }
        /// 60 lists every 30 s, about 170,000 a day: every list of a 100,000-article site stays under a day old.
        static let listsPerRun = 60

        func run(_ payload: Payload, context: JobContext) async throws {
            try await RelatedArticles(world: context.services.world).refreshStale(
                count: Self.listsPerRun, in: context.services.database)
        }
    }

    /// Expired sessions, rate-limit windows and one-time tokens, old finished jobs, old SQLite cache events, old
    /// one-off mail and newsletter addresses left unconfirmed for seven days go.
    struct Cleanup: JobKind {
        static let name = "chore.cleanup"
        static var maxAttempts: Int { 3 }

        func run(_ payload: Payload, context: JobContext) async throws {
            let services = context.services
            try await AccountsCleanup.removeExpired(database: services.database, world: services.world)
            try await JobQueue(database: services.database, world: services.world).removeFinished()
            try await CacheEventFollower.removeOld(in: services.database)
            try await OutboxStore(database: services.database, world: services.world).removeOld()
            try await SubscriptionStore(database: services.database, world: services.world).removeExpiredPending()
        }
    }
}
