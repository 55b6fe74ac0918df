/// A message made ready for DATA (RFC 5321 §4.5.2): line ends normalised to CR LF, a leading `.` doubled, a final
/// CR LF ensured, and the `.` CR LF terminator appended.
struct SMTPMessageData: Sendable {
    /// The bytes to write after the 354 reply, terminator included.
    let bytes: [UInt8]
    /// Octets of the message as given, for the SIZE parameter (RFC 1870 §5: an estimate is fine).
    let size: Int
    /// True when an octet is 128 or above, so BODY=8BITMIME (or SMTPUTF8) is needed.
    let hasEightBit: Bool

    static let maximumLineLength = 998

    /// Throws `lineTooLong` for a line of more than 998 octets before its CR LF.
    init(message: [UInt8]) throws(SMTPError) {
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        let dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var lineLength = 0
        var lineNumber = 1
        var eightBit = false
        var index = 0
        while index < message.count {
            let byte = message[index]
            index += 1
            if byte == cr || byte == lf {
                // CR LF, a bare LF and a bare CR all end a line.
                if byte == cr, index < message.count, message[index] == lf { index += 1 }
                out.append(cr)
                out.append(lf)
                lineLength = 0
                lineNumber += 1
                continue
            }
            if lineLength == 0, byte == dot { out.append(dot) }
            lineLength += 1
            guard lineLength <= Self.maximumLineLength else { throw SMTPError(.data, .lineTooLong(line: lineNumber)) }
            if byte >= 128 { eightBit = true }
            out.append(byte)
        }
        if lineLength > 0 {
            out.append(cr)
            out.append(lf)
        }
        out.append(contentsOf: [dot, cr, lf])
        self.bytes = out
        self.size = message.count
        self.hasEightBit = eightBit
    }
}
