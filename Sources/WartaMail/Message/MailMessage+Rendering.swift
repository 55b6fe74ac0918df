import Foundation

extension MailMessage {
    /// Renders the message as RFC 5322 bytes with CRLF line ends, ready for SMTP DATA (before dot-stuffing).
    ///
    /// - Parameters:
    ///   - date: written as `Date:` in `timeZone` (RFC 5322 §3.3).
    ///   - random: source of the `Message-ID` and the multipart boundary; a seeded generator gives fixed output.
    /// - Returns: headers (`Date`, `From`, `To`, `Reply-To`, `Subject`, `Message-ID`, `MIME-Version`, the extra
    ///   headers, `Content-Type`, `Content-Transfer-Encoding`), a blank line and the body: text/plain alone, or
    ///   multipart/alternative with text then HTML. Bodies are 7bit when plain ASCII with short lines, else
    ///   quoted-printable; non-ASCII names and subjects are RFC 2047 encoded words; fields fold at 78.
    /// - Throws: ``MessageError`` for CR/LF or control characters in any header text, bad or reserved extra
    ///   header names, non-ASCII extra header values, no recipients, or an unfoldable line.
    public func rendered<R: RandomNumberGenerator>(
        date: Date,
        timeZone: TimeZone,
        random: inout R
    ) throws(MessageError) -> [UInt8] {
        guard !to.isEmpty else { throw .noRecipients }
        try HeaderText.validate(subject, field: "Subject")
        var head = "Date: " + MailDate.format(date, timeZone: timeZone) + "\r\n"
        head += try HeaderText.mailboxField("From", [from])
        head += try HeaderText.mailboxField("To", to)
        if let replyTo { head += try HeaderText.mailboxField("Reply-To", [replyTo]) }
        var subjectField = HeaderField("Subject")
        subjectField.append(
            contentsOf: HeaderText.unstructuredTokens(subject, firstRoom: HeaderField.firstLineRoom(for: "Subject")))
        head += try subjectField.rendered()
        head += "Message-ID: <\(Self.randomHex(16, &random))@\(from.address.domain)>\r\n"
        head += "MIME-Version: 1.0\r\n"
        for header in extraHeaders { head += try Self.extraField(header) }

        let text = TransferEncoding.encode(textBody)
        guard let htmlBody else {
            return Array(head.utf8) + Self.partHeaders("text/plain", text.encoding) + [13, 10] + text.bytes
        }
        let html = TransferEncoding.encode(htmlBody)
        let boundary = Self.boundary(notIn: [text.bytes, html.bytes], random: &random)
        var out = Array(head.utf8)
        out += Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter, so one more keeps each part's
        // final line break.
        out += Array("--\(boundary)\r\n".utf8) + Self.partHeaders("text/plain", text.encoding) + [13, 10] + text.bytes
        out += Array("\r\n--\(boundary)\r\n".utf8) + Self.partHeaders("text/html", html.encoding) + [13, 10]
        out += html.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    static func partHeaders(_ type: String, _ encoding: TransferEncoding) -> [UInt8] {
        Array("Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: \(encoding.rawValue)\r\n".utf8)
    }

    static func extraField(_ header: MailHeader) throws(MessageError) -> String {
        let nameBytes = header.name.utf8
        guard !nameBytes.isEmpty, nameBytes.allSatisfy({ (33...126).contains($0) && $0 != UInt8(ascii: ":") }) else {
            throw .invalidHeaderName(header.name)
        }
        guard !reservedHeaderNames.contains(header.name.lowercased()) else { throw .reservedHeader(header.name) }
        try HeaderText.validate(header.value, field: header.name)
        guard header.value.utf8.allSatisfy({ $0 < 128 }) else { throw .nonASCIIHeaderValue(field: header.name) }
        var field = HeaderField(header.name)
        field.append(contentsOf: HeaderText.words(header.value))
        return try field.rendered()
    }

    /// `=_` cannot occur in quoted-printable text (`=` is always followed by hex or CRLF there); a 7bit part is
    /// searched, and another boundary drawn in the unlikely case it holds this one. The attempt number joins the
    /// candidate so that even a generator that repeats itself ends the search.
    static func boundary<R: RandomNumberGenerator>(notIn parts: [[UInt8]], random: inout R) -> String {
        var attempt = 0
        while true {
            let candidate = "=_warta_" + randomHex(12, &random) + (attempt == 0 ? "" : "_\(attempt)")
            let marker = Array(("--" + candidate).utf8)
            if !parts.contains(where: { contains($0, marker) }) { return candidate }
            attempt += 1
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    static func randomHex<R: RandomNumberGenerator>(_ byteCount: Int, _ random: inout R) -> String {
        var out = ""
        for _ in 0..<byteCount {
            let byte = UInt8.random(in: 0...255, using: &random)
            out += String(UnicodeScalar(QuotedPrintable.hexDigit(byte >> 4)))
            out += String(UnicodeScalar(QuotedPrintable.hexDigit(byte & 0x0F)))
        }
        return out.lowercased()
    }
}
