import Crypto
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Rendered anonymous pages, kept as prebuilt plain and gzip responses (CONTRACTS.md, "Page cache").
final class PageCache: Sendable {
    struct Key: Hashable, Sendable {
        let path: String
        let language: UILanguage
    }

    /// What an entry shows, so publishing can drop exactly the entries it changes.
    enum Kind: Sendable, Equatable {
        case article(path: String)
        case list
        case other
    }

    struct Entry: Sendable {
        let plain: Response
        let gzip: Response
        let notModified: Response
        let etag: String
        let kind: Kind
        let expires: NIODeadline
        let size: Int
    }

    /// An entry and its last use. A class, so a hit updates the use in place without a second hash lookup;
    /// only ever read or written under the cache's lock.
    private final class Slot: @unchecked Sendable {
        let entry: Entry
        var lastUse: UInt64

        init(_ entry: Entry, lastUse: UInt64) {
            self.entry = entry
            self.lastUse = lastUse
        }
    }

    private struct State {
        var entries: [Key: Slot] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// Related lists may change without an event that reaches this entry: no entry lives longer than this.
    static let maximumAge = TimeAmount.minutes(10)

    let limitBytes: Int
    private let state = NIOLockedValueBox(State())

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    var isEnabled: Bool { limitBytes > 0 }

    /// The hit path: one lock, one dictionary lookup, no allocation beyond the caller's response copy.
    func lookup(_ key: Key, now: NIODeadline = .now()) -> Entry? {
        state.withLockedValue { state in
            guard let found = state.entries[key] else { return nil }
            guard found.entry.expires > now else {
                state.entries[key] = nil
                state.bytes -= found.entry.size
                return nil
            }
            state.clock &+= 1
            found.lastUse = state.clock
            return found.entry
        }
    }

    /// Builds the entry for `html` and keeps it when there is room; returns it either way so the first
    /// response carries the same bytes and ETag as later hits.
    @discardableResult
    func store(_ key: Key, html: String, kind: Kind, expiresAt: Date, now: Date) -> Entry {
        // An entry served many times is worth gzip's best level; a one-off response (cache off, or a page too
        // big to keep) gets the fastest level, which costs a third of the time for ~20% more bytes.
        let kept = isEnabled && html.utf8.count * 2 <= limitBytes / 4
        let entry = Self.makeEntry(
            html: html, kind: kind, lifetime: expiresAt.timeIntervalSince(now), gzip: kept ? .kept : .oneOff)
        guard kept, entry.size <= limitBytes / 4 else { return entry }
        state.withLockedValue { state in
            if let old = state.entries[key] { state.bytes -= old.entry.size }
            state.clock &+= 1
            state.entries[key] = Slot(entry, lastUse: state.clock)
            state.bytes += entry.size
            while state.bytes > limitBytes, let victim = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })
            {
                state.entries[victim.key] = nil
                state.bytes -= victim.value.entry.size
            }
        }
        return entry
    }

    /// An article was edited, published or unpublished.
    func invalidateArticle(path: String) {
        remove { $0 == .article(path: path) }
    }

    /// Something was published or unpublished: every list may change.
    func invalidateLists() {
        remove { $0 == .list }
    }

    func removeAll() {
        remove { _ in true }
    }

    var count: Int { state.withLockedValue { $0.entries.count } }

    private func remove(where matches: (Kind) -> Bool) {
        state.withLockedValue { state in
            for (key, value) in state.entries where matches(value.entry.kind) {
                state.entries[key] = nil
                state.bytes -= value.entry.size
            }
        }
    }

    static func makeEntry(html: String, kind: Kind, lifetime: TimeInterval, gzip: Gzip.Level = .kept) -> Entry {
        let plainBytes = ByteBuffer(string: html)
        let etag =
            "\"" + Digits.hex(SHA256.hash(data: Data(html.utf8)).prefix(12)) + "\""
        let gzipBytes = Gzip.compress(plainBytes, gzip) ?? ByteBuffer()
        let maxAge = max(0, min(Int(lifetime), 600))
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "public, max-age=\(min(maxAge, 60))"
        headers[.eTag] = etag
        headers[.vary] = "Accept-Encoding, Cookie"
        SecurityHeaders.apply(to: &headers, newsroom: false)
        var gzipHeaders = headers
        gzipHeaders[.contentEncoding] = "gzip"
        let plain = Response(status: .ok, headers: headers, body: .init(byteBuffer: plainBytes))
        let gzip =
            gzipBytes.readableBytes > 0
            ? Response(status: .ok, headers: gzipHeaders, body: .init(byteBuffer: gzipBytes)) : plain
        let notModified = Response(status: .notModified, headers: headers)
        let expires = NIODeadline.now() + .seconds(Int64(max(0, min(lifetime, 600))))
        return Entry(
            plain: plain, gzip: gzip, notModified: notModified, etag: etag, kind: kind, expires: expires,
            size: plainBytes.readableBytes + gzipBytes.readableBytes + 512)
    }
}

extension PageCache {
    /// A page rendered for one signed-in visitor: never stored by shared caches, gzipped at the fastest level.
    static func personalResponse(html: String, for request: Request) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "private, no-cache"
        headers[.vary] = "Accept-Encoding, Cookie"
        SecurityHeaders.apply(to: &headers, newsroom: false)
        var body = ByteBuffer(string: html)
        if let accepted = request.headers[.acceptEncoding], accepted.utf8.contains(bytesOf: "gzip".utf8),
            let compressed = Gzip.compress(body, .oneOff)
        {
            headers[.contentEncoding] = "gzip"
            body = compressed
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

extension PageCache.Entry {
    /// Picks 304, gzip or plain for this request.
    func response(for request: Request) -> Response {
        if let tags = request.headers[.ifNoneMatch], tags.utf8.contains(bytesOf: etag.utf8) { return notModified }
        if let accepted = request.headers[.acceptEncoding], accepted.utf8.contains(bytesOf: "gzip".utf8) { return gzip }
        return plain
    }
}

extension String.UTF8View {
    /// A byte search without Foundation's bridging: the cache-hit path runs it for every request.
    func contains(bytesOf needle: String.UTF8View) -> Bool {
        let pattern = Array(needle)
        guard let first = pattern.first, count >= pattern.count else { return pattern.isEmpty }
        var index = startIndex
        while let found = self[index...].firstIndex(of: first) {
            if self[found...].starts(with: pattern) { return true }
            index = self.index(after: found)
        }
        return false
    }
}
