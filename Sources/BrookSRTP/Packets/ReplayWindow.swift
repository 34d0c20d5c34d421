/// The sliding replay window of RFC 3711 §3.3.2: the highest index accepted so far and one bit per
/// index in the `size` indices up to it. The bitmap is a ring indexed by `index mod size`, so
/// moving the window clears bits instead of shifting words. Storage is allocated once, when the
/// stream is created.
struct ReplayWindow: Sendable {
    /// Result of `check`.
    enum Verdict: Equatable {
        /// Not seen before and inside or ahead of the window.
        case fresh
        /// Already accepted.
        case replayed
        /// Behind the window: can no longer be told apart from a replay.
        case tooOld
    }

    /// Window size in packets (a multiple of 64).
    let size: UInt64
    /// The highest index accepted (valid when `started`).
    private(set) var highest: UInt64 = 0
    private(set) var started = false
    private var words: [UInt64]

    /// A window of `size` packets, rounded up to a multiple of 64.
    init(size: Int) {
        let wordCount = (max(size, 64) &+ 63) / 64
        self.size = UInt64(wordCount &* 64)
        words = [UInt64](repeating: 0, count: wordCount)
    }

    @inline(__always)
    func check(_ index: UInt64) -> Verdict {
        guard started, index <= highest else { return .fresh }
        if highest &- index >= size { return .tooOld }
        return bit(index) ? .replayed : .fresh
    }

    /// Records `index` as received; call only after `check` returned `.fresh` and the packet
    /// authenticated.
    @inline(__always)
    mutating func accept(_ index: UInt64) {
        if !started {
            started = true
            highest = index
        } else if index > highest {
            let advance = index &- highest
            if advance >= size {
                for i in words.indices { words[i] = 0 }
            } else {
                var cleared = highest &+ 1
                while cleared < index {
                    setBit(cleared, false)
                    cleared &+= 1
                }
            }
            highest = index
        }
        setBit(index, true)
    }

    @inline(__always)
    private func bit(_ index: UInt64) -> Bool {
        let position = index % size
        return words[Int(position >> 6)] & (1 << (position & 63)) != 0
    }

    @inline(__always)
    private mutating func setBit(_ index: UInt64, _ value: Bool) {
        let position = index % size
        let word = Int(position >> 6), mask: UInt64 = 1 << (position & 63)
        if value { words[word] |= mask } else { words[word] &= ~mask }
    }
}
