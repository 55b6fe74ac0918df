import NIOCore

/// The page cache's bookkeeping, always used under its lock: a segmented LRU with O(1) lookup, use and eviction,
/// and an index from what an entry shows (`PageCache.Kind`) to its keys, so an event drops its entries without a
/// scan (docs/adr/013-page-cache-keys.md).
///
/// New entries start in the probation segment; a second use moves one to the protected segment, at most 4/5 of the
/// bound. Eviction takes the least recently used probation entry first, so a flood of pages asked for once (random
/// addresses, crawlers) turns over probation and cannot push out the pages readers come back to.
struct PageStore: Sendable {
    private enum Segment: Sendable { case probation, protected }

    private struct Node: Sendable {
        var key: PageCache.Key?
        var entry: PageCache.Entry?
        var segment = Segment.probation
        var previous = -1
        var next = -1
    }

    /// A doubly linked list threaded through `nodes` by index: no allocation per use.
    private struct List: Sendable {
        var head = -1
        var tail = -1
        var bytes = 0
    }

    let limitBytes: Int
    private var nodes: [Node] = []
    private var freeSlots: [Int] = []
    private var slots: [PageCache.Key: Int] = [:]
    private var groups: [PageCache.Kind: Set<PageCache.Key>] = [:]
    private var probation = List()
    private var protected = List()

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    var count: Int { slots.count }
    var bytes: Int { probation.bytes + protected.bytes }

    /// The entry, if present and fresh; a use moves it to the front of the protected segment.
    mutating func use(_ key: PageCache.Key, now: NIODeadline) -> PageCache.Entry? {
        guard let slot = slots[key], let entry = nodes[slot].entry else { return nil }
        guard entry.expires > now else {
            remove(slot)
            return nil
        }
        unlink(slot)
        nodes[slot].segment = .protected
        pushFront(slot)
        while protected.bytes > limitBytes / 5 * 4, protected.tail != slot, protected.tail >= 0 {
            let demoted = protected.tail
            unlink(demoted)
            nodes[demoted].segment = .probation
            pushFront(demoted)
        }
        return entry
    }

    /// The entry without counting a use (tests, diagnostics).
    func peek(_ key: PageCache.Key) -> PageCache.Entry? {
        slots[key].flatMap { nodes[$0].entry }
    }

    /// Keeps `entry` under `key`, replacing an older one, then evicts until the bound holds.
    mutating func insert(_ entry: PageCache.Entry, for key: PageCache.Key) {
        if let old = slots[key] { remove(old) }
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            nodes[slot] = Node(key: key, entry: entry)
        } else {
            slot = nodes.count
            nodes.append(Node(key: key, entry: entry))
        }
        slots[key] = slot
        groups[entry.kind, default: []].insert(key)
        pushFront(slot)
        while bytes > limitBytes {
            let victim = probation.tail >= 0 && probation.tail != slot ? probation.tail : protected.tail
            guard victim >= 0 else { break }
            remove(victim)
        }
    }

    /// Drops every entry of one kind: as many steps as that kind has entries.
    mutating func remove(kind: PageCache.Kind) {
        guard let keys = groups.removeValue(forKey: kind) else { return }
        for key in keys {
            if let slot = slots[key] { remove(slot) }
        }
    }

    mutating func removeAll() {
        self = PageStore(limitBytes: limitBytes)
    }

    private mutating func remove(_ slot: Int) {
        guard let key = nodes[slot].key, let entry = nodes[slot].entry else { return }
        unlink(slot)
        slots[key] = nil
        if groups[entry.kind]?.remove(key) != nil, groups[entry.kind]?.isEmpty == true { groups[entry.kind] = nil }
        nodes[slot] = Node()
        freeSlots.append(slot)
    }

    private mutating func pushFront(_ slot: Int) {
        let size = nodes[slot].entry?.size ?? 0
        var list = nodes[slot].segment == .protected ? protected : probation
        nodes[slot].previous = -1
        nodes[slot].next = list.head
        if list.head >= 0 { nodes[list.head].previous = slot }
        list.head = slot
        if list.tail < 0 { list.tail = slot }
        list.bytes += size
        if nodes[slot].segment == .protected { protected = list } else { probation = list }
    }

    private mutating func unlink(_ slot: Int) {
        let size = nodes[slot].entry?.size ?? 0
        var list = nodes[slot].segment == .protected ? protected : probation
        let (previous, next) = (nodes[slot].previous, nodes[slot].next)
        if previous >= 0 { nodes[previous].next = next } else { list.head = next }
        if next >= 0 { nodes[next].previous = previous } else { list.tail = previous }
        list.bytes -= size
        nodes[slot].previous = -1
        nodes[slot].next = -1
        if nodes[slot].segment == .protected { protected = list } else { probation = list }
    }
}
