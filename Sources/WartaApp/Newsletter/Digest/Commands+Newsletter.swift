import Foundation

extension Commands {
    /// `warta newsletter digest`: queues the daily digest now (CONTRACTS.md): the articles of the 24 hours before,
    /// to each confirmed subscriber of `harian` who has not had this site day's digest. One line either way.
    public static func queueDigest(services: AppServices) async throws -> String {
        try await services.loadSettings()
        let now = services.world.now()
        let day = DailyDigest.siteDay(now, zone: services.site.timeZone)
        let outcome = try await DailyDigest(services: services).queue(day: day, until: now)
        if outcome.articles == 0 { return "no articles published in the last 24 hours; nothing to send" }
        if outcome.subscribers == 0 {
            return "no subscriber is waiting for the digest of \(day) (\(outcome.articles) articles); nothing to send"
        }
        return "queued the digest of \(outcome.articles) articles for \(outcome.subscribers) subscribers (\(day))"
    }

    /// `warta newsletter send-test --to ADDRESS`: the digest as it would go out now (or a sample when there are no
    /// articles), queued to one address as a test.
    public static func queueTestDigest(to address: String, services: AppServices) async throws -> String {
        guard let recipient = SubscriberAddress.normalized(address) else {
            throw Failure(description: "'\(DigestMail.oneLine(address))' is not a mail address this site can send to")
        }
        try await services.loadSettings()
        let now = services.world.now()
        let digest = DailyDigest(services: services)
        let articles = try await digest.articles(until: now)
        let mail = try await digest.digestMail(until: now).makeTest(articles)
        let world = services.world
        _ = try await services.database.write { tx in
            try await MailOutbox.enqueue(mail, to: [MailRecipient(address: recipient, name: nil)], world: world, on: tx)
        }
        return articles.isEmpty
            ? "queued a sample digest to \(recipient) (no articles published in the last 24 hours)"
            : "queued a test digest of \(articles.count) articles to \(recipient)"
    }
}
