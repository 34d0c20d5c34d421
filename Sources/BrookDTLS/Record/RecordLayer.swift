/// Per-epoch record state (RFC 6347 §4.1): write sequence numbers, AEAD keys and replay windows for
/// epoch 0 (plaintext, the handshake) and epoch 1 (after ChangeCipherSpec). There is never an
/// epoch 2: renegotiation is refused.
struct RecordLayer<Crypto: DTLSCryptoProvider> {
    private var writeSequence: [UInt64] = [0, 0]
    private(set) var writeProtection: RecordProtection<Crypto>?
    private(set) var readProtection: RecordProtection<Crypto>?
    private var replay: [ReplayWindow] = [ReplayWindow(), ReplayWindow()]
    private(set) var suite: DTLSCipherSuite?
    /// Records that failed authentication (dropped, never fatal: RFC 6347 §4.1.2.7).
    private(set) var authenticationFailures = 0

    mutating func installKeys(suite: DTLSCipherSuite, write: RecordProtection<Crypto>, read: RecordProtection<Crypto>) {
        self.suite = suite
        writeProtection = write
        readProtection = read
    }

    /// Forgets the epoch-0 records seen so far. A stateless server that answered with a
    /// HelloVerifyRequest starts its record numbers afresh (RFC 6347 §4.2.1), so the client must not
    /// take its next records for replays.
    mutating func resetEpochZeroReplayWindow() {
        replay[0] = ReplayWindow()
    }

    /// Bytes a record of `epoch` adds around its payload, header included.
    func overhead(epoch: UInt16) -> Int {
        RecordHeader.byteCount + (epoch == 0 ? 0 : (suite?.recordExpansion ?? 0))
    }

    /// Appends one record of `type` at `epoch` holding `payload`. `sequence` overrides the next write
    /// sequence number (a HelloVerifyRequest echoes the ClientHello's, RFC 6347 §4.2.1).
    mutating func appendRecord(
        type: ContentType, epoch: UInt16, payload: some Collection<UInt8>, into out: inout [UInt8],
        sequence: UInt64? = nil
    ) throws(DTLSError) {
        let index = Int(min(epoch, 1))
        let number = sequence ?? writeSequence[index]
        guard number <= RecordHeader.maximumSequenceNumber else { throw .limitExceeded("record sequence numbers exhausted") }
        if sequence == nil { writeSequence[index] += 1 }
        var header = RecordHeader(contentType: type.rawValue, version: ProtocolVersion.dtls12, epoch: epoch,
                                  sequenceNumber: number, length: payload.count)
        if epoch == 0 {
            header.encode(into: &out)
            out.append(contentsOf: payload)
            return
        }
        guard let protection = writeProtection else { throw .unexpectedMessage("epoch 1 record before keys") }
        header.length = payload.count + protection.explicitNonceLength + RecordProtection<Crypto>.tagLength
        header.encode(into: &out)
        try protection.seal(payload, header: header, into: &out)
    }

    enum Opened {
        case plaintext([UInt8])
        /// Epoch 1 before its keys exist: the caller may hold it until they do.
        case notYetReadable
        case dropped
    }

    /// Authenticates and decrypts one record; replays and forgeries are dropped.
    mutating func open(header: RecordHeader, fragment: ArraySlice<UInt8>) -> Opened {
        guard header.epoch <= 1 else { return .dropped }
        let index = Int(header.epoch)
        guard replay[index].check(header.sequenceNumber) else { return .dropped }
        if header.epoch == 0 {
            replay[0].accept(header.sequenceNumber)
            return .plaintext(Array(fragment))
        }
        guard let protection = readProtection else { return .notYetReadable }
        guard let plaintext = protection.open(fragment, header: header), plaintext.count <= 1 << 14 else {
            authenticationFailures += 1
            return .dropped
        }
        replay[1].accept(header.sequenceNumber)
        return .plaintext(plaintext)
    }
}
