import Foundation
import HTTPTypes
import Hummingbird

/// The proxies whose `X-Forwarded-For` / `Forwarded` headers are believed (`WARTA_TRUSTED_PROXIES`), and the rule
/// that finds a request's client address with them.
///
/// Only a trusted peer's headers are read, and the chain is walked from the right (the hop nearest to us),
/// skipping trusted proxies: the first address that is not one of them is the client. Anything further left was
/// written by the client itself and proves nothing. `X-Forwarded-For` is read first, since nginx, HAProxy, Caddy
/// and Traefik append to it by default and pass a client's own `Forwarded` header on untouched; `Forwarded`
/// (RFC 7239 `for=`) is read when there is no `X-Forwarded-For`.
struct TrustedProxies: Sendable, Equatable {
    let ranges: [CIDR]

    static let none = TrustedProxies(ranges: [])

    init(ranges: [CIDR]) {
        self.ranges = ranges
    }

    /// A comma-separated list of CIDRs or addresses; throws the first entry that is neither.
    init(parsing list: String) throws(InvalidEntry) {
        var ranges: [CIDR] = []
        for entry in list.split(separator: ",") where !entry.allSatisfy(\.isWhitespace) {
            guard let range = CIDR(entry) else { throw InvalidEntry(text: String(entry)) }
            ranges.append(range)
        }
        self.ranges = ranges
    }

    struct InvalidEntry: Error, Equatable {
        let text: String
    }

    func trusts(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The client's address: the peer itself unless it is a trusted proxy, else the rightmost address in the
    /// forwarding chain that is not a trusted proxy. A hop that names no address (`unknown`, an obfuscated
    /// identifier, garbage) ends the walk at the trusted hop that reported it.
    func clientAddress(peer: IPAddress?, forwardedFor: [String], forwarded: [String]) -> IPAddress? {
        guard let peer, trusts(peer) else { return peer }
        let chain =
            forwardedFor.isEmpty
            ? Self.forwardedForValues(forwarded) : forwardedFor.flatMap { $0.split(separator: ",").map(String.init) }
        var client = peer
        for hop in chain.reversed() {
            guard let address = Self.nodeAddress(hop) else { return client }
            client = address
            if !trusts(address) { return address }
        }
        return client
    }

    /// The address in one node of a chain: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`,
    /// quoted or not.
    static func nodeAddress(_ node: some StringProtocol) -> IPAddress? {
        var text = Substring(node.trimmingCharacters(in: .whitespaces))
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() }
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { return nil }
            return IPAddress(text[text.index(after: text.startIndex)..<close])
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":") { return IPAddress(text[..<colon]) }
        return IPAddress(text)
    }

    /// The `for=` value of each element of `Forwarded` header lines, in order; an element without one counts
    /// as an unknown hop (RFC 7239 section 4: elements are separated by commas, pairs by semicolons, values are
    /// tokens or quoted strings).
    static func forwardedForValues(_ lines: [String]) -> [String] {
        lines.flatMap(splitOutsideQuotes(separator: ",")).map { element in
            for pair in splitOutsideQuotes(separator: ";")(element) {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return "unknown"
        }
    }

    private static func splitOutsideQuotes(separator: Character) -> (String) -> [String] {
        { text in
            var parts: [String] = []
            var current = ""
            var inQuotes = false
            var escaped = false
            for character in text {
                if escaped {
                    escaped = false
                } else if inQuotes, character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes.toggle()
                } else if character == separator, !inQuotes {
                    parts.append(current)
                    current = ""
                    continue
                }
                current.append(character)
            }
            parts.append(current)
            return parts
        }
    }
}

extension TrustedProxies {
    private static let forwardedForName = HTTPField.Name("X-Forwarded-For")
    private static let forwardedName = HTTPField.Name("Forwarded")

    /// The client address of a routed request (nil in in-process tests, which have no peer).
    func clientAddress(of request: Request, context: WartaContext) -> IPAddress? {
        clientAddress(
            peer: context.peerAddress,
            forwardedFor: Self.forwardedForName.map { request.headers[values: $0] } ?? [],
            forwarded: Self.forwardedName.map { request.headers[values: $0] } ?? [])
    }
}
