/// Reassembles handshake messages from fragments that may arrive out of order, duplicated or
/// overlapping (RFC 6347 §4.2.3) and hands complete messages out in `message_seq` order.
///
/// Memory is bounded: a message longer than `maximumMessageLength` is refused before anything is
/// allocated, at most `maximumPendingMessages` messages ahead of the next expected one are kept, and
/// the total of their buffers stays under `maximumBufferedBytes`.
struct Reassembler {
    struct Message {
        var type: UInt8
        var sequence: UInt16
        var body: [UInt8]
    }

    private struct Partial {
        var type: UInt8
        var body: [UInt8]
        /// Sorted, disjoint, non-adjacent byte ranges received so far.
        var received: [Range<Int>] = []

        var isComplete: Bool { received.count == 1 && received[0] == 0..<body.count || body.isEmpty }

        mutating func insert(_ range: Range<Int>) {
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
    private var partials: [UInt16: Partial] = [:]
    private var bufferedBytes = 0

    init(maximumMessageLength: Int, maximumBufferedBytes: Int) {
        self.maximumMessageLength = maximumMessageLength
        self.maximumBufferedBytes = maximumBufferedBytes
    }

    /// Restarts expecting `sequence` next, forgetting everything buffered.
    mutating func reset(nextSequence sequence: UInt16) {
        nextSequence = sequence
        partials = [:]
        bufferedBytes = 0
    }

    /// Adds a fragment. Old and out-of-window fragments are ignored (the caller looks at old ones to
    /// detect a retransmitted flight); inconsistent ones are an error.
    mutating func add(_ fragment: HandshakeFragment) throws(DTLSError) {
        let sequence = fragment.messageSequence
        guard sequence >= nextSequence, Int(sequence) - Int(nextSequence) < maximumPendingMessages else { return }
        guard fragment.length <= maximumMessageLength else {
            throw .limitExceeded("handshake message of \(fragment.length) bytes (cap \(maximumMessageLength))")
        }
        if partials[sequence] == nil {
            guard bufferedBytes + fragment.length <= maximumBufferedBytes else {
                throw .limitExceeded("reassembly buffers over \(maximumBufferedBytes) bytes")
            }
            bufferedBytes += fragment.length
            partials[sequence] = Partial(type: fragment.type, body: [UInt8](repeating: 0, count: fragment.length))
        }
        guard var partial = partials[sequence], partial.type == fragment.type, partial.body.count == fragment.length
        else { throw .illegalParameter("fragments of message \(sequence) disagree on type or length") }
        partials[sequence] = nil
        partial.body.replaceSubrange(fragment.offset..<fragment.offset + fragment.body.count, with: fragment.body)
        partial.insert(fragment.offset..<fragment.offset + fragment.body.count)
        partials[sequence] = partial
    }

    /// The next complete message in order, if there is one.
    mutating func next() -> Message? {
        guard let partial = partials[nextSequence], partial.isComplete else { return nil }
        partials[nextSequence] = nil
        bufferedBytes -= partial.body.count
        defer { nextSequence &+= 1 }
        return Message(type: partial.type, sequence: nextSequence, body: partial.body)
    }
}
