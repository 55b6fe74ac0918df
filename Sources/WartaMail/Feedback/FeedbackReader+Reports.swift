extension FeedbackReader {
    /// Blocks of fields separated by empty lines, as in a `message/delivery-status` body (RFC 3464 §2.1).
    static func fieldBlocks(_ bytes: [UInt8]) -> [MIMEHeader] {
        var blocks: [MIMEHeader] = []
        var position = 0
        while position < bytes.count, blocks.count < MIMEEntity.maxParts {
            let (block, next) = MIMEHeader.parse(bytes[position...])
            if !block.isEmpty { blocks.append(block) }
            // parse always consumes at least one line, so this loop ends.
            position = max(next, position + 1)
        }
        return blocks
    }

    /// A DSN (RFC 3464): one event per recipient that failed or is delayed.
    func deliveryStatusEvents(_ part: MIMEEntity, reference: OriginalReference) -> FeedbackResult {
        let blocks = Self.fieldBlocks(part.decodedBody())
        // The per-message block comes first; senders that forget the empty line after it still get read, since
        // a block counts as a recipient by its fields, not its place.
        let resolved = withReportFields(reference, blocks.first)
        let recipients = blocks.filter { $0.value("final-recipient") != nil || $0.value("action") != nil }
        guard !recipients.isEmpty else { return .ignored(.unreadableReport(reportType: "delivery-status")) }
        let events = recipients.compactMap { recipientEvent($0, reference: resolved) }
        return events.isEmpty ? .ignored(.noFailures) : .events(events)
    }

    private func recipientEvent(_ block: MIMEHeader, reference: OriginalReference) -> FeedbackEvent? {
        let action = block.value("action").map { Self.oneLine($0).lowercased() }
        let diagnostic = block.value("diagnostic-code").map(Self.withoutType).map(Self.oneLine)
        let status =
            block.value("status").flatMap { Self.enhancedStatus(in: $0) } ?? diagnostic.flatMap(Self.enhancedStatus)
        let statusClass = status?.first
        let kind: FeedbackEvent.Kind
        switch action ?? "" {
        case "failed": kind = statusClass == "4" ? .softBounce : .hardBounce
        case "delayed": kind = .softBounce
        case "" where statusClass == "5": kind = .hardBounce
        case "" where statusClass == "4": kind = .softBounce
        default: return nil  // delivered, relayed, expanded, or nothing to go on
        }
        let recipient = [block.value("original-recipient"), block.value("final-recipient")]
            .lazy.compactMap { $0.flatMap(MailAddressText.firstAddress) }.first
        return event(kind, recipient: recipient, reference: reference, action: action, status: status, diagnostic)
    }

    /// An ARF report (RFC 5965): one complaint per `Original-Rcpt-To`, or one for the returned message's `To`.
    func complaintEvents(_ part: MIMEEntity, original: MIMEHeader?, reference: OriginalReference) -> FeedbackResult {
        let fields = MIMEHeader.parse(ArraySlice(part.decodedBody())).header
        guard let type = fields.value("feedback-type").map({ Self.oneLine($0).lowercased() }) else {
            return .ignored(.unreadableReport(reportType: "feedback-report"))
        }
        // RFC 5965 §7.3 and RFC 6591: not-spam and auth-failure reports are not the recipient complaining.
        guard ["abuse", "fraud", "virus", "other"].contains(type) else {
            return .ignored(.notAComplaint(feedbackType: type))
        }
        let resolved = withReportFields(reference, fields)
        var recipients = fields.values("original-rcpt-to").compactMap(MailAddressText.firstAddress)
        if recipients.isEmpty, let to = original?.value("to").flatMap(MailAddressText.firstAddress) {
            recipients = [to]
        }
        let optionalRecipients: [MailAddress?] = recipients.isEmpty ? [nil] : recipients
        return .events(
            optionalRecipients.map {
                event(.complaint, recipient: $0, reference: resolved, action: nil, status: nil, type)
            })
    }

    /// Exim and some others bounce without a DSN and name the failed addresses in `X-Failed-Recipients`; the
    /// reason is in the text, on the first line with an SMTP 5xx reply.
    func plainBounceEvents(_ failed: String, parts: [MIMEEntity], reference: OriginalReference) -> FeedbackResult {
        let recipients = MailAddressText.addresses(in: failed)
        guard !recipients.isEmpty else { return .ignored(.notAReport) }
        let textPart = parts.first { !$0.contentType.isMultipart && $0.contentType.mediaType.hasPrefix("text/") }
        let lines = (textPart?.text ?? "").split(whereSeparator: \.isNewline).prefix(2000)
        let failure = lines.first { line in
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            let afterCode = trimmed.dropFirst(3).first
            return trimmed.hasPrefix("5") && trimmed.prefix(3).allSatisfy(\.isASCIIDigit)
                && (afterCode == " " || afterCode == "-")
        }
        let diagnostic = failure.map { Self.oneLine(String($0)) }
        let status = diagnostic.flatMap(Self.enhancedStatus)
        return .events(
            recipients.map {
                event(.hardBounce, recipient: $0, reference: reference, action: nil, status: status, diagnostic)
            })
    }

    private func event(
        _ kind: FeedbackEvent.Kind,
        recipient: MailAddress?,
        reference: OriginalReference,
        action: String?,
        status: String?,
        _ diagnostic: String?
    ) -> FeedbackEvent {
        FeedbackEvent(
            kind: kind,
            recipient: recipient,
            messageID: reference.messageID,
            messageIDIsVerified: reference.isVerified,
            originalMessageID: reference.originalMessageID,
            action: action,
            status: status,
            diagnostic: diagnostic.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// A diagnostic without its type (`smtp; 550 …` → `550 …`, RFC 3464 §2.3.6).
    static func withoutType(_ text: String) -> String {
        guard let semicolon = text.firstIndex(of: ";"), text.distance(from: text.startIndex, to: semicolon) <= 20,
            !text[..<semicolon].contains(" ")
        else { return text }
        return String(text[text.index(after: semicolon)...])
    }
}
