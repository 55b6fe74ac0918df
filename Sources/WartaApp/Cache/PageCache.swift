import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Rendered anonymous pages, kept as prebuilt plain and gzip responses (CONTRACTS.md, "Page cache"). The key is
/// the canonical path with the parameters its route reads and the UI language (`CacheRequestRules`); the
/// encoding picks one of the entry's two variants. Every call is synchronous (one lock, no `await`), so a channel
/// handler on an event loop can read it too (docs/adr/013-page-cache-keys.md).
final class PageCache: Sendable {
    struct Key: Hashable, Sendable {
        let path: String
        let language: UILanguage
    }

    /// What an entry shows, so an event drops exactly the entries it changes (`CacheEvent.drops`).
    enum Kind: Hashable, Sendable {
        case article(path: String)
        /// Home, category, tag and author pages.
        case list
        case feed
        case sitemap
        case search
        /// Anything else: only a drop of everything takes it.
        case other
    }

    /// One encoding of a page: its ETag, the 200 and the 304 as responses for the router, and as wire bytes for
    /// the channel handler (`PageHitHandler`), which writes them without building a response.
    struct Variant: Sendable {
        let etag: String
        let response: Response
        let notModified: Response
        let wire: HitBytes
    }

    struct Entry: Sendable {
        let plain: Variant
        let gzip: Variant
        let kind: Kind
        let expires: NIODeadline
        let size: Int
    }

    /// Related lists may change without an event that reaches this entry: no entry lives longer than this.
    static let maximumAge = TimeAmount.minutes(10)

    static let htmlType = "text/html; charset=utf-8"

    let limitBytes: Int
    /// Names this cache in `cache_events` (SQLite), so its process skips the events it applied itself.
    let origin = RandomToken.make(byteCount: 9)
    private let state: NIOLockedValueBox<PageStore>

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
        state = NIOLockedValueBox(PageStore(limitBytes: limitBytes))
    }

    var isEnabled: Bool { limitBytes > 0 }

    /// The hit path: one lock, one dictionary lookup and a few index writes, no allocation.
    func lookup(_ key: Key, now: NIODeadline = .now()) -> Entry? {
        state.withLockedValue { $0.use(key, now: now) }
    }

    /// The entry under `key` without counting a use.
    func peek(_ key: Key) -> Entry? {
        state.withLockedValue { $0.peek(key) }
    }

    /// Builds the entry for `html` and keeps it when there is room; returns it either way so the first
    /// response carries the same bytes and ETags as later hits.
    @discardableResult
    func store(
        _ key: Key, html: String, kind: Kind, expiresAt: Date, now: Date, contentType: String = PageCache.htmlType
    ) -> Entry {
        // An entry served many times is worth gzip's best level; a one-off response (cache off, or a page too
        // big to keep) gets the fastest level, which costs a third of the time for ~20% more bytes.
        let kept = isEnabled && html.utf8.count * 2 <= limitBytes / 4
        let entry = Self.makeEntry(
            html: html, kind: kind, lifetime: expiresAt.timeIntervalSince(now), gzip: kept ? .kept : .oneOff,
            contentType: contentType)
        guard kept, entry.size <= limitBytes / 4 else { return entry }
        state.withLockedValue { $0.insert(entry, for: key) }
        return entry
    }

    /// Drops the entries of these kinds, each kind through its index.
    func drop(_ kinds: [Kind]) {
        state.withLockedValue { store in
            for kind in kinds { store.remove(kind: kind) }
        }
    }

    /// Drops everything: a settings change, a lost `LISTEN`, an event this instance cannot read.
    func dropAll() {
        state.withLockedValue { $0.removeAll() }
    }

    var count: Int { state.withLockedValue { $0.count } }
    var bytes: Int { state.withLockedValue { $0.bytes } }
}
