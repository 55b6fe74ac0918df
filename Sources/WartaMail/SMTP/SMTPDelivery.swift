/// What the server did with one message: the recipients it took, and those it refused with its reply. The
/// message was accepted for `accepted` when `send` returns; with no accepted recipient no data was sent.
public struct SMTPDelivery: Sendable, Equatable {
    public struct Refusal: Sendable, Equatable {
        public let recipient: MailAddress
        public let reply: SMTPReply

        public init(recipient: MailAddress, reply: SMTPReply) {
            self.recipient = recipient
            self.reply = reply
        }
        /// 4xx: try this recipient again later; 5xx: do not.
        public var isTransient: Bool { reply.isTransientFailure }
    }

    public let accepted: [MailAddress]
    public let refused: [Refusal]
    /// The reply to the final dot (usually carries the server's queue id); nil when no data was sent.
    public let dataReply: SMTPReply?

    /// For fakes of the sender in tests of code that sends mail.
    public init(accepted: [MailAddress], refused: [Refusal], dataReply: SMTPReply?) {
        self.accepted = accepted
        self.refused = refused
        self.dataReply = dataReply
    }
}
