import Foundation

/// What became of one message to one recipient after a try, and what to do next (issue 12: 4xx → retry with
/// backoff, 5xx → failed, a 5xx on RCPT suppresses the address).
public enum DeliveryOutcome: Sendable, Equatable {
    case sent
    /// Try again later: a 4xx, a lost connection, a timeout, or a server or set-up problem that is not this
    /// message's fault (TLS, AUTH, no STARTTLS): the mail waits until it is fixed rather than being thrown away.
    case deferred(reason: String)
    /// Never again. `hardBounce` when the server refused the address itself (5xx on RCPT): it is suppressed.
    case failed(reason: String, hardBounce: Bool)

    /// The outcome for a recipient the client handed over (`delivery`) or for the error the whole try ended in.
    public static func classify(_ delivery: SMTPDelivery, recipient: MailAddress) -> DeliveryOutcome {
        if let refusal = delivery.refused.first(where: { $0.recipient == recipient }) {
            let reason = "RCPT: \(refusal.reply)"
            return refusal.isTransient ? .deferred(reason: reason) : .failed(reason: reason, hardBounce: true)
        }
        return delivery.accepted.contains(recipient) ? .sent : .deferred(reason: "not accepted by the server")
    }

    public static func classify(_ error: SMTPError) -> DeliveryOutcome {
        let reason = error.description
        switch error.stage {
        case .connect, .greeting, .ehlo, .starttls, .auth:
            // The server or our set-up: every message would fail alike, none of them is at fault.
            return .deferred(reason: reason)
        case .mail, .rcpt, .data, .dataEnd:
            if error.isTransient { return .deferred(reason: reason) }
            let addressRefused = error.stage == .rcpt && error.reply != nil
            return .failed(reason: reason, hardBounce: addressRefused)
        }
    }
}

/// When a deferred message is tried again: about 1 min, 5 min, 30 min, 2 h, then every 12 h, and never after three
/// days from when it was queued.
public enum RetrySchedule {
    public static let delays: [TimeInterval] = [60, 300, 1_800, 7_200, 43_200]
    public static let giveUpAfter: TimeInterval = 3 * 86_400

    /// The next try after `attempts` tries, or nil when the message has had its three days and fails. The last try
    /// falls at three days exactly.
    public static func nextTry(afterAttempts attempts: Int, queuedAt: Date, now: Date) -> Date? {
        let deadline = queuedAt.addingTimeInterval(giveUpAfter)
        guard now < deadline else { return nil }
        let delay = delays[min(max(attempts, 1), delays.count) - 1]
        return min(now.addingTimeInterval(delay), deadline)
    }
}
