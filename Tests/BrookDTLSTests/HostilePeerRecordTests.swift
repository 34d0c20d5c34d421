import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// A hostile or spoofing peer at the record and fragment level (issue 7), each case asserting what
/// RFC 6347 prescribes: invalid plaintext records are discarded (§4.1.2.7), never fatal; records of
/// unknown epochs are dropped (§4.1); the replay window moves only for records that authenticate
/// (§4.1.2.6); sequence numbers never wrap (§4.1).
@Suite struct HostilePeerRecordTests {
    static func configurations(mtu: Int = 1200) -> (DTLSConfiguration, DTLSConfiguration) {
        var client = Identity.configuration(Identity.client, expecting: Identity.server)
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = false
        client.maximumTransmissionUnit = mtu
        server.maximumTransmissionUnit = mtu
        return (client, server)
    }

    /// The client after its hello reached the server, and the server's flight 4 not yet delivered.
    static func beforeFlight4(mtu: Int = 1200) -> (Pump, [[UInt8]]) {
        let (client, server) = configurations(mtu: mtu)
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        return (pump, pump.serverReported.drain(&pump.server))
    }

    // MARK: Fragments

    @Test("fragments declaring huge lengths, or filling the reassembly buffer, are discarded; the handshake completes")
    func hugeLengths() {
        var (pump, flight4) = Self.beforeFlight4()
        let cap = pump.client.configuration.maximumHandshakeMessageLength
        let spoofed: [[UInt8]] = [
            // ServerHello (message 0) declared as 2^24 − 1 bytes, and one byte over the cap.
            Surgery.fragment(type: 2, length: 0xFF_FFFF, sequence: 0, offset: 0, body: [1, 2, 3], recordSequence: 1 << 40),
            Surgery.fragment(type: 2, length: cap + 1, sequence: 0, offset: 0, body: [1], recordSequence: 1 << 40 + 1),
            // Messages 1 and 2 at the cap: together they fill the 32 KiB of reassembly buffers.
            Surgery.fragment(type: 11, length: cap, sequence: 1, offset: 0, body: [7], recordSequence: 1 << 40 + 2),
            Surgery.fragment(type: 12, length: cap, sequence: 2, offset: 0, body: [7], recordSequence: 1 << 40 + 3),
            // Message 3 no longer fits: refused (message 0 would still fit, evicting 1 and 2).
            Surgery.fragment(type: 13, length: 100, sequence: 3, offset: 0, body: [7], recordSequence: 1 << 40 + 4),
            // fragment_length larger than the record: the record does not frame.
            Surgery.record(contentType: 22, payload: [2, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 200, 1, 2], recordSequence: 1 << 40 + 5),
        ]
        for datagram in spoofed { pump.client.handle(datagram: datagram, now: .zero) }
        #expect(pump.client.invalidRecordsDiscarded == 4)
        #expect(pump.client.reassembler.bufferedBytes == 2 * cap)
        #expect(pump.clientReported.closed == nil)
        // The genuine flight arrives: message 0 evicts the spoofed 1 and 2 to fit, and the genuine
        // whole messages 1 and 2 replace anything left that disagrees with them.
        for datagram in flight4 { pump.client.handle(datagram: datagram, now: .zero) }
        #expect(pump.client.reassembler.bufferedBytes <= pump.client.configuration.maximumReassemblyBytes)
        pump.run()
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
    }

    @Test("an overlapping fragment with conflicting bytes is discarded; the first bytes stand and the handshake completes")
    func conflictingOverlap() throws {
        // At a 200-byte MTU the Certificate (message 1) spans several fragments.
        var (pump, flight4) = Self.beforeFlight4(mtu: 200)
        let records = flight4.flatMap(recordsOf)
        let pieces = Surgery.fragments(records)
        let certificate = try #require(pieces.first { $0.type == 11 && $0.offset == 0 && $0.body.count < $0.length })
        var delivered = 0
        for record in records {
            pump.client.handle(datagram: record, now: .zero)
            delivered += 1
            if Surgery.fragments([record]).contains(where: { $0.type == 11 && $0.offset == 0 }) { break }
        }
        // Same message, same length, overlapping the delivered bytes, but different bytes.
        var forged = Array(certificate.body.suffix(20))
        forged[0] ^= 0xFF
        let offset = certificate.body.count - 20
        pump.client.handle(datagram: Surgery.fragment(type: 11, length: certificate.length, sequence: 1, offset: offset,
                                                      body: forged + [1, 2, 3], recordSequence: 1 << 30), now: .zero)
        #expect(pump.client.invalidRecordsDiscarded == 1)
        for record in records.dropFirst(delivered) { pump.client.handle(datagram: record, now: .zero) }
        pump.run()
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
        #expect(pump.clientReported.connected?.peerCertificate == Identity.server.certificate)
    }

    @Test("a forged partial fragment that arrives first never lets a tampered message through")
    func conflictingOverlapFirst() throws {
        var (pump, flight4) = Self.beforeFlight4(mtu: 200)
        let pieces = Surgery.fragments(flight4)
        let certificate = try #require(pieces.first { $0.type == 11 && $0.offset == 0 })
        var forged = Array(certificate.body.prefix(30))
        for index in forged.indices { forged[index] ^= 0x5A }
        pump.client.handle(datagram: Surgery.fragment(type: 11, length: certificate.length, sequence: 1, offset: 0,
                                                      body: forged, recordSequence: 1 << 30), now: .zero)
        for datagram in flight4 { pump.client.handle(datagram: datagram, now: .zero) }
        HostileConnectionTests.runToEnd(&pump)
        // First bytes stand, so every genuine fragment overlapping the forged head is discarded, on
        // every retransmission: the Certificate never completes, nothing tampered is parsed, and the
        // handshake ends in its timeout. (An injector able to do this could as well have sent a
        // whole forged message first: epoch 0 is unauthenticated, and Finished would fail then.)
        #expect(pump.client.invalidRecordsDiscarded >= 2)
        #expect(pump.clientReported.connected == nil && pump.clientReported.peerCertificates == 0)
        #expect(pump.clientReported.closed == .handshakeTimeout)
    }

    @Test("a spoofed plaintext record numbered 2^48 − 1 does not make the genuine flight look replayed")
    func epochZeroWindowNotPoisoned() {
        var (pump, flight4) = Self.beforeFlight4()
        pump.client.handle(datagram: Surgery.fragment(type: 99, length: 4, sequence: 9, offset: 0, body: [0, 0, 0, 0],
                                                      recordSequence: RecordHeader.maximumSequenceNumber), now: .zero)
        for datagram in flight4 { pump.client.handle(datagram: datagram, now: .zero) }
        pump.run()
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
    }
}

// MARK: Epochs, sequence numbers, replays

extension HostilePeerRecordTests {
    static func connected() throws -> Pump {
        let (client, server) = configurations()
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        pump.run()
        try #require(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
        return pump
    }

    /// The client's datagram carrying `payload` as application data.
    static func record(_ payload: [UInt8], from pump: inout Pump) throws -> [UInt8] {
        try pump.client.send(payload)
        return try #require(pump.clientReported.drain(&pump.client).first)
    }

    @Test("records of epochs 2 and beyond are dropped, before and after the handshake; the connection carries on")
    func futureEpochs() throws {
        var (early, _) = Self.beforeFlight4()
        for epoch: UInt16 in [2, 3, 0x100, 0xFFFF] {
            early.client.handle(datagram: Surgery.record(contentType: 23, payload: [UInt8](repeating: 1, count: 40),
                                                         recordSequence: 1, epoch: epoch), now: .zero)
        }
        #expect(early.client.futureRecords.isEmpty, "only epoch 1 is held for later")

        var pump = try Self.connected()
        var genuine = try Self.record([5], from: &pump)
        for epoch: UInt16 in [2, 3, 0x100, 0xFFFF] {
            // The genuine record relabelled: the epoch is in the AEAD's additional data as well.
            genuine[3] = UInt8(epoch >> 8)
            genuine[4] = UInt8(truncatingIfNeeded: epoch)
            pump.server.handle(datagram: genuine, now: .zero)
        }
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.data.isEmpty && pump.server.isConnected && pump.serverReported.closed == nil)
        #expect(pump.server.authenticationFailures == 0, "never even opened")
        pump.server.handle(datagram: try Self.record([6], from: &pump), now: .zero)
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.data == [[6]])
    }

    @Test("forged records far ahead (up to 2^48 − 1) are counted and dropped, and do not move the replay window")
    func forgedFarAhead() throws {
        var pump = try Self.connected()
        let a = try Self.record([1], from: &pump), b = try Self.record([2], from: &pump)
        pump.server.handle(datagram: b, now: .zero)
        for sequence in [UInt64(1000), 1 << 47, RecordHeader.maximumSequenceNumber] {
            var forged = a
            for i in 0..<6 { forged[5 + i] = UInt8(truncatingIfNeeded: sequence >> UInt64(40 - 8 * i)) }
            pump.server.handle(datagram: forged, now: .zero)
        }
        #expect(pump.server.authenticationFailures == 3)
        // Were the window moved to 2^48 − 1, the older genuine record would now be a "replay".
        pump.server.handle(datagram: a, now: .zero)
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.data == [[2], [1]])
    }

    @Test("replayed records are dropped: application data once, handshake flights by message_seq")
    func replays() throws {
        var pump = try Self.connected()
        let datagram = try Self.record([9], from: &pump)
        for _ in 0..<3 { pump.server.handle(datagram: datagram, now: .zero) }
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.data == [[9]])
        #expect(pump.server.authenticationFailures == 0, "a replay is not a forgery")
    }

    @Test("a genuine record far ahead moves the window: records older than 64 behind it are dropped; numbers never wrap")
    func genuineFarAheadAndExhaustion() throws {
        var pump = try Self.connected()
        let old = try Self.record([1], from: &pump)
        pump.client.records.writeSequence1 = 1 << 40
        let ahead = try Self.record([2], from: &pump)
        pump.server.handle(datagram: ahead, now: .zero)
        pump.server.handle(datagram: old, now: .zero)
        pump.client.records.writeSequence1 = RecordHeader.maximumSequenceNumber
        pump.server.handle(datagram: try Self.record([3], from: &pump), now: .zero)
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.data == [[2], [3]], "RFC 6347 §4.1.2.6: left of the window is dropped")
        // RFC 6347 §4.1 / RFC 5246 §6.1: a sequence number must not wrap.
        #expect(throws: DTLSError.limitExceeded("record sequence numbers exhausted")) { try pump.client.send([4]) }
    }
}
