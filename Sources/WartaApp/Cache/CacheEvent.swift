import FluentKit
import SQLKit

/// A change that makes page-cache entries stale (CONTRACTS.md, "Page cache"). Applied to this instance's cache
/// after the write commits, and on PostgreSQL sent to every instance with `NOTIFY`, which PostgreSQL delivers
/// only when the writing transaction commits (DESIGN.md §3, "Scale-out").
enum CacheEvent: Sendable, Equatable {
    case article(path: String)
    case lists
    /// A change every page may show (a category or tag renamed or deleted).
    case everything

    static let channel = "warta_page_cache"

    var payload: String {
        switch self {
        case .article(let path): "article " + path
        case .lists: "lists"
        case .everything: "all"
        }
    }

    init?(payload: String) {
        if payload == "lists" {
            self = .lists
        } else if payload == "all" {
            self = .everything
        } else if payload.hasPrefix("article /") {
            self = .article(path: String(payload.dropFirst("article ".count)))
        } else {
            return nil
        }
    }

    func apply(to cache: PageCache) {
        switch self {
        case .article(let path): cache.invalidateArticle(path: path)
        case .lists: cache.invalidateLists()
        case .everything: cache.removeAll()
        }
    }

    /// Drops the entries here after the commit and, on PostgreSQL, tells the other instances in the transaction.
    static func publish(_ events: [CacheEvent], to cache: PageCache, on db: any Database) async throws {
        guard !events.isEmpty else { return }
        AfterCommit.run { for event in events { event.apply(to: cache) } }
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        for event in events {
            _ = try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: event.payload))").all()
        }
    }
}
