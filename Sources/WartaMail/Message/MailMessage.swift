import Foundation

/// A display name and an address, as written in `From:`, `To:` and `Reply-To:`.
public struct Mailbox: Sendable, Hashable {
    /// Free text shown by mail clients; any Unicode, encoded per RFC 2047 when it is not plain ASCII.
    public var displayName: String?
    /// Written as it is; a non-ASCII address makes the message need SMTPUTF8 (``MailMessage/needsSMTPUTF8``).
    public var address: MailAddress

    /// A mailbox with an optional display name.
    public init(_ address: MailAddress, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }
}

/// One header field the caller adds (`List-Id`, `List-Unsubscribe`, `List-Unsubscribe-Post`, …).
public struct MailHeader: Sendable, Hashable {
    /// Printable ASCII without `:`; not one of the fields the renderer writes itself.
    public var name: String
    /// Printable ASCII; folded at spaces when long. Never contains CR or LF (refused when rendering).
    public var value: String

    /// A field `name: value`; both are checked when the message is rendered.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Why a message cannot be rendered. Every header value comes from outside, so nothing is passed through unchecked.
public enum MessageError: Error, Equatable, Sendable {
    /// CR or LF in a header value or display name: refused, as it would let the value add header fields.
    case lineBreakInHeader(field: String)
    /// Another control character (NUL, ESC, DEL, …) in a header value or display name.
    case controlCharacterInHeader(field: String)
    /// An extra header whose value is not printable ASCII (structured fields cannot be RFC 2047-encoded safely).
    case nonASCIIHeaderValue(field: String)
    /// A header name that is empty or holds anything but printable ASCII without `:` (RFC 5322 §2.2).
    case invalidHeaderName(String)
    /// An extra header that the renderer writes itself (`From`, `Date`, `Content-Type`, …) or that is not a header
    /// at all (`Return-Path` is the envelope sender, given to SMTP).
    case reservedHeader(String)
    /// A message without recipients.
    case noRecipients
    /// A header line that cannot be folded under the 998-octet limit (RFC 5322 §2.1.1).
    case headerLineTooLong(field: String)
}

/// A mail as Warta sends it: a text body and optionally an HTML alternative, rendered to RFC 5322 bytes by
/// ``rendered(date:timeZone:random:)``. The envelope sender (Return-Path) is not part of it: SMTP carries that.
public struct MailMessage: Sendable, Hashable {
    /// The author; its domain also ends the `Message-ID`.
    public var from: Mailbox
    /// One or more recipients.
    public var to: [Mailbox]
    public var replyTo: Mailbox?
    /// Any Unicode; sent as RFC 2047 encoded words when not plain ASCII.
    public var subject: String
    /// The plain-text part, written as text (not stripped HTML). Any line ending is sent as CRLF.
    public var textBody: String
    /// When present, the message is multipart/alternative: text first, then this HTML.
    public var htmlBody: String?
    /// Added after the standard fields, in this order.
    public var extraHeaders: [MailHeader]

    /// A message; nothing is checked until ``rendered(date:timeZone:random:)``.
    public init(
        from: Mailbox,
        to: [Mailbox],
        replyTo: Mailbox? = nil,
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        extraHeaders: [MailHeader] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
    }

    /// True when an address holds non-ASCII octets: the rendered header is then UTF-8 (RFC 6532) and the message
    /// may only go to a server that offers SMTPUTF8 (RFC 6531).
    public var needsSMTPUTF8: Bool {
        ([from] + to + (replyTo.map { [$0] } ?? [])).contains { $0.address.needsUTF8 }
    }

    /// Header names the renderer owns; an extra header with one of these names is refused.
    static let reservedHeaderNames: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "return-path", "dkim-signature", "sender",
    ]
}
