/// Reassembles handshake messages from fragments that may arrive out of order, duplicated or
/// overlapping (RFC 6347 §4.2.3) and hands complete messages out in `message_seq` order.
///
/// Memory is bounded: a message longer than `maximumMessageLength` is refused before anything is
/// allocated, at most `maximumPendingMessages` messages ahead of the next expected one are kept, and
/// the total of their buffers stays under `maximumBufferedBytes`.
///
/// `add` never throws: it says what it did with the fragment, and the caller decides. A fragment
/// that breaks the rules (too long, over the buffer cap, disagreeing with earlier fragments of its
/// message on type or length, or overlapping them with different bytes) is refused and changes
/// nothing, so the first fragment received for a message fixes its type, length and bytes. Over
/// epoch 0 such a fragment is an invalid record to discard (RFC 6347 §4.1.2.7): anyone can spoof
/// one, and it must not end a handshake.
///
/// Two rules keep a spoofer from blocking a handshake with a few early fragments: a fragment that
/// holds a whole message replaces an incomplete message it disagrees with (a forger who has a whole
/// message wins by arriving first anyway, so this gives nothing away), and when the buffer cap is
/// reached, messages further ahead are evicted to make room for a nearer one — the next expected
/// message always fits.
struct Reassembler {
    struct Message {
        var type: UInt8
        var sequence: UInt16
        /// The body: a slice of the datagram it came in when it came whole and in order (indices
        /// are the datagram's: read it with `ByteReader`, not from index 0), else its own buffer.
        var body: ArraySlice<UInt8>
    }

    enum Outcome: Equatable {
        /// Buffered (possibly completing its message).
        case accepted
        /// An already delivered or far-future message: nothing done.
        case ignored
        /// Broke a rule; nothing done. The reason, as the error a fatal path would report.
        case refused(DTLSError)
    }

    private struct Partial {
        var type: UInt8
        /// Indexed from `body.startIndex` (a slice of a datagram for a whole message).
        var body: ArraySlice<UInt8>
        /// Sorted, disjoint, non-adjacent byte ranges received so far (unused once `isWhole`).
        var received: [Range<Int>] = []
        /// Every byte has arrived (the usual case, a message in one fragment, never needs `received`).
        var isWhole = false

        var isComplete: Bool { isWhole || received.count == 1 && received[0] == 0..<body.count || body.isEmpty }

        /// Whether `bytes` at `offset` agree with every byte already received in their range.
        func agrees(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
            let range = offset..<offset + bytes.count
            for existing in isWhole ? [0..<body.count] : received where existing.overlaps(range) {
                let overlap = existing.clamped(to: range)
                let shift = bytes.startIndex - offset, base = body.startIndex
                guard body[(overlap.lowerBound + base)..<(overlap.upperBound + base)]
                    .elementsEqual(bytes[(overlap.lowerBound + shift)..<(overlap.upperBound + shift)])
                else { return false }
            }
            return true
        }

        mutating func insert(_ range: Range<Int>) {
            guard !isWhole else { return }
            var merged = range
            var kept: [Range<Int>] = []
            for existing in received {
                if existing.upperBound < merged.lowerBound || merged.upperBound < existing.lowerBound {
                    kept.append(existing)
                } else {
                    merged = min(existing.lowerBound, merged.lowerBound)..<max(existing.upperBound, merged.upperBound)
                }
            }
            kept.append(merged)
            received = kept.sorted { $0.lowerBound < $1.lowerBound }
        }
    }

    var maximumMessageLength: Int
    var maximumPendingMessages = 8
    var maximumBufferedBytes: Int
    /// The `message_seq` of the next message to hand out.
    private(set) var nextSequence: UInt16 = 0
    private var partials = PendingMessages()
    private(set) var bufferedBytes = 0

    init(maximumMessageLength: Int, maximumBufferedBytes: Int) {
        self.maximumMessageLength = maximumMessageLength
        self.maximumBufferedBytes = maximumBufferedBytes
    }

    /// Restarts expecting `sequence` next, forgetting (and freeing) everything buffered.
    mutating func reset(nextSequence sequence: UInt16) {
        nextSequence = sequence
        partials = PendingMessages()
        bufferedBytes = 0
    }

    /// Adds a fragment. Old and out-of-window fragments are ignored (the caller looks at old ones to
    /// detect a retransmitted flight).
    mutating func add(_ fragment: HandshakeFragment) -> Outcome {
        let sequence = fragment.messageSequence
        guard sequence >= nextSequence, Int(sequence) - Int(nextSequence) < maximumPendingMessages else { return .ignored }
        guard fragment.length <= maximumMessageLength else {
            return .refused(.limitExceeded("handshake message of \(fragment.length) bytes (cap \(maximumMessageLength))"))
        }
        let isWholeMessage = fragment.offset == 0 && fragment.body.count == fragment.length
        if let existing = partials[sequence] {
            let refusal: DTLSError?
            if existing.type != fragment.type || existing.body.count != fragment.length {
                refusal = .illegalParameter("fragments of message \(sequence) disagree on type or length")
            } else if !existing.agrees(fragment.body, at: fragment.offset) {
                refusal = .illegalParameter("overlapping fragments of message \(sequence) disagree")
            } else {
                refusal = nil
            }
            if let refusal {
                guard isWholeMessage && !existing.isComplete else { return .refused(refusal) }
                partials[sequence] = nil
                bufferedBytes -= existing.body.count
            }
        }
        var partial: Partial
        if let existing = partials[sequence] {
            partial = existing
            partials[sequence] = nil  // keep the buffer uniquely referenced while it is written
        } else {
            guard makeRoom(fragment.length, for: sequence) else {
                return .refused(.limitExceeded("reassembly buffers over \(maximumBufferedBytes) bytes"))
            }
            bufferedBytes += fragment.length
            if isWholeMessage {
                // The usual case: the message came in one fragment. The next message in order is
                // handed out before the datagram is done with, so it stays a slice of it; one
                // that waits for others is copied, so no datagram is held beyond its own bytes.
                let body = sequence == nextSequence ? fragment.body : ArraySlice(Array(fragment.body))
                partials[sequence] = Partial(type: fragment.type, body: body, isWhole: true)
                return .accepted
            }
            partial = Partial(type: fragment.type, body: [UInt8](repeating: 0, count: fragment.length)[...])
        }
        if !fragment.body.isEmpty {
            let start = partial.body.startIndex + fragment.offset
            partial.body.replaceSubrange(start..<start + fragment.body.count, with: fragment.body)
            partial.insert(fragment.offset..<fragment.offset + fragment.body.count)
        }
        partials[sequence] = partial
        return .accepted
    }

    /// Evicts messages further ahead than `sequence`, furthest first, until `length` more bytes fit.
    private mutating func makeRoom(_ length: Int, for sequence: UInt16) -> Bool {
        while bufferedBytes + length > maximumBufferedBytes {
            guard let furthest = partials.keys.filter({ $0 > sequence }).max(),
                  let evicted = partials.removeValue(forKey: furthest)
            else { return false }
            bufferedBytes -= evicted.body.count
        }
        return true
    }

    /// The next complete message in order, if there is one.
    mutating func next() -> Message? {
        guard let partial = partials[nextSequence], partial.isComplete else { return nil }
        partials[nextSequence] = nil
        bufferedBytes -= partial.body.count
        defer { nextSequence &+= 1 }
        return Message(type: partial.type, sequence: nextSequence, body: partial.body)
    }

    /// The messages being reassembled, by `message_seq`. There are at most `maximumPendingMessages`
    /// of them, so a short array searched in order does better than a hash table.
    private struct PendingMessages {
        private var entries: [(sequence: UInt16, partial: Partial)] = []

        subscript(sequence: UInt16) -> Partial? {
            get { entries.first { $0.sequence == sequence }?.partial }
            set {
                if let index = entries.firstIndex(where: { $0.sequence == sequence }) {
                    if let newValue { entries[index].partial = newValue } else { entries.remove(at: index) }
                } else if let newValue {
                    entries.append((sequence, newValue))
                }
            }
        }

        var keys: [UInt16] { entries.map(\.sequence) }

        mutating func removeValue(forKey sequence: UInt16) -> Partial? {
            guard let index = entries.firstIndex(where: { $0.sequence == sequence }) else { return nil }
            return entries.remove(at: index).partial
        }
    }
}
