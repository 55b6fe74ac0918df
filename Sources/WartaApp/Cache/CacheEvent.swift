import FluentKit
import SQLKit

/// A change that makes page-cache entries stale, named for what happened; `drops` is the one mapping to the
/// entries it takes (CONTRACTS.md, "Page cache"). Applied to this instance's cache after the write commits, and on
/// PostgreSQL sent to every instance with `NOTIFY`, which PostgreSQL delivers only when the writing transaction
/// commits (DESIGN.md §3, "Scale-out").
enum CacheEvent: Sendable, Equatable {
    /// A published article saved again; `previousPath` when the save moved it (a new slug).
    case articleEdited(path: String, previousPath: String?)
    case articlePublished(path: String)
    case articleUnpublished(path: String)
    case commentApproved(articlePath: String)
    case commentRemoved(articlePath: String)
    /// A category or tag renamed or deleted: every page may show its name.
    case taxonomyChanged
    /// Site name, zone, languages…: every page shows them.
    case settingsChanged

    /// What the event takes out of the cache.
    enum Drop: Sendable, Equatable {
        case everything
        case kinds([PageCache.Kind])
    }

    var drops: Drop {
        switch self {
        case .articleEdited(let path, let previousPath):
            .kinds(
                [.article(path: path)] + (previousPath.map { [PageCache.Kind.article(path: $0)] } ?? []) + Self.listings
            )
        case .articlePublished(let path), .articleUnpublished(let path):
            .kinds([.article(path: path)] + Self.listings)
        case .commentApproved(let path), .commentRemoved(let path):
            .kinds([.article(path: path)])
        case .taxonomyChanged, .settingsChanged:
            .everything
        }
    }

    /// Every page that lists articles: an article's edit, publish or unpublish may change each of them.
    static let listings: [PageCache.Kind] = [.list, .feed, .sitemap, .search]

    /// The events of one article save, from its state before and after. A draft's save changes no public page.
    static func articleSaved(wasPublished: Bool, isPublished: Bool, path: String?, previousPath: String?) -> [Self] {
        let moved = previousPath != path ? previousPath : nil
        switch (wasPublished, isPublished, path) {
        case (true, true, let path?): return [.articleEdited(path: path, previousPath: moved)]
        case (false, true, let path?): return [.articlePublished(path: path)]
        case (true, false, _):
            return [previousPath, path].compactMap { $0 }.uniqued().map { .articleUnpublished(path: $0) }
        default: return []
        }
    }

    func apply(to cache: PageCache) {
        switch drops {
        case .everything: cache.dropAll()
        case .kinds(let kinds): cache.drop(kinds)
        }
    }

    static let channel = "warta_page_cache"

    /// The `NOTIFY` payload: a word and up to two paths, split by spaces (paths hold none).
    var payload: String {
        switch self {
        case .articleEdited(let path, let previousPath): "edited " + path + (previousPath.map { " " + $0 } ?? "")
        case .articlePublished(let path): "published " + path
        case .articleUnpublished(let path): "unpublished " + path
        case .commentApproved(let path): "comment-approved " + path
        case .commentRemoved(let path): "comment-removed " + path
        case .taxonomyChanged: "taxonomy"
        case .settingsChanged: "settings"
        }
    }

    /// Reads a payload; nil for anything else (the listener then drops everything, the safe reading).
    init?(payload: String) {
        let parts = payload.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.dropFirst().allSatisfy(SitePath.isArticlePath) else { return nil }
        switch (parts[0], parts.count) {
        case ("edited", 2): self = .articleEdited(path: parts[1], previousPath: nil)
        case ("edited", 3): self = .articleEdited(path: parts[1], previousPath: parts[2])
        case ("published", 2): self = .articlePublished(path: parts[1])
        case ("unpublished", 2): self = .articleUnpublished(path: parts[1])
        case ("comment-approved", 2): self = .commentApproved(articlePath: parts[1])
        case ("comment-removed", 2): self = .commentRemoved(articlePath: parts[1])
        case ("taxonomy", 1): self = .taxonomyChanged
        case ("settings", 1): self = .settingsChanged
        default: return nil
        }
    }

    /// Drops the entries here after the commit and tells the other processes in the transaction: on PostgreSQL by
    /// `NOTIFY`, on SQLite by a row in `cache_events` that `CacheEventFollower` reads (a worker or the CLI publishing
    /// beside `warta serve`). `db` is the write's transaction.
    static func publish(_ events: [CacheEvent], to cache: PageCache, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        AfterCommit.run { for event in events { event.apply(to: cache) } }
        guard let sql = db as? any SQLDatabase else { return }
        for event in events {
            if sql.dialect.name == "postgresql" {
                _ = try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: event.payload))").all()
            } else {
                try await sql.raw(
                    "INSERT INTO cache_events (payload, origin) VALUES (\(bind: event.payload), \(bind: cache.origin))"
                ).run()
            }
        }
    }

}

extension Array where Element: Equatable {
    fileprivate func uniqued() -> [Element] {
        reduce(into: []) { kept, element in if !kept.contains(element) { kept.append(element) } }
    }
}

extension SitePath {
    /// `/2025/03/banjir-surut`: the only shape an article path has.
    static func isArticlePath(_ path: String) -> Bool {
        guard case .page(let address) = PageAddress.read(path) else { return false }
        return address.route == .article && address.isCanonical && address.key == path
    }
}
