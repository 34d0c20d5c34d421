import BrookSansIO

/// A binary min-heap of (deadline, connection slot) pairs: the next timer of many connections in
/// O(log n), instead of a scan over every connection on every step.
///
/// Entries are never updated in place: rescheduling pushes a new entry and the stale one is
/// discarded when it reaches the top (the caller checks it against the slot's current deadline).
struct DeadlineHeap {
    struct Entry {
        var deadline: Instant
        var slot: Int
    }

    private var entries: [Entry] = []

    var count: Int { entries.count }

    var first: Entry? { entries.first }

    mutating func push(_ deadline: Instant, slot: Int) {
        entries.append(Entry(deadline: deadline, slot: slot))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let top = entries.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count && entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count && entries[right].deadline < entries[smallest].deadline { smallest = right }
            if smallest == parent { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
