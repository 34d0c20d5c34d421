import BrookCrypto
import BrookTestSupport
import BrookDTLS
import BrookSansIO
import Synchronization
import Testing

/// Counts of the calls a provider saw.
final class CallCounts: Sendable {
    let seals = Atomic<Int>(0), opens = Atomic<Int>(0), keyShares = Atomic<Int>(0), agreements = Atomic<Int>(0)
    let signatures = Atomic<Int>(0), verifications = Atomic<Int>(0), macs = Atomic<Int>(0), randomBytes = Atomic<Int>(0)
    let prfs = Atomic<Int>(0), hashes = Atomic<Int>(0)

    func snapshot() -> [String: Int] {
        ["seal": seals.load(ordering: .relaxed), "open": opens.load(ordering: .relaxed),
         "keyShare": keyShares.load(ordering: .relaxed), "agreement": agreements.load(ordering: .relaxed),
         "sign": signatures.load(ordering: .relaxed), "verify": verifications.load(ordering: .relaxed),
         "mac": macs.load(ordering: .relaxed), "random": randomBytes.load(ordering: .relaxed),
         "prf": prfs.load(ordering: .relaxed), "hash": hashes.load(ordering: .relaxed)]
    }
}

/// A provider that counts every call it is asked for, then defers to BrookCrypto.
enum CountingProvider: DTLSCryptoProvider {
    static let counts = CallCounts()
    typealias Base = BrookCryptoProvider

    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> Base.RecordKey {
        try Base.prepareRecordKey(key, for: suite)
    }
    static func seal(_ key: Base.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool {
        counts.seals.add(1, ordering: .relaxed)
        return Base.seal(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
    static func open(_ key: Base.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool {
        counts.opens.add(1, ordering: .relaxed)
        return Base.open(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        counts.prfs.add(1, ordering: .relaxed)
        return Base.prf(sha384: sha384, secret: secret, label: label, seed: seed, count: count)
    }
    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8] {
        counts.hashes.add(1, ordering: .relaxed)
        return Base.hash(sha384: sha384, data)
    }
    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        counts.macs.add(1, ordering: .relaxed)
        return Base.authenticationCode(key: key, message: message)
    }
    static func generateKeyShare(for group: DTLSNamedGroup, using rng: inout some RandomNumberGenerator) -> Base.KeyShare {
        counts.keyShares.add(1, ordering: .relaxed)
        return Base.generateKeyShare(for: group, using: &rng)
    }
    static func publicKey(of share: Base.KeyShare) -> [UInt8] { Base.publicKey(of: share) }
    static func sharedSecret(_ share: Base.KeyShare, peerPublicKey: [UInt8]) throws(DTLSError) -> [UInt8] {
        counts.agreements.add(1, ordering: .relaxed)
        return try Base.sharedSecret(share, peerPublicKey: peerPublicKey)
    }
    static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey,
                     using rng: inout some RandomNumberGenerator) throws(DTLSError) -> [UInt8] {
        counts.signatures.add(1, ordering: .relaxed)
        return try Base.sign(message, with: key, using: &rng)
    }
    static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: P256.Signing.PublicKey) -> Bool {
        counts.verifications.add(1, ordering: .relaxed)
        return Base.isValidSignature(signature, for: message, publicKey: publicKey)
    }
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator) {
        counts.randomBytes.add(buffer.count, ordering: .relaxed)
        Base.fillRandom(buffer, using: &rng)
    }
}

/// Fault injection: a provider whose AEAD never authenticates, or whose signatures never verify.
enum FaultyProvider<Fault: FaultKind>: DTLSCryptoProvider {
    typealias Base = BrookCryptoProvider
    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> Base.RecordKey {
        try Base.prepareRecordKey(key, for: suite)
    }
    static func seal(_ key: Base.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool {
        Base.seal(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
    static func open(_ key: Base.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool {
        Fault.rejectsRecords ? false : Base.open(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }
    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        Base.prf(sha384: sha384, secret: secret, label: label, seed: seed, count: count)
    }
    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8] { Base.hash(sha384: sha384, data) }
    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] { Base.authenticationCode(key: key, message: message) }
    static func generateKeyShare(for group: DTLSNamedGroup, using rng: inout some RandomNumberGenerator) -> Base.KeyShare {
        Base.generateKeyShare(for: group, using: &rng)
    }
    static func publicKey(of share: Base.KeyShare) -> [UInt8] { Base.publicKey(of: share) }
    static func sharedSecret(_ share: Base.KeyShare, peerPublicKey: [UInt8]) throws(DTLSError) -> [UInt8] {
        try Base.sharedSecret(share, peerPublicKey: peerPublicKey)
    }
    static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey,
                     using rng: inout some RandomNumberGenerator) throws(DTLSError) -> [UInt8] {
        try Base.sign(message, with: key, using: &rng)
    }
    static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: P256.Signing.PublicKey) -> Bool {
        Fault.rejectsSignatures ? false : Base.isValidSignature(signature, for: message, publicKey: publicKey)
    }
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator) {
        Base.fillRandom(buffer, using: &rng)
    }
}

protocol FaultKind: Sendable {
    static var rejectsRecords: Bool { get }
    static var rejectsSignatures: Bool { get }
}
enum RejectRecords: FaultKind {
    static var rejectsRecords: Bool { true }
    static var rejectsSignatures: Bool { false }
}
enum RejectSignatures: FaultKind {
    static var rejectsRecords: Bool { false }
    static var rejectsSignatures: Bool { true }
}

/// The crypto provider seam (DESIGN.md): every cryptographic operation DTLS performs goes through
/// it, so tests can count or break each kind.
@Suite(.serialized) struct CryptoProviderTests {
    func endpoints<C: DTLSCryptoProvider>(_: C.Type, cookies: Bool = false) -> (DTLSEndpoint<C>, DTLSEndpoint<C>) {
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = cookies
        return (DTLSEndpoint<C>(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                now: .zero, rng: SeededGenerator(seed: 1)),
                DTLSEndpoint<C>(role: .server, configuration: server, now: .zero, rng: SeededGenerator(seed: 2)))
    }

    /// Moves datagrams both ways until quiet; returns (client closed, server closed, data at server).
    func pump<C>(_ client: inout DTLSEndpoint<C>, _ server: inout DTLSEndpoint<C>)
        -> (client: DTLSCloseReason?, server: DTLSCloseReason?, data: [[UInt8]])
    {
        var clientClosed: DTLSCloseReason?, serverClosed: DTLSCloseReason?
        var data: [[UInt8]] = []
        for _ in 0..<20 {
            var moved = false
            while let output = client.pollOutput() {
                if case .transmit(let datagram) = output { server.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.closed(let reason)) = output { clientClosed = reason }
            }
            while let output = server.pollOutput() {
                if case .transmit(let datagram) = output { client.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.applicationData(let bytes)) = output { data.append(bytes) }
                if case .event(.closed(let reason)) = output { serverClosed = reason }
            }
            if !moved { break }
        }
        return (clientClosed, serverClosed, data)
    }

    @Test("a counting provider sees every AEAD, ECDH, signature, cookie MAC and random byte of a handshake")
    func counting() throws {
        let before = CountingProvider.counts.snapshot()
        var (client, server) = endpoints(CountingProvider.self, cookies: true)
        _ = pump(&client, &server)
        #expect(client.isConnected && server.isConnected)
        let after = CountingProvider.counts.snapshot()
        let delta = after.merging(before) { $0 - $1 }
        // One ephemeral key and one agreement per side (RFC 8422 §5.4, §5.7); the server signs its
        // ServerKeyExchange and the client its CertificateVerify, each verified by the other.
        #expect(delta["keyShare"] == 2 && delta["agreement"] == 2)
        #expect(delta["sign"] == 2 && delta["verify"] == 2)
        // Cookie: minted for the first ClientHello, checked on the first fragment of the second and
        // again on the reassembled hello; a check tries the previous secret only when the current
        // one does not match.
        #expect(delta["mac"] == 3)
        // Randoms: client and server random (32 each) and two 32-byte cookie secrets (one draw).
        #expect(delta["random"] == 4 * 32)
        #expect(delta["seal"] == 2 && delta["open"] == 2, "the two Finished records")
        #expect((delta["prf"] ?? 0) >= 5 && (delta["hash"] ?? 0) >= 3)

        try client.send([1])
        try client.send([2])
        let (_, _, data) = pump(&client, &server)
        #expect(data == [[1], [2]])
        let afterData = CountingProvider.counts.snapshot()
        #expect(afterData["seal"]! - after["seal"]! == 2 && afterData["open"]! - after["open"]! == 2)
        #expect(afterData["keyShare"] == after["keyShare"] && afterData["sign"] == after["sign"], "no handshake crypto per record")
    }

    @Test("a provider that authenticates nothing: Finished never verifies, every record is counted as forged")
    func rejectingRecords() {
        var (client, server) = endpoints(FaultyProvider<RejectRecords>.self)
        _ = pump(&client, &server)
        #expect(!client.isConnected && !server.isConnected)
        #expect(server.authenticationFailures >= 1)
    }

    @Test("a provider whose signatures never verify: the client rejects the ServerKeyExchange with decrypt_error")
    func rejectingSignatures() {
        var (client, server) = endpoints(FaultyProvider<RejectSignatures>.self)
        let (clientClosed, serverClosed, _) = pump(&client, &server)
        #expect(clientClosed == .error(.decryptError("ServerKeyExchange signature does not verify")))
        #expect(serverClosed == .peerAlert(.decryptError))
    }
}
