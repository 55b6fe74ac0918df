import Crypto
import Foundation

/// The envelope sender (Return-Path) each outgoing message gets, so a late bounce names the message it is about:
/// `{prefix}+{messageID}-{tag}@{domain}`, for example `bounces+0f3c…9a-k3x7q2mbna@kabar.example`.
///
/// The tag is an HMAC-SHA256 over the message id with a secret key, so someone who forges a bounce cannot name an
/// arbitrary outbox message (and so suppress its recipient) without the key. Everything is lowercase, and reading
/// folds case, because some servers lowercase the local part on the way back.
public struct VERPAddress: Sendable {
    /// Why a VERP address cannot be made.
    public enum Problem: Error, Equatable, Sendable {
        /// The prefix must be 1…12 characters of `a-z`, `0-9`, `.`, `_`, `-` (12 keeps the local part under the 64
        /// octets of RFC 5321 with the longest id and the tag).
        case invalidPrefix
        /// The domain is not one a `MailAddress` accepts.
        case invalidDomain
        /// The key must be at least 16 bytes.
        case keyTooShort
        /// A message id must be 1…40 characters of `a-z0-9` (case is folded).
        case invalidMessageID
    }

    /// Characters of the tag: HMAC bits written in base32 (RFC 4648 alphabet, lowercase).
    static let tagLength = 10
    static let maxMessageIDLength = 40
    static let maxPrefixLength = 12
    private static let base32 = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// The local part before `+`, lowercase.
    public let prefix: String
    /// The domain the bounces come back to, as given.
    public let domain: String
    // Kept as bytes: a plain array is Sendable on every swift-crypto version.
    private let key: [UInt8]

    /// A VERP scheme for `prefix+…@domain`, tagged with `key` (keep it secret and stable: changing it makes the
    /// addresses of messages still in flight unreadable).
    /// - Throws: ``Problem/invalidPrefix``, ``Problem/invalidDomain`` or ``Problem/keyTooShort``.
    public init(prefix: String = "bounces", domain: String, key: [UInt8]) throws(Problem) {
        let prefix = prefix.lowercased()
        guard (1...Self.maxPrefixLength).contains(prefix.utf8.count),
            prefix.utf8.allSatisfy({
                Self.isIDByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            })
        else { throw .invalidPrefix }
        guard (try? MailAddress(prefix + "@" + domain)) != nil else { throw .invalidDomain }
        guard key.count >= 16 else { throw .keyTooShort }
        self.prefix = prefix
        self.domain = domain
        self.key = key
    }

    /// The same with a swift-crypto key.
    public init(prefix: String = "bounces", domain: String, key: SymmetricKey) throws(Problem) {
        try self.init(prefix: prefix, domain: domain, key: key.withUnsafeBytes { Array($0) })
    }

    /// The outbox id as VERP carries it: 32 lowercase hex digits, no dashes.
    public static func messageID(for id: UUID) -> String {
        id.uuidString.lowercased().replacing("-", with: "")
    }

    /// The UUID of a 32-hex-digit message id, as read from a bounce; nil for other ids.
    public static func uuid(fromMessageID messageID: String) -> UUID? {
        let hex = Array(messageID.utf8)
        guard hex.count == 32 else { return nil }
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(decoding: hex[$0], as: UTF8.self) }
        return UUID(uuidString: parts.joined(separator: "-"))
    }

    /// `messageID` with its tag, `{messageID}-{tag}`: what the Return-Path carries between `+` and `@`. Also fit for an
    /// `X-Warta-Message-ID` header, which ``FeedbackReader`` then trusts as much as the address.
    /// - Throws: ``Problem/invalidMessageID``.
    public func token(for messageID: String) throws(Problem) -> String {
        let id = messageID.lowercased()
        guard Self.isValidMessageID(id) else { throw .invalidMessageID }
        return id + "-" + tag(for: id)
    }

    /// The Return-Path for the outbox message `messageID`.
    /// - Throws: ``Problem/invalidMessageID`` when the id is not 1…40 characters of `a-z0-9`.
    public func address(for messageID: String) throws(Problem) -> MailAddress {
        let local = prefix + "+" + (try token(for: messageID))
        guard let address = try? MailAddress(local + "@" + domain) else { throw .invalidMessageID }
        return address
    }

    /// The Return-Path for an outbox row's UUID (its 32 hex digits, see ``messageID(for:)``). Never fails: the
    /// prefix, the domain and the id were all checked, and the local part stays under 64 octets.
    public func address(for id: UUID) -> MailAddress {
        let messageID = Self.messageID(for: id)
        return MailAddress(checkedLocalPart: prefix + "+" + messageID + "-" + tag(for: messageID), domain: domain)
    }

    /// The message id named by a VERP address, or nil when the address is not ours, its shape is off or its tag is
    /// wrong. Case is folded; the domain is not compared (the tag is what proves the address), so a bounce that
    /// reaches us through a domain alias still counts.
    public func messageID(from address: MailAddress) -> String? {
        let local = address.localPart.lowercased()
        guard local.hasPrefix(prefix + "+") else { return nil }
        return messageID(fromToken: String(local.dropFirst(prefix.count + 1)))
    }

    /// The same for an address as written in a header: angle brackets, `rfc822;` and whitespace are tolerated.
    public func messageID(from text: String) -> String? {
        guard let address = MailAddressText.firstAddress(in: text) else { return nil }
        return messageID(from: address)
    }

    /// The message id of a `{messageID}-{tag}` token (see ``token(for:)``), or nil when the tag is wrong.
    public func messageID(fromToken token: String) -> String? {
        let token = token.lowercased().trimmingWhitespace()
        guard let dash = token.lastIndex(of: "-") else { return nil }
        let id = String(token[..<dash])
        let tagText = Array(token[token.index(after: dash)...].utf8)
        guard Self.isValidMessageID(id), tagText.count == Self.tagLength else { return nil }
        // Compared without an early exit so timing does not reveal how much of a guessed tag is right.
        let expected = Array(tag(for: id).utf8)
        var difference: UInt8 = 0
        for index in 0..<Self.tagLength { difference |= expected[index] ^ tagText[index] }
        return difference == 0 ? id : nil
    }

    /// 50 bits of HMAC-SHA256(key, id) in base32: guessing one takes about 10^15 tries.
    private func tag(for id: String) -> String {
        let mac = Array(HMAC<SHA256>.authenticationCode(for: Array(id.utf8), using: SymmetricKey(data: key)))
        var bits: UInt64 = 0
        for byte in mac.prefix(8) { bits = bits << 8 | UInt64(byte) }
        var out: [UInt8] = []
        for index in 0..<Self.tagLength {
            out.append(Self.base32[Int(bits >> UInt64(59 - 5 * index)) & 31])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isValidMessageID(_ id: String) -> Bool {
        (1...maxMessageIDLength).contains(id.utf8.count) && id.utf8.allSatisfy(isIDByte)
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
