extension SMTPSession {
    /// One mail transaction: MAIL, RCPT per recipient, DATA, the message, the final dot. With PIPELINING
    /// (RFC 2920) MAIL, every RCPT and DATA go out in one write.
    func deliver(_ message: [UInt8], from sender: MailAddress, to recipients: [MailAddress]) async throws(SMTPError)
        -> SMTPDelivery
    {
        guard !recipients.isEmpty else { throw SMTPError(.rcpt, .noRecipients) }
        let data = try SMTPMessageData(message: message)
        let mail = try mailCommand(sender: sender, recipients: recipients, data: data)
        let commands = [mail] + recipients.map { "RCPT TO:<\($0)>" } + ["DATA"]
        let replies = try await send(commands)

        var accepted: [MailAddress] = []
        var refused: [SMTPDelivery.Refusal] = []
        for (recipient, reply) in zip(recipients, replies.dropFirst()) {
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else {
                refused.append(SMTPDelivery.Refusal(recipient: recipient, reply: reply))
            }
        }
        let dataReply = replies.count == commands.count ? replies[commands.count - 1] : nil
        let mailReply = replies[0]
        guard mailReply.code == 250, !accepted.isEmpty else {
            // A pipelined DATA may get 354 although MAIL or every RCPT failed (RFC 2920 §3.1): an empty body
            // closes it, so the connection stays in step for RSET.
            if dataReply?.code == 354 {
                _ = try await connection.exchange(
                    Array(".\r\n".utf8), replies: 1, timeout: configuration.timeouts.dataEnd
                ) { _ in .dataEnd }
            }
            guard mailReply.code == 250 else { throw SMTPError(.mail, .reply(mailReply)) }
            return SMTPDelivery(accepted: [], refused: refused, dataReply: nil)
        }
        guard let dataReply else { throw SMTPError(.data, .connectionLost) }
        guard dataReply.code == 354 else { throw SMTPError(.data, .reply(dataReply)) }
        let endReplies = try await connection.exchange(
            data.bytes, replies: 1, timeout: configuration.timeouts.dataEnd
        ) { _ in .dataEnd }
        guard let endReply = endReplies.first else { throw SMTPError(.dataEnd, .connectionLost) }
        guard endReply.code == 250 else { throw SMTPError(.dataEnd, .reply(endReply)) }
        return SMTPDelivery(accepted: accepted, refused: refused, dataReply: endReply)
    }

    /// MAIL FROM with SIZE, BODY=8BITMIME and SMTPUTF8 as the message needs and the server offers.
    func mailCommand(sender: MailAddress, recipients: [MailAddress], data: SMTPMessageData) throws(SMTPError) -> String
    {
        var command = "MAIL FROM:<\(sender)>"
        if let limit = capabilities.sizeLimit {
            if limit > 0, data.size > limit { throw SMTPError(.mail, .messageTooLarge(size: data.size, limit: limit)) }
            command += " SIZE=\(data.size)"
        }
        if data.hasEightBit {
            guard capabilities.eightBitMIME || capabilities.smtpUTF8 else {
                throw SMTPError(.mail, .eightBitMIMENotOffered)
            }
            if capabilities.eightBitMIME { command += " BODY=8BITMIME" }
        }
        if sender.needsUTF8 || recipients.contains(where: \.needsUTF8) {
            guard capabilities.smtpUTF8 else { throw SMTPError(.mail, .smtpUTF8NotOffered) }
            command += " SMTPUTF8"
        }
        return command
    }

    /// Sends MAIL, the RCPTs and DATA, pipelined when offered; otherwise one by one, stopping after a refused MAIL
    /// and before DATA when no recipient was accepted. Replies come back in command order.
    private func send(_ commands: [String]) async throws(SMTPError) -> [SMTPReply] {
        let timeout = configuration.timeouts.command
        let last = commands.count - 1
        let stage: (Int) -> SMTPError.Stage = { $0 == 0 ? .mail : $0 == last ? .data : .rcpt }
        if capabilities.pipelining {
            let bytes = Array(commands.map { $0 + "\r\n" }.joined().utf8)
            return try await connection.exchange(bytes, replies: commands.count, timeout: timeout, stages: stage)
        }
        var replies: [SMTPReply] = []
        for (index, command) in commands.enumerated() {
            if index == last, !replies.dropFirst().contains(where: { $0.code == 250 || $0.code == 251 }) { break }
            let reply = try await connection.command(command, stage: stage(index), timeout: timeout)
            replies.append(reply)
            if index == 0, reply.code != 250 { break }
        }
        return replies
    }
}
