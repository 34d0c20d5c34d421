import BrookDTLS
import BrookSansIO

/// One connection the loop drives, with what the loop keeps beside it.
struct ConnectionSlot {
    var connection: DTLSConnection
    let peer: TransportAddress
    /// The deadline pushed on the heap for this connection, if any.
    var scheduled: Instant?
    var isDirty = false
    var isConnected = false
}

/// The connections of a loop: slots indexed by remote address, the connections touched since the
/// last flush (so a step costs what it touched, not what is held) and a heap of their deadlines.
struct ConnectionTable {
    var slots: [ConnectionSlot?] = []
    private var free: [Int] = []
    private var indices: [TransportAddress: Int] = [:]
    private var dirty: [Int] = []
    private var timers = DeadlineHeap()

    var count: Int { indices.count }

    func index(of peer: TransportAddress) -> Int? { indices[peer] }

    /// Stores a new connection and marks it dirty (a client's ClientHello is waiting to be polled).
    mutating func insert(_ connection: DTLSConnection, peer: TransportAddress) -> Int {
        let slot = ConnectionSlot(connection: connection, peer: peer)
        let index: Int
        if let reused = free.popLast() {
            slots[reused] = slot
            index = reused
        } else {
            slots.append(slot)
            index = slots.count - 1
        }
        indices[peer] = index
        markDirty(index)
        return index
    }

    mutating func remove(at index: Int) {
        guard let slot = slots[index] else { return }
        indices[slot.peer] = nil
        slots[index] = nil
        free.append(index)
    }

    mutating func markDirty(_ index: Int) {
        guard slots[index] != nil, !slots[index]!.isDirty else { return }
        slots[index]!.isDirty = true
        dirty.append(index)
    }

    /// The slots touched since the last call, now clean.
    mutating func takeDirty() -> [Int] {
        let taken = dirty
        dirty.removeAll(keepingCapacity: true)
        for index in taken where slots[index] != nil { slots[index]!.isDirty = false }
        return taken
    }

    /// Records the connection's current deadline, pushing it on the heap when it changed.
    mutating func reschedule(_ index: Int) {
        guard let deadline = slots[index]?.connection.nextDeadline else {
            slots[index]?.scheduled = nil
            return
        }
        guard slots[index]!.scheduled != deadline else { return }
        slots[index]!.scheduled = deadline
        timers.push(deadline, slot: index)
    }

    /// The earliest live deadline; stale heap entries are dropped on the way.
    mutating func nextDeadline() -> Instant? {
        while let top = timers.first {
            if slots[top.slot]?.scheduled == top.deadline { return top.deadline }
            _ = timers.popFirst()
        }
        return nil
    }

    /// The slots whose deadline has passed at `now`, their deadlines cleared.
    mutating func popDue(now: Instant) -> [Int] {
        var due: [Int] = []
        while let top = timers.first, top.deadline <= now {
            _ = timers.popFirst()
            guard slots[top.slot]?.scheduled == top.deadline else { continue }
            slots[top.slot]!.scheduled = nil
            due.append(top.slot)
        }
        return due
    }
}
