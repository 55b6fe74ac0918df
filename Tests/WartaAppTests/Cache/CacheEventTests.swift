import Foundation
import Testing

@testable import WartaApp

/// Each named event and what it drops (CONTRACTS.md, "Page cache"), its NOTIFY payload, and saves → events.
@Suite struct CacheEventTests {
    static let path = "/2025/03/banjir-surut"
    static let listings: [PageCache.Kind] = [.list, .feed, .sitemap, .search]

    @Test(arguments: [
        (
            CacheEvent.articleEdited(path: path, previousPath: nil),
            CacheEvent.Drop.kinds([.article(path: path)] + listings)
        ),
        (
            .articleEdited(path: path, previousPath: "/2025/03/banjir"),
            .kinds([.article(path: path), .article(path: "/2025/03/banjir")] + listings)
        ),
        (.articlePublished(path: path), .kinds([.article(path: path)] + listings)),
        (.articleUnpublished(path: path), .kinds([.article(path: path)] + listings)),
        (.commentApproved(articlePath: path), .kinds([.article(path: path)])),
        (.commentRemoved(articlePath: path), .kinds([.article(path: path)])),
        (.taxonomyChanged, .everything), (.settingsChanged, .everything),
    ])
    func eventsDropWhatTheContractSays(event: CacheEvent, drops: CacheEvent.Drop) {
        #expect(event.drops == drops)
        #expect(CacheEvent(payload: event.payload) == event)
    }

    @Test(arguments: [
        "", "lists", "all", "article /2025/03/x", "edited", "edited javascript:x", "edited /2025/03/x y",
        "published /2025/3/x", "published /2025/03/X", "settings now", "comment-approved /", "taxonomy ",
        "published  /2025/03/x", "edited /2025/03/a /2025/03/b /2025/03/c",
    ])
    func unreadablePayloads(payload: String) {
        #expect(CacheEvent(payload: payload) == nil)
    }

    @Test func savesBecomeNamedEvents() {
        let old = "/2025/03/banjir"
        #expect(CacheEvent.articleSaved(wasPublished: false, isPublished: false, path: nil, previousPath: nil) == [])
        #expect(
            CacheEvent.articleSaved(wasPublished: false, isPublished: true, path: Self.path, previousPath: nil) == [
                .articlePublished(path: Self.path)
            ])
        #expect(
            CacheEvent.articleSaved(wasPublished: true, isPublished: true, path: Self.path, previousPath: Self.path)
                == [
                    .articleEdited(path: Self.path, previousPath: nil)
                ])
        #expect(
            CacheEvent.articleSaved(wasPublished: true, isPublished: true, path: Self.path, previousPath: old) == [
                .articleEdited(path: Self.path, previousPath: old)
            ])
        #expect(
            CacheEvent.articleSaved(wasPublished: true, isPublished: false, path: Self.path, previousPath: old) == [
                .articleUnpublished(path: old), .articleUnpublished(path: Self.path),
            ])
        #expect(
            CacheEvent.articleSaved(wasPublished: true, isPublished: false, path: Self.path, previousPath: Self.path)
                == [.articleUnpublished(path: Self.path)])
    }

    @Test("Applying an event drops its kinds and leaves the rest")
    func applyingDropsByKind() {
        let cache = PageCache(limitBytes: 1 << 30)
        let now = Date()
        func keep(_ path: String, _ kind: PageCache.Kind) {
            cache.store(.init(path: path, language: .id), html: path, kind: kind, expiresAt: now + 60, now: now)
        }
        keep(Self.path, .article(path: Self.path))
        keep("/2025/03/lain", .article(path: "/2025/03/lain"))
        keep("/", .list)
        keep("/feed", .feed)
        keep("/page/kontak", .other)
        CacheEvent.commentApproved(articlePath: Self.path).apply(to: cache)
        #expect(cache.count == 4)
        CacheEvent.articlePublished(path: "/2025/03/baru").apply(to: cache)
        #expect(cache.count == 2)
        #expect(cache.peek(.init(path: "/2025/03/lain", language: .id)) != nil)
        CacheEvent.settingsChanged.apply(to: cache)
        #expect(cache.count == 0)
    }
}
