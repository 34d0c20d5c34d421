import BrookCrypto
@testable import BrookDTLS
import Testing

/// Record framing, replay protection and AEAD protection (RFC 6347 §4.1, RFC 5288, RFC 7905).
@Suite struct RecordLayerTests {
    @Test("replay window: new, duplicate, inside and behind the 64-record window (RFC 6347 §4.1.2.6)")
    func replayWindow() {
        var window = ReplayWindow()
        #expect(window.check(5))
        window.accept(5)
        #expect(!window.check(5))
        #expect(window.check(4) && window.check(6))
        window.accept(100)
        #expect(!window.check(100))
        #expect(!window.check(36), "100 − 36 = 64 is outside the window")
        #expect(window.check(37))
        window.accept(37)
        #expect(!window.check(37))
        window.accept(1000)
        #expect(!window.check(100) && window.check(999))
        // Forged records never reach accept(): checking alone never moves the window.
        #expect(window.check(RecordHeader.maximumSequenceNumber))
        #expect(window.highest == 1000)
    }

    @Test("header encode/split round trip; malformed tails are dropped, never trapped on")
    func headerFraming() {
        var datagram: [UInt8] = []
        let header = RecordHeader(contentType: 23, version: ProtocolVersion.dtls12, epoch: 1,
                                  sequenceNumber: 0x0000_1234_5678_9ABC, length: 3)
        header.encode(into: &datagram)
        datagram += [1, 2, 3]
        datagram += datagram
        let records = RecordHeader.split(datagram: datagram[...])
        #expect(records.count == 2)
        #expect(records[0].header == header && Array(records[0].fragment) == [1, 2, 3])
        #expect(records[0].header.epochAndSequence == 0x0001_1234_5678_9ABC)
        for cut in 0..<datagram.count {
            #expect(RecordHeader.split(datagram: datagram.prefix(cut)).count == (cut >= 32 ? 1 : (cut >= 16 ? 1 : 0)))
        }
        var oversized = datagram
        oversized[11] = 0xFF
        oversized[12] = 0xFF
        #expect(RecordHeader.split(datagram: oversized[...]).isEmpty)
    }

    /// The implicit IV of the layout tests: distinct bytes, so a byte out of place shows.
    static func fixedIV(_ suite: DTLSCipherSuite) -> [UInt8] { (0..<UInt8(suite.fixedIVLength)).map { 0x90 + $0 } }

    func protection(_ suite: DTLSCipherSuite) throws -> RecordProtection<BrookCryptoProvider> {
        try RecordProtection<BrookCryptoProvider>(suite: suite, key: [UInt8](repeating: 7, count: suite.keyLength),
                             fixedIV: Self.fixedIV(suite))
    }

    @Test("AES-GCM record: explicit nonce is epoch ‖ seq, and the bytes equal a one-shot GCM seal (RFC 5288 §3)",
          arguments: [DTLSCipherSuite.ecdheECDSAWithAES128GCMSHA256, .ecdheECDSAWithAES256GCMSHA384])
    func gcmLayout(suite: DTLSCipherSuite) throws {
        let sealer = try protection(suite)
        let header = RecordHeader(contentType: 23, version: ProtocolVersion.dtls12, epoch: 1, sequenceNumber: 42, length: 0)
        var out: [UInt8] = []
        try sealer.seal(Array("attack at dawn".utf8), header: header, into: &out)
        #expect(Array(out.prefix(8)) == [0, 1, 0, 0, 0, 0, 0, 42])
        let nonce = Self.fixedIV(suite) + [0, 1, 0, 0, 0, 0, 0, 42] as [UInt8]
        let aad: [UInt8] = [0, 1, 0, 0, 0, 0, 0, 42, 23, 0xFE, 0xFD, 0, 14]
        let box = try AES.GCM.seal(Array("attack at dawn".utf8), using: SymmetricKey(data: [UInt8](repeating: 7, count: suite.keyLength)),
                                   nonce: AES.GCM.Nonce(data: nonce), authenticating: aad)
        #expect(Array(out.dropFirst(8)) == box.ciphertext + box.tag)
        #expect(sealer.open(out[...], header: header) == Array("attack at dawn".utf8))
    }

    @Test("ChaCha20-Poly1305 record: nonce is IV XOR epoch ‖ seq, nothing explicit (RFC 7905 §2)")
    func chachaLayout() throws {
        let suite = DTLSCipherSuite.ecdheECDSAWithChaCha20Poly1305SHA256
        let sealer = try protection(suite)
        let header = RecordHeader(contentType: 22, version: ProtocolVersion.dtls12, epoch: 1, sequenceNumber: 0x0102, length: 0)
        var out: [UInt8] = []
        try sealer.seal([0x14, 0, 0, 12], header: header, into: &out)
        #expect(out.count == 4 + 16)
        var nonce = Self.fixedIV(suite)
        for (i, byte) in ([0, 1, 0, 0, 0, 0, 1, 2] as [UInt8]).enumerated() { nonce[4 + i] ^= byte }
        let aad: [UInt8] = [0, 1, 0, 0, 0, 0, 1, 2, 22, 0xFE, 0xFD, 0, 4]
        let box = try ChaChaPoly.seal([0x14, 0, 0, 12], using: SymmetricKey(data: [UInt8](repeating: 7, count: 32)),
                                      nonce: ChaChaPoly.Nonce(data: nonce), authenticating: aad)
        #expect(out == box.ciphertext + box.tag)
    }

    @Test("tampered, truncated or misplaced records fail to open", arguments: DTLSCipherSuite.allCases)
    func forgeries(suite: DTLSCipherSuite) throws {
        let sealer = try protection(suite)
        let header = RecordHeader(contentType: 23, version: ProtocolVersion.dtls12, epoch: 1, sequenceNumber: 7, length: 0)
        var out: [UInt8] = []
        try sealer.seal([1, 2, 3, 4, 5], header: header, into: &out)
        for index in out.indices {
            var bad = out
            bad[index] ^= 0x80
            #expect(sealer.open(bad[...], header: header) == nil)
        }
        for cut in 0..<out.count { #expect(sealer.open(out.prefix(cut), header: header) == nil) }
        var empty: [UInt8] = []
        try sealer.seal([UInt8](), header: header, into: &empty)
        #expect(sealer.open(empty[...], header: header) == [])
        var moved = header
        moved.sequenceNumber = 8
        if suite == .ecdheECDSAWithChaCha20Poly1305SHA256 { #expect(sealer.open(out[...], header: moved) == nil) }
        moved = header
        moved.contentType = 22
        #expect(sealer.open(out[...], header: moved) == nil)
    }

    @Test("record layer: epoch-1 replay is dropped; forgeries are counted, never fatal")
    func recordLayerReplay() throws {
        let suite = DTLSCipherSuite.ecdheECDSAWithAES128GCMSHA256
        var sender = RecordLayer<BrookCryptoProvider>(), receiver = RecordLayer<BrookCryptoProvider>()
        sender.installKeys(suite: suite, write: try protection(suite), read: try protection(suite))
        receiver.installKeys(suite: suite, write: try protection(suite), read: try protection(suite))
        var datagram: [UInt8] = []
        try sender.appendRecord(type: .applicationData, epoch: 1, payload: [9, 9], into: &datagram)
        let (header, fragment) = RecordHeader.split(datagram: datagram[...])[0]
        guard case .plaintext(let text) = receiver.open(header: header, fragment: fragment) else {
            Issue.record("did not open")
            return
        }
        #expect(text == [9, 9])
        guard case .dropped = receiver.open(header: header, fragment: fragment) else { Issue.record("replay accepted"); return }
        var forged = Array(fragment)
        forged[forged.count - 1] ^= 1
        var next = header
        next.sequenceNumber += 1
        guard case .dropped = receiver.open(header: next, fragment: forged[...]) else { Issue.record("forgery accepted"); return }
        #expect(receiver.authenticationFailures == 1)
    }
}
