/// One flight of handshake messages (RFC 6347 §4.2.4), kept whole so it can be sent again: each
/// retransmission is re-fragmented and re-sealed with fresh record sequence numbers.
struct Flight {
    enum Item {
        case handshake(type: HandshakeType, sequence: UInt16, body: [UInt8], epoch: UInt16)
        case changeCipherSpec
    }

    var items: [Item] = []

    init() {}

    /// An empty flight with room for `count` items, so building it allocates once (flights 4 and 5,
    /// the longest, hold five).
    init(capacity count: Int) { items.reserveCapacity(count) }

    var isEmpty: Bool { items.isEmpty }

    /// The smallest handshake fragment worth starting in a partly filled datagram.
    private static let minimumFragment = 32

    /// Packs the flight into datagrams of at most `mtu` bytes, fragmenting messages as needed.
    func datagrams<Crypto>(mtu: Int, records: inout RecordLayer<Crypto>) throws(DTLSError) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { datagrams.append(current) }
            current = []
        }
        // A datagram's buffer is sized once (to the MTU, or to the whole flight if that is smaller),
        // not grown record by record.
        let datagramCapacity = min(mtu, estimatedByteCount(epochOverhead: records.overhead(epoch: 1)))
        func reserveDatagram() {
            if current.isEmpty { current.reserveCapacity(datagramCapacity) }
        }
        for item in items {
            switch item {
            case .changeCipherSpec:
                if current.count + records.overhead(epoch: 0) + 1 > mtu { flush() }
                reserveDatagram()
                try records.appendRecord(type: .changeCipherSpec, epoch: 0, payload: [1], into: &current)
            case let .handshake(type, sequence, body, epoch):
                let overhead = records.overhead(epoch: epoch) + HandshakeFragment.headerLength
                var offset = 0
                repeat {
                    let left = body.count - offset
                    var room = mtu - current.count - overhead
                    if room < min(left, Self.minimumFragment) || room <= 0 {
                        flush()
                        room = mtu - overhead
                    }
                    let take = max(min(room, left), 0)
                    let fragment = HandshakeFragment(type: type.rawValue, length: body.count, messageSequence: sequence,
                                                     offset: offset, body: body[offset..<offset + take])
                    reserveDatagram()
                    if epoch == 0 {
                        try records.appendPlaintextRecord(type: .handshake, length: HandshakeFragment.headerLength + take,
                                                          into: &current) { fragment.encode(into: &$0) }
                    } else {
                        var plaintext: [UInt8] = []
                        plaintext.reserveCapacity(HandshakeFragment.headerLength + take)
                        fragment.encode(into: &plaintext)
                        try records.appendRecord(type: .handshake, epoch: epoch, payload: plaintext, into: &current)
                    }
                    offset += take
                } while offset < body.count
            }
        }
        flush()
        return datagrams
    }

    /// The flight's size on the wire if no message were fragmented, every record at most
    /// `epochOverhead` bytes around its payload.
    private func estimatedByteCount(epochOverhead: Int) -> Int {
        items.reduce(0) { total, item in
            switch item {
            case .changeCipherSpec: total + epochOverhead + 1
            case .handshake(_, _, let body, _): total + epochOverhead + HandshakeFragment.headerLength + body.count
            }
        }
    }
}
