import Foundation
import Logging

/// The newsletter's background jobs: the chore that notices the digest time has come, and the digest itself.
enum NewsletterJobs {
    static let kinds: [any JobKind] = [DigestDue(), SendDigest()]
    /// Every minute: the digest goes out within a minute of its time.
    static let schedules = [Chores.Schedule(name: DigestDue.name, period: 60)]
}

/// Once the site-zone clock has passed today's digest time (`mail.digest_time`, default 06:00), queues today's
/// digest job, keyed by the site day: however many workers and restarts, one job per day.
struct DigestDue: JobKind {
    static let name = "chore.newsletter-digest"
    static var maxAttempts: Int { 3 }

    func run(_ payload: Chores.Payload, context: JobContext) async throws {
        let services = context.services
        let site = services.site
        let mail = try await MailSettings.load(config: services.config, site: site, on: services.database.db)
        guard let due = Self.dueDigest(at: services.world.now(), zone: site.timeZone, minute: mail.digestMinuteOfDay)
        else { return }
        let job = try SendDigest.job(due, uniqueKey: "newsletter.digest:\(due.day)")
        if try await JobQueue(database: services.database, world: services.world).enqueue(job) {
            context.logger.info("daily digest queued", metadata: ["day": "\(due.day)"])
        }
    }

    /// Today's digest when its time has passed at `now`: the day and the moment it covers up to (the digest time,
    /// so a late run leaves nothing out and takes nothing of tomorrow's).
    static func dueDigest(at now: Date, zone: TimeZone, minute digestMinute: Int) -> SendDigest.Payload? {
        let local = CivilTime(now, in: zone)
        let minuteOfDay = local.hour * 60 + local.minute
        guard minuteOfDay >= digestMinute else { return nil }
        let secondsLate = (minuteOfDay - digestMinute) * 60 + local.second
        let until = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down) - Double(secondsLate))
        return SendDigest.Payload(day: DailyDigest.siteDay(now, zone: zone), until: until)
    }
}

/// Queues one day's digest mail (the sender sends it). Idempotent: subscribers who had the day's digest are
/// skipped.
struct SendDigest: JobKind {
    struct Payload: Codable, Sendable, Equatable {
        /// The site day, `yyyy-mm-dd`.
        let day: String
        let until: Date
    }
    static let name = "newsletter.digest"
    static var maxAttempts: Int { 5 }

    func run(_ payload: Payload, context: JobContext) async throws {
        let outcome = try await DailyDigest(services: context.services).queue(day: payload.day, until: payload.until)
        context.logger.info(
            "daily digest", metadata: ["articles": "\(outcome.articles)", "subscribers": "\(outcome.subscribers)"])
    }
}
