import Foundation

/// Where a campaign stands. A draft can be edited; scheduling or sending queues its outbox rows at once (with
/// `run_at` at the scheduled time), so the sender needs no campaign logic; cancelling drops the rows not yet sent.
enum CampaignState: String, Sendable, CaseIterable {
    case draft, scheduled, queued, cancelled
}

/// One campaign as stored (`newsletter_campaigns`).
struct CampaignRow: Sendable, Equatable {
    let id: UUID
    var listSlug: String
    var subject: String
    var bodyMarkdown: String
    var articleIDs: [UUID]
    var state: CampaignState
    var scheduledAt: Date?
    var queuedAt: Date?
    var createdAt: Date
}

/// A campaign's outbox rows per state, and how many recipients unsubscribed through its mail.
struct CampaignCounts: Sendable, Equatable {
    var byState: [OutboxState: Int] = [:]
    var unsubscribed = 0

    var total: Int { byState.values.reduce(0, +) }
    subscript(_ state: OutboxState) -> Int { byState[state] ?? 0 }
}

/// What the compose form holds, as typed. `parse` checks it; the article list is checked against the database
/// when the mail is built (`CampaignStore.articles(ids:)`).
struct CampaignInput: Sendable, Equatable {
    enum Field: String, Sendable {
        case subject, body, list, articles
        case scheduleAt = "schedule_at"
        case testTo = "test_to"
    }

    static let subjectLimit = 200
    /// Far above any newsletter, far below the 1 MB form limit: a pasted book is refused with a message.
    static let bodyLimit = 100_000
    static let articleLimit = 20

    var subject = ""
    var bodyMarkdown = ""
    var listSlug = CampaignLists.defaultSlug
    var articleIDs: [UUID] = []
    var scheduleAt = ""
    var testTo = ""

    init() {}

    init(_ row: CampaignRow) {
        subject = row.subject
        bodyMarkdown = row.bodyMarkdown
        listSlug = row.listSlug
        articleIDs = row.articleIDs
    }

    /// The posted form as typed; ids that do not read as UUIDs are kept out and reported by `problems`.
    init(form: FormData) {
        subject = form[Field.subject.rawValue].trimmingCharacters(in: .whitespaces)
        bodyMarkdown = form[Field.body.rawValue].replacingOccurrences(of: "\r\n", with: "\n")
        listSlug = form[Field.list.rawValue]
        var seen = Set<UUID>()
        articleIDs = form.values(Field.articles.rawValue).compactMap(UUID.init(uuidString:)).filter {
            seen.insert($0).inserted
        }
        scheduleAt = form[Field.scheduleAt.rawValue].trimmingCharacters(in: .whitespaces)
        testTo = form[Field.testTo.rawValue].trimmingCharacters(in: .whitespaces)
    }

    /// What is wrong with the content (not the schedule or the test address, which only some actions need).
    func problems(form: FormData, lists: [CampaignList]) -> [CampaignProblem] {
        var problems: [CampaignProblem] = []
        if subject.isEmpty {
            problems.append(.init(.subject, .errorCampaignSubjectRequired))
        } else if subject.contains(where: \.isNewline) {
            problems.append(.init(.subject, .errorMailLineBreak))
        } else if subject.count > Self.subjectLimit {
            problems.append(.init(.subject, .errorTooLong, ["limit": "\(Self.subjectLimit)"]))
        }
        if bodyMarkdown.count > Self.bodyLimit {
            problems.append(.init(.body, .errorTooLong, ["limit": "\(Self.bodyLimit)"]))
        }
        if !lists.contains(where: { $0.slug == listSlug }) { problems.append(.init(.list, .errorCampaignListUnknown)) }
        let posted = form.values(Field.articles.rawValue)
        if posted.contains(where: { UUID(uuidString: $0) == nil }) {
            problems.append(.init(.articles, .errorCampaignArticleUnknown))
        } else if articleIDs.count > Self.articleLimit {
            problems.append(.init(.articles, .errorCampaignTooManyArticles, ["limit": "\(Self.articleLimit)"]))
        }
        if bodyMarkdown.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, articleIDs.isEmpty {
            problems.append(.init(.body, .errorCampaignEmpty))
        }
        return problems
    }
}

/// One problem of the compose form, shown by its field.
struct CampaignProblem: Error, Sendable, Equatable {
    let field: CampaignInput.Field
    let key: L10nKey
    var arguments: [String: String] = [:]

    init(_ field: CampaignInput.Field, _ key: L10nKey, _ arguments: [String: String] = [:]) {
        self.field = field
        self.key = key
        self.arguments = arguments
    }
}

/// A newsletter list a campaign can go to.
struct CampaignList: Sendable, Equatable {
    let slug: String
    let name: String
    /// Messages per minute for its campaigns; 0 = as fast as the server takes them.
    let ratePerMinute: Int
}

/// A published article picked for a campaign: its headline, summary and public link become part of the mail.
struct CampaignArticle: Sendable, Equatable {
    let id: UUID
    let title: String
    let summary: String
    let url: String
    let publishedAt: Date
}
