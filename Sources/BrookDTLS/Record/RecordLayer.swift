/// Per-epoch record state (RFC 6347 §4.1): write sequence numbers, AEAD keys and the replay window
/// of epoch 1 (after ChangeCipherSpec). There is never an epoch 2: renegotiation is refused.
///
/// Epoch 0 has no replay window: RFC 6347 §4.1.2.6 moves a window only for records that
/// authenticate, and epoch-0 records cannot. Were they allowed to move one, a single spoofed
/// plaintext record numbered 2^48 − 1 would make every genuine handshake record look like a
/// replay. Repeated handshake messages are recognised by message_seq instead (§4.2.2).
struct RecordLayer<Crypto: DTLSCryptoProvider> {
    var writeSequence0: UInt64 = 0
    var writeSequence1: UInt64 = 0
    private(set) var writeProtection: RecordProtection<Crypto>?
    private(set) var readProtection: RecordProtection<Crypto>?
    private var replay = ReplayWindow()
    private(set) var suite: DTLSCipherSuite?
    /// Records that failed authentication (dropped, never fatal: RFC 6347 §4.1.2.7).
    private(set) var authenticationFailures = 0

    mutating func installKeys(suite: DTLSCipherSuite, write: RecordProtection<Crypto>, read: RecordProtection<Crypto>) {
        self.suite = suite
        writeProtection = write
        readProtection = read
    }

    /// Bytes a record of `epoch` adds around its payload, header included.
    func overhead(epoch: UInt16) -> Int {
        RecordHeader.byteCount + (epoch == 0 ? 0 : (suite?.recordExpansion ?? 0))
    }

    /// The next write sequence number of `epoch` (0 or 1).
    func nextWriteSequence(epoch: UInt16) -> UInt64 { epoch == 0 ? writeSequence0 : writeSequence1 }

    /// Appends one record of `type` at `epoch` holding `payload`. Sequence numbers never wrap: past
    /// 2^48 − 1 the record is refused (RFC 6347 §4.1: a connection must rekey, which DTLS 1.2
    /// without renegotiation cannot).
    mutating func appendRecord(
        type: ContentType, epoch: UInt16, payload: some Collection<UInt8>, into out: inout [UInt8]
    ) throws(DTLSError) {
        if epoch == 0 {
            try appendPlaintextRecord(type: type, length: payload.count, into: &out) { $0.append(contentsOf: payload) }
            return
        }
        guard let protection = writeProtection else { throw .unexpectedMessage("epoch 1 record before keys") }
        var header = RecordHeader(contentType: type.rawValue, version: ProtocolVersion.dtls12, epoch: epoch,
                                  sequenceNumber: try takeWriteSequence(epoch: 1), length: payload.count)
        header.length = payload.count + protection.explicitNonceLength + RecordProtection<Crypto>.tagLength
        header.encode(into: &out)
        try protection.seal(payload, header: header, into: &out)
    }

    /// Appends one epoch-0 record whose `length`-byte payload `write` appends straight after the
    /// header (no intermediate buffer).
    mutating func appendPlaintextRecord(
        type: ContentType, length: Int, into out: inout [UInt8], _ write: (inout [UInt8]) -> Void
    ) throws(DTLSError) {
        let header = RecordHeader(contentType: type.rawValue, version: ProtocolVersion.dtls12, epoch: 0,
                                  sequenceNumber: try takeWriteSequence(epoch: 0), length: length)
        header.encode(into: &out)
        let start = out.count
        write(&out)
        assert(out.count - start == length, "record payload length")
    }

    private mutating func takeWriteSequence(epoch: UInt16) throws(DTLSError) -> UInt64 {
        let number = nextWriteSequence(epoch: epoch)
        guard number <= RecordHeader.maximumSequenceNumber else { throw .limitExceeded("record sequence numbers exhausted") }
        if epoch == 0 { writeSequence0 += 1 } else { writeSequence1 += 1 }
        return number
    }

    enum Opened {
        /// The record's plaintext: for epoch 0 a view of the datagram (nothing is copied), for epoch
        /// 1 the whole of the freshly decrypted buffer.
        case plaintext(ArraySlice<UInt8>)
        /// Epoch 1 before its keys exist: the caller may hold it until they do.
        case notYetReadable
        case dropped
    }

    /// Authenticates and decrypts one record; replays and forgeries are dropped. Only a record that
    /// authenticates moves the replay window (RFC 6347 §4.1.2.6).
    mutating func open(header: RecordHeader, fragment: ArraySlice<UInt8>) -> Opened {
        if header.epoch == 0 { return .plaintext(fragment) }
        guard header.epoch == 1 else { return .dropped }
        guard replay.check(header.sequenceNumber) else { return .dropped }
        guard let protection = readProtection else { return .notYetReadable }
        guard let plaintext = protection.open(fragment, header: header), plaintext.count <= 1 << 14 else {
            authenticationFailures += 1
            return .dropped
        }
        replay.accept(header.sequenceNumber)
        return .plaintext(plaintext[...])
    }
}
