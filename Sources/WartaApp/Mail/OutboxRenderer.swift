import Crypto
import Foundation
import WartaMail

/// Turns an outbox row and its body into the signed RFC 5322 bytes for SMTP: the recipient's own unsubscribe and
/// preferences links in place of the placeholders, List-Id, List-Unsubscribe (the site URL and a mailto) and
/// List-Unsubscribe-Post for newsletter mail (RFC 2369, RFC 8058), all covered by the DKIM signature.
struct OutboxRenderer: Sendable {
    let from: Mailbox
    let siteURL: String
    let timeZone: TimeZone
    let signer: DKIMSigner?
    let tokens: NewsletterTokens
    let returnPath: ReturnPath

    struct Rendered: Sendable {
        let bytes: [UInt8]
        let sender: MailAddress
        let recipient: MailAddress
    }

    enum Problem: Error, CustomStringConvertible {
        case badRecipient(String)
        var description: String {
            switch self {
            case .badRecipient(let address): "'\(address)' is not a mail address"
            }
        }
    }

    func render(_ row: OutboxRow, body: MailBody, now: Date) async throws -> Rendered {
        guard let recipient = try? MailAddress(row.recipient) else { throw Problem.badRecipient(row.recipient) }
        var text = body.text
        var html = body.html
        let sender = returnPath.address(for: row.id)
        var headers = [MailHeader("X-Warta-Message-ID", returnPath.token(for: row.id))]
        if let list = body.listSlug {
            let links = try await self.links(for: row)
            text = Self.fill(text, unsubscribe: links.unsubscribe, preferences: links.preferences)
            html = html.map {
                Self.fill(
                    $0, unsubscribe: Self.escaped(links.unsubscribe), preferences: Self.escaped(links.preferences))
            }
            let mailto = "mailto:\(sender)?subject=unsubscribe"
            headers += [
                MailHeader("List-Id", "<\(list).\(Self.listDomain(siteURL))>"),
                MailHeader("List-Unsubscribe", "<\(links.unsubscribe)>, <\(mailto)>"),
                MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ]
        }
        let message = MailMessage(
            from: from, to: [Mailbox(recipient, displayName: row.recipientName)], subject: body.subject,
            textBody: text, htmlBody: html, extraHeaders: headers)
        var random = SystemRandomNumberGenerator()
        let bytes = try message.rendered(date: now, timeZone: timeZone, random: &random)
        let signed = try signer?.signed(bytes, timestamp: Int64(now.timeIntervalSince1970)) ?? bytes
        return Rendered(bytes: signed, sender: sender, recipient: recipient)
    }

    private func links(for row: OutboxRow) async throws -> (unsubscribe: String, preferences: String) {
        let unsubscribe = NewsletterTokens.url(
            siteURL: siteURL, path: "/newsletter/unsubscribe",
            token: try await tokens.unsubscribeToken(outboxID: row.id))
        guard let subscriber = row.subscriberID else { return (unsubscribe, unsubscribe) }
        let preferences = NewsletterTokens.url(
            siteURL: siteURL, path: "/newsletter/preferences",
            token: try await tokens.preferencesToken(subscriberID: subscriber))
        return (unsubscribe, preferences)
    }

    /// The placeholders replaced, scanning UTF-8 bytes once (Foundation's search went through UTF-16 and cost a
    /// tenth of a campaign's CPU).
    static func fill(_ text: String, unsubscribe: String, preferences: String) -> String {
        let bytes = Array(text.utf8)
        let open = Array("{{".utf8)
        guard bytes.firstRange(of: open) != nil else { return text }
        let unsubscribeKey = Array(OutgoingMail.unsubscribePlaceholder.utf8)
        let preferencesKey = Array(OutgoingMail.preferencesPlaceholder.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{") {
                let rest = bytes[index...]
                if rest.starts(with: unsubscribeKey) {
                    out += unsubscribe.utf8
                    index += unsubscribeKey.count
                    continue
                }
                if rest.starts(with: preferencesKey) {
                    out += preferences.utf8
                    index += preferencesKey.count
                    continue
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Our links hold only URL-safe characters; `&` and `"` are escaped should a site URL carry them.
    static func escaped(_ url: String) -> String {
        guard url.contains(where: { $0 == "&" || $0 == "\"" }) else { return url }
        return url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The List-Id's domain part: the site's host (RFC 2919 asks for a domain the list owner controls).
    static func listDomain(_ siteURL: String) -> String {
        let host = URL(string: siteURL)?.host ?? "localhost"
        return host.contains(".") ? host : "\(host).localhost"
    }
}

/// The envelope sender (Return-Path) of each message: a VERP address naming the outbox row
/// (`bounces+{id}-{tag}@{from domain}`), so a late bounce says which message and recipient it is about; the tag is
/// an HMAC under a key derived from the site secret, so a forged bounce names nothing.
struct ReturnPath: Sendable {
    let verp: VERPAddress

    static func make(from: MailAddress, secret: SiteSecret) async throws -> ReturnPath {
        ReturnPath(verp: try VERPAddress(prefix: "bounces", domain: from.domain, key: try await verpKey(secret)))
    }

    /// A key of its own for bounce addresses, derived from the site secret.
    static func verpKey(_ secret: SiteSecret) async throws -> SymmetricKey {
        let code = HMAC<SHA256>.authenticationCode(for: Data("warta-verp".utf8), using: try await secret.key())
        return SymmetricKey(data: Data(code))
    }

    func address(for outboxID: UUID) -> MailAddress {
        verp.address(for: outboxID)
    }

    /// For `X-Warta-Message-ID`: the row's id with its tag, found again in complaints that quote our headers.
    func token(for outboxID: UUID) -> String {
        (try? verp.token(for: VERPAddress.messageID(for: outboxID))) ?? VERPAddress.messageID(for: outboxID)
    }
}
