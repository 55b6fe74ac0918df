import Foundation
import NIOCore
import Testing

@testable import WartaApp

/// The cache's bound, LRU order, scan resistance and drops by kind, without a server.
@Suite struct PageStoreTests {
    static let entrySize = PageCache.makeEntry(html: "x", kind: .other, lifetime: 60).size

    private func entry(_ kind: PageCache.Kind = .other, lifetime: TimeInterval = 60) -> PageCache.Entry {
        PageCache.makeEntry(html: "x", kind: kind, lifetime: lifetime)
    }

    private func key(_ path: String, _ language: UILanguage = .id) -> PageCache.Key {
        PageCache.Key(path: path, language: language)
    }

    @Test func leastRecentlyUsedGoesFirst() {
        var store = PageStore(limitBytes: Self.entrySize * 3)
        for path in ["/a", "/b", "/c"] { store.insert(entry(), for: key(path)) }
        #expect(store.use(key("/a"), now: .now()) != nil)
        store.insert(entry(), for: key("/d"))
        #expect(store.count == 3)
        #expect(store.peek(key("/b")) == nil)
        #expect(store.peek(key("/a")) != nil)
        #expect(store.bytes <= store.limitBytes)
    }

    @Test("Pages read twice survive a flood of pages read once")
    func scanResistance() {
        var store = PageStore(limitBytes: Self.entrySize * 50)
        let home = key("/")
        let article = key("/2015/10/banjir")
        for kept in [home, article] {
            store.insert(entry(), for: kept)
            _ = store.use(kept, now: .now())
        }
        let once = entry()
        for index in 0..<100_000 { store.insert(once, for: key("/tag/t\(index)")) }
        #expect(store.peek(home) != nil)
        #expect(store.peek(article) != nil)
        #expect(store.count == 50)
        #expect(store.bytes <= store.limitBytes)
    }

    @Test("The protected segment stays within four fifths of the bound")
    func protectedSegmentIsBounded() {
        var store = PageStore(limitBytes: Self.entrySize * 10)
        for index in 0..<30 {
            store.insert(entry(), for: key("/p\(index)"))
            _ = store.use(key("/p\(index)"), now: .now())
        }
        #expect(store.count == 10)
        // The newest pages read twice are kept; the oldest were demoted and then evicted.
        #expect(store.peek(key("/p29")) != nil)
        #expect(store.peek(key("/p0")) == nil)
        store.insert(entry(), for: key("/new"))
        #expect(store.peek(key("/new")) != nil)
        #expect(store.peek(key("/p29")) != nil)
    }

    @Test func dropsByKindTouchOnlyThatKind() {
        var store = PageStore(limitBytes: 1 << 30)
        let path = "/2015/10/banjir"
        for language in UILanguage.allCases {
            store.insert(entry(.article(path: path)), for: key(path, language))
            store.insert(entry(.list), for: key("/", language))
        }
        store.insert(entry(.article(path: "/2015/10/lain")), for: key("/2015/10/lain"))
        store.insert(entry(.other), for: key("/page/kontak"))
        store.remove(kind: .article(path: path))
        #expect(store.count == 5)
        #expect(UILanguage.allCases.allSatisfy { store.peek(key(path, $0)) == nil })
        store.remove(kind: .list)
        #expect(store.count == 2)
        store.remove(kind: .list)
        #expect(store.count == 2)
        store.removeAll()
        #expect(store.count == 0)
        #expect(store.bytes == 0)
    }

    @Test func replacingAnEntryKeepsTheBytesRight() {
        var store = PageStore(limitBytes: 1 << 30)
        store.insert(entry(.list), for: key("/"))
        store.insert(entry(.article(path: "/2015/10/a")), for: key("/"))
        #expect(store.count == 1)
        #expect(store.bytes == Self.entrySize)
        store.remove(kind: .list)
        #expect(store.count == 1)
        store.remove(kind: .article(path: "/2015/10/a"))
        #expect(store.count == 0)
        #expect(store.bytes == 0)
    }

    @Test func expiredEntriesAreNotServed() {
        var store = PageStore(limitBytes: 1 << 30)
        store.insert(entry(lifetime: 60), for: key("/"))
        #expect(store.use(key("/"), now: .now()) != nil)
        #expect(store.use(key("/"), now: .now() + .seconds(61)) == nil)
        #expect(store.count == 0)
    }

    @Test("No entry lives past ten minutes or its midnight")
    func lifetimeIsCapped() {
        let long = entry(lifetime: 86_400)
        #expect(long.expires <= .now() + PageCache.maximumAge)
        #expect(long.expires > .now() + .minutes(9))
        #expect(entry(lifetime: 30).expires <= .now() + .seconds(30))
        #expect(entry(lifetime: -5).expires <= .now())
        #expect(entry(lifetime: .nan).expires <= .now())
        #expect(entry(lifetime: .infinity).expires <= .now())
        #expect(entry(lifetime: 1e300).expires <= .now() + PageCache.maximumAge)
    }

    @Test("Random use, insert and drop keep the lists and the byte count consistent")
    func randomOperations() {
        var generator = SeededGenerator(seed: 7)
        let entries = [PageCache.Kind.list, .other, .article(path: "/2015/10/a"), .feed].map { entry($0) }
        var store = PageStore(limitBytes: Self.entrySize * 20)
        let kinds = entries.map(\.kind)
        for _ in 0..<20_000 {
            let path = "/p\(Int.random(in: 0..<60, using: &generator))"
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5: _ = store.use(key(path), now: .now())
            case 5..<9: store.insert(entries[Int.random(in: 0..<4, using: &generator)], for: key(path))
            default: store.remove(kind: kinds.randomElement(using: &generator) ?? .other)
            }
            #expect(store.bytes == store.count * Self.entrySize)
            #expect(store.bytes <= store.limitBytes)
        }
    }
}
