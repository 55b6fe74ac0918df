/// One thing a bounce or complaint says about one recipient of one outgoing message.
public struct FeedbackEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Permanent failure (DSN status 5.x.x, or `Action: failed` without a status): suppress the address.
        case hardBounce
        /// Temporary trouble (status 4.x.x, or `Action: delayed`): count it; suppress after several in a row.
        case softBounce
        /// The recipient marked the message as spam (ARF `Feedback-Type` abuse, fraud, virus or other).
        case complaint
    }

    public var kind: Kind
    /// The recipient named by the report (DSN `Original-Recipient`, else `Final-Recipient`; ARF
    /// `Original-Rcpt-To`, else the returned message's `To`), when one parses as an address. Anyone can write a
    /// report, so act on the address of the outbox message named by a verified ``messageID`` where there is one.
    public var recipient: MailAddress?
    /// The outbox message id (lowercase `a-z0-9`) the report is about, when found.
    public var messageID: String?
    /// True when ``messageID`` came with a valid HMAC tag (the VERP address the report was delivered to, the
    /// returned message's Return-Path, or an `X-Warta-Message-ID` holding a ``VERPAddress/token(for:)``); false
    /// when it came from an untagged `X-Warta-Message-ID`, which anyone could have written.
    public var messageIDIsVerified: Bool
    /// The `Message-ID` of the returned original message, without angle brackets, for matching sent mail by it.
    public var originalMessageID: String?
    /// The DSN `Action` (`failed`, `delayed`), lowercase; nil for complaints and plain bounces.
    public var action: String?
    /// The enhanced status code (RFC 3463), such as `5.1.1`; nil when the report gives none.
    public var status: String?
    /// What the remote side said: the DSN `Diagnostic-Code` without its type (`550 5.1.1 … User unknown`), the
    /// failure line of a plain bounce, or the ARF `Feedback-Type` (`abuse`). At most 500 characters, one line.
    public var diagnostic: String?

    /// An event; the reader fills what the report names.
    public init(
        kind: Kind,
        recipient: MailAddress? = nil,
        messageID: String? = nil,
        messageIDIsVerified: Bool = false,
        originalMessageID: String? = nil,
        action: String? = nil,
        status: String? = nil,
        diagnostic: String? = nil
    ) {
        self.kind = kind
        self.recipient = recipient
        self.messageID = messageID
        self.messageIDIsVerified = messageIDIsVerified
        self.originalMessageID = originalMessageID
        self.action = action
        self.status = status
        self.diagnostic = diagnostic
    }
}

/// What one message turned out to be: feedback events, or the reason it holds none.
public enum FeedbackResult: Sendable, Hashable {
    /// One or more events (a DSN may name several recipients).
    case events([FeedbackEvent])
    /// Nothing to act on, and why.
    case ignored(IgnoredReason)

    /// The events; empty when ignored.
    public var events: [FeedbackEvent] {
        if case .events(let events) = self { return events }
        return []
    }
}

/// Why a message yields no feedback event.
public enum IgnoredReason: Sendable, Hashable, CustomStringConvertible {
    /// Larger than the reader's limit; not parsed.
    case tooLarge(bytes: Int, limit: Int)
    /// No header field could be read: not a mail message (garbage, empty input, a binary file).
    case notAMessage
    /// An automatic reply (vacation, out of office; RFC 3834 `Auto-Submitted`), not a bounce.
    case autoReply
    /// A readable message that is neither a delivery report, a complaint nor a known plain bounce.
    case notAReport
    /// A `multipart/report` whose status or feedback part is missing or unreadable (truncated, no boundary).
    case unreadableReport(reportType: String)
    /// A delivery report whose recipients were all delivered, relayed or expanded.
    case noFailures
    /// A feedback report that is not a complaint (`not-spam`, `auth-failure`, …).
    case notAComplaint(feedbackType: String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "message of \(bytes) bytes is over the \(limit)-byte limit"
        case .notAMessage: "not a mail message (no header fields)"
        case .autoReply: "automatic reply, not a bounce"
        case .notAReport: "neither a bounce nor a complaint"
        case .unreadableReport(let type): "report (\(type)) without a readable status part"
        case .noFailures: "delivery report without failures"
        case .notAComplaint(let type): "feedback report of type \(type), not a complaint"
        }
    }
}
