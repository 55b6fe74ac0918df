/// A message or body part read for what reports need (RFC 2045, 2046): its header, content type, raw body, and its
/// children — the parts of a multipart, or the one message inside a `message/rfc822`-like part.
///
/// Reading never fails: broken input gives fewer or emptier parts. Nesting depth and the number of parts are
/// bounded, and every step moves forward through the bytes, so hostile input costs at most a few passes over it.
struct MIMEEntity {
    static let maxDepth = 8
    static let maxParts = 200

    let header: MIMEHeader
    let contentType: ContentType
    /// The body as sent, still transfer-encoded.
    let body: ArraySlice<UInt8>
    private(set) var children: [MIMEEntity] = []

    /// Media types whose body is a whole message (RFC 2046 §5.2.1; `message/global` is RFC 6532's UTF-8 form).
    static let embeddedMessageTypes: Set<String> = ["message/rfc822", "message/global"]
    /// Media types whose body is only a header (RFC 6522 §4, RFC 6533 §6.3).
    static let embeddedHeaderTypes: Set<String> = ["text/rfc822-headers", "message/global-headers"]

    /// Reads `bytes` as one message.
    init(message bytes: ArraySlice<UInt8>) {
        var budget = Self.maxParts
        self.init(bytes, depth: 0, defaultType: ContentType(nil), budget: &budget)
    }

    private init(_ bytes: ArraySlice<UInt8>, depth: Int, defaultType: ContentType, budget: inout Int) {
        let (header, bodyStart) = MIMEHeader.parse(bytes)
        self.header = header
        self.contentType = header.value("content-type").map { ContentType($0) } ?? defaultType
        self.body = bytes[bodyStart...]
        guard depth < Self.maxDepth, budget > 0 else { return }
        if contentType.isMultipart, let boundary = contentType["boundary"], !boundary.isEmpty {
            // In multipart/digest a part without Content-Type is a message (RFC 2046 §5.1.5).
            let childDefault = ContentType(
                mediaType: contentType.mediaType == "multipart/digest" ? "message/rfc822" : "text/plain")
            for range in Self.partRanges(of: body, boundary: Array(boundary.utf8)) {
                guard budget > 0 else { break }
                budget -= 1
                children.append(MIMEEntity(body[range], depth: depth + 1, defaultType: childDefault, budget: &budget))
            }
        } else if Self.embeddedMessageTypes.contains(contentType.mediaType) {
            budget -= 1
            let inner = ArraySlice(decodedBody())
            children.append(MIMEEntity(inner, depth: depth + 1, defaultType: ContentType(nil), budget: &budget))
        }
    }

    /// The body with its `Content-Transfer-Encoding` undone (base64, quoted-printable; anything else as is).
    func decodedBody() -> [UInt8] {
        switch header.value("content-transfer-encoding")?.lowercased() {
        case "base64": TransferDecoding.base64(body)
        case "quoted-printable": TransferDecoding.quotedPrintable(body)
        default: Array(body)
        }
    }

    /// The decoded body as text (UTF-8, with replacement characters for anything else).
    var text: String { String(decoding: decodedBody(), as: UTF8.self) }

    /// This entity and all below it, depth first, not entering embedded messages (a returned original message is
    /// not part of the report around it).
    var partsOutsideEmbeddedMessages: [MIMEEntity] {
        guard !Self.embeddedMessageTypes.contains(contentType.mediaType) else { return [self] }
        return [self] + children.flatMap(\.partsOutsideEmbeddedMessages)
    }

    /// The header of a returned original message: the embedded message's own header, or the body of a headers-only
    /// part.
    var embeddedHeader: MIMEHeader? {
        if Self.embeddedMessageTypes.contains(contentType.mediaType) { return children.first?.header }
        if Self.embeddedHeaderTypes.contains(contentType.mediaType) {
            return MIMEHeader.parse(ArraySlice(decodedBody())).header
        }
        return nil
    }

    /// Ranges of the parts between boundary delimiter lines (RFC 2046 §5.1.1). The line end before a delimiter
    /// belongs to the delimiter; the preamble and epilogue are dropped; a missing close delimiter (a truncated
    /// message) ends the last part at the end of the body.
    static func partRanges(of body: ArraySlice<UInt8>, boundary: [UInt8]) -> [Range<Int>] {
        let dash = UInt8(ascii: "-")
        let delimiter = [dash, dash] + boundary
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var cursor = LineCursor(body)
        while let line = cursor.next() {
            let content = body[line.content]
            guard content.count >= delimiter.count, content.starts(with: delimiter) else { continue }
            var rest = content.dropFirst(delimiter.count)
            let isClose = rest.starts(with: [dash, dash])
            if isClose { rest = rest.dropFirst(2) }
            // Transport padding (spaces, tabs) may follow a delimiter; anything else means a longer boundary.
            guard rest.allSatisfy({ $0 == 32 || $0 == 9 }) else { continue }
            if let start = partStart { ranges.append(start..<max(start, lineEndBefore(line.start, in: body))) }
            if isClose || ranges.count >= maxParts { return ranges }
            partStart = cursor.position
        }
        if let start = partStart, start < body.endIndex { ranges.append(start..<body.endIndex) }
        return ranges
    }

    /// Where the line end before the line starting at `index` begins.
    private static func lineEndBefore(_ index: Int, in body: ArraySlice<UInt8>) -> Int {
        var end = index
        if end > body.startIndex, body[end - 1] == 10 { end -= 1 }
        if end > body.startIndex, body[end - 1] == 13 { end -= 1 }
        return end
    }
}

/// Undoes the transfer encodings of RFC 2045 §6, leniently: characters outside the alphabet are skipped.
enum TransferDecoding {
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    /// Base64 (RFC 2045 §6.8); stops at the first `=`, ignores line ends and any other stray byte.
    static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") { break }
            let value = base64Values[Int(byte)]
            guard value != 255 else { continue }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` decoded, `=` before a line end joins lines, a malformed `=` kept.
    static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                continue
            }
            var afterSpace = index
            while afterSpace < bytes.endIndex, bytes[afterSpace] == 32 || bytes[afterSpace] == 9 { afterSpace += 1 }
            if afterSpace < bytes.endIndex, bytes[afterSpace] == 13 || bytes[afterSpace] == 10 {
                let isCRLF = bytes[afterSpace] == 13 && afterSpace + 1 < bytes.endIndex && bytes[afterSpace + 1] == 10
                index = afterSpace + (isCRLF ? 2 : 1)
            } else if index + 1 < bytes.endIndex, let high = hexValue(bytes[index]),
                let low = hexValue(bytes[index + 1])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
