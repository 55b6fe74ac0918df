/// Body encodings of RFC 2045: 7bit when the text allows it, quoted-printable otherwise.
enum TransferEncoding: String, Sendable {
    case sevenBit = "7bit"
    case quotedPrintable = "quoted-printable"

    /// Lines of plain 7bit text stay readable up to this length; longer ones go quoted-printable (RFC 2045 §6.7
    /// keeps encoded lines at 76, and RFC 5322 asks for at most 78 characters).
    static let maxSevenBitLineLength = 76

    /// The encoding `text` needs, and its bytes with CRLF line ends (a final CRLF added when missing).
    static func encode(_ text: String) -> (encoding: TransferEncoding, bytes: [UInt8]) {
        let lines = normalizedLines(text)
        let isSevenBit = lines.allSatisfy { line in
            line.count <= maxSevenBitLineLength && line.allSatisfy { $0 == 9 || (32...126).contains($0) }
                && line.last != 32 && line.last != 9
        }
        if isSevenBit {
            var out: [UInt8] = []
            for line in lines { out += line + [13, 10] }
            return (.sevenBit, out)
        }
        return (.quotedPrintable, QuotedPrintable.encode(lines: lines))
    }

    /// Splits on CRLF, lone LF and lone CR; a trailing line break does not start another line.
    static func normalizedLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 10, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 13
            if byte == 13 || byte == 10 {
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

/// Quoted-printable body encoding, RFC 2045 §6.7.
enum QuotedPrintable {
    /// Longest encoded line, soft-break `=` included (rule 5).
    static let maxLineLength = 76

    /// Encodes text lines (no line ends inside) into CRLF-terminated quoted-printable lines: `=XX` for everything
    /// but printable ASCII other than `=`, whitespace before a line end encoded, soft breaks `=` CRLF at 76.
    static func encode(lines: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for line in lines {
            var length = 0
            for (index, byte) in line.enumerated() {
                let isLast = index == line.count - 1
                let literal = (33...126).contains(byte) && byte != 61 || (byte == 32 || byte == 9) && !isLast
                let width = literal ? 1 : 3
                // The last token on the line needs no room for a soft break after it.
                let room = isLast ? maxLineLength : maxLineLength - 1
                if length + width > room {
                    out += [61, 13, 10]
                    length = 0
                }
                if literal {
                    out.append(byte)
                } else {
                    out += [61, hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
                }
                length += width
            }
            out += [13, 10]
        }
        return out
    }

    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 48 + value : 55 + value
    }
}
