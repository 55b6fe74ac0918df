/// Reads one incoming message — a delivery status notification (RFC 3464), a complaint in the Abuse Reporting
/// Format (RFC 5965), or an Exim-style plain bounce with `X-Failed-Recipients` — into ``FeedbackEvent``s.
///
/// Pure and total: any bytes give a result, never a crash, and no input costs more than a few passes over it.
/// Anything else (an auto-reply, ordinary mail, garbage) is ``FeedbackResult/ignored(_:)`` with a reason.
public struct FeedbackReader: Sendable {
    /// A generous bound: bounces of newsletters are small, even when they return the whole message.
    public static let defaultMaxMessageBytes = 16 * 1024 * 1024

    /// The scheme of the Return-Paths Warta sent with, to read and verify message ids.
    public let verp: VERPAddress
    /// Messages above this size are not parsed (``IgnoredReason/tooLarge(bytes:limit:)``).
    public let maxMessageBytes: Int

    /// A reader that verifies VERP addresses with `verp`.
    public init(verp: VERPAddress, maxMessageBytes: Int = defaultMaxMessageBytes) {
        self.verp = verp
        self.maxMessageBytes = maxMessageBytes
    }

    /// The events in one message (its bytes as received, CRLF or LF line ends).
    public func read(_ message: [UInt8]) -> FeedbackResult {
        guard message.count <= maxMessageBytes else {
            return .ignored(.tooLarge(bytes: message.count, limit: maxMessageBytes))
        }
        let entity = MIMEEntity(message: message[...])
        guard !entity.header.isEmpty else { return .ignored(.notAMessage) }
        let parts = entity.partsOutsideEmbeddedMessages
        let original = parts.lazy.compactMap(\.embeddedHeader).first
        let reference = originalReference(report: entity.header, original: original)
        if let status = parts.first(where: { Self.deliveryStatusTypes.contains($0.contentType.mediaType) }) {
            return deliveryStatusEvents(status, reference: reference)
        }
        if let feedback = parts.first(where: { $0.contentType.mediaType == "message/feedback-report" }) {
            return complaintEvents(feedback, original: original, reference: reference)
        }
        if let report = parts.first(where: { $0.contentType.mediaType == "multipart/report" }) {
            return .ignored(.unreadableReport(reportType: report.contentType["report-type"] ?? "none"))
        }
        if let failed = entity.header.value("x-failed-recipients") {
            return plainBounceEvents(failed, parts: parts, reference: reference)
        }
        return .ignored(Self.isAutoReply(entity.header) ? .autoReply : .notAReport)
    }

    /// `message/global-delivery-status` is the SMTPUTF8 form (RFC 6533 §6.1).
    static let deliveryStatusTypes: Set<String> = ["message/delivery-status", "message/global-delivery-status"]

    /// RFC 3834 `Auto-Submitted`, and the older markers vacation programs still send.
    static func isAutoReply(_ header: MIMEHeader) -> Bool {
        if let submitted = header.value("auto-submitted"), submitted.lowercased() != "no" { return true }
        if header.value("x-autoreply") != nil || header.value("x-autorespond") != nil { return true }
        if let precedence = header.value("precedence")?.lowercased(), precedence == "auto_reply" { return true }
        let subject = header.value("subject")?.lowercased() ?? ""
        return ["auto:", "automatic reply", "autoreply", "out of office", "vacation"].contains { subject.hasPrefix($0) }
    }
}

/// Which outbox message a report is about, as far as the report tells.
struct OriginalReference {
    var messageID: String?
    var isVerified = false
    var originalMessageID: String?
}

extension FeedbackReader {
    /// Looks for the outbox id in the order of trust: the VERP address the report was delivered to, the returned
    /// message's Return-Path and tagged `X-Warta-Message-ID`; an untagged `X-Warta-Message-ID` comes last.
    func originalReference(report: MIMEHeader, original: MIMEHeader?) -> OriginalReference {
        var reference = OriginalReference()
        reference.originalMessageID = original?.value("message-id").map(Self.withoutAngleBrackets)
        let delivered = ["delivered-to", "x-original-to", "envelope-to", "to"].flatMap { report.values($0) }
        let returnPaths = original?.values("return-path") ?? []
        for text in delivered + returnPaths {
            for address in MailAddressText.addresses(in: text) {
                if let id = verp.messageID(from: address) {
                    reference.messageID = id
                    reference.isVerified = true
                    return reference
                }
            }
        }
        guard let header = original?.value("x-warta-message-id").map(Self.withoutAngleBrackets) else {
            return reference
        }
        if let id = verp.messageID(fromToken: header) {
            reference.messageID = id
            reference.isVerified = true
        } else if VERPAddress.isValidMessageID(header.lowercased()) {
            reference.messageID = header.lowercased()
        }
        return reference
    }

    /// Falls back on what the report part itself says about the sender when nothing verified was found yet: the
    /// DSN's `Original-Envelope-Id` (RFC 3461 ENVID) as a token, Postfix's `X-Postfix-Sender` or ARF's
    /// `Original-Mail-From` as an address (both name the Return-Path the message went out with).
    func withReportFields(_ reference: OriginalReference, _ fields: MIMEHeader?) -> OriginalReference {
        guard !reference.isVerified, let fields else { return reference }
        let fromToken = fields.value("original-envelope-id").flatMap { verp.messageID(fromToken: $0) }
        let fromAddress = ["x-postfix-sender", "original-mail-from"].lazy
            .compactMap { fields.value($0).flatMap(self.verp.messageID(from:)) }.first
        guard let id = fromToken ?? fromAddress else { return reference }
        var result = reference
        result.messageID = id
        result.isVerified = true
        return result
    }

    static func withoutAngleBrackets(_ text: String) -> String {
        var value = Substring(text.trimmingWhitespace())
        if value.hasPrefix("<") { value = value.dropFirst() }
        if value.hasSuffix(">") { value = value.dropLast() }
        return String(value)
    }

    /// One line of at most 500 characters, runs of whitespace as one space.
    static func oneLine(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        return String(words.joined(separator: " ").prefix(500))
    }

    /// An enhanced status code (RFC 3463 `class.subject.detail`, class 2, 4 or 5) in `text`, if any.
    static func enhancedStatus(in text: String) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" || $0 == ")" }).prefix(200) {
            let fields = word.split(separator: ".", omittingEmptySubsequences: false)
            guard fields.count == 3, ["2", "4", "5"].contains(fields[0]),
                fields[1...].allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) })
            else { continue }
            return String(word)
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
