import BrookTestSupport
import BrookDTLS
import BrookSansIO
import Synchronization
import Testing

/// A provider that counts the record operations it is asked for, then defers to BrookCrypto.
enum CountingProvider: DTLSCryptoProvider {
    static let seals = Atomic<Int>(0)
    static let opens = Atomic<Int>(0)

    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> BrookCryptoProvider.RecordKey {
        try BrookCryptoProvider.prepareRecordKey(key, for: suite)
    }

    static func seal(_ key: BrookCryptoProvider.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool {
        seals.add(1, ordering: .relaxed)
        return BrookCryptoProvider.seal(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }

    static func open(_ key: BrookCryptoProvider.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool {
        opens.add(1, ordering: .relaxed)
        return BrookCryptoProvider.open(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }

    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        BrookCryptoProvider.prf(sha384: sha384, secret: secret, label: label, seed: seed, count: count)
    }

    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8] { BrookCryptoProvider.hash(sha384: sha384, data) }
}

/// A provider whose AEAD never authenticates anything: fault injection on the record path.
enum RejectingProvider: DTLSCryptoProvider {
    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> BrookCryptoProvider.RecordKey {
        try BrookCryptoProvider.prepareRecordKey(key, for: suite)
    }

    static func seal(_ key: BrookCryptoProvider.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool {
        BrookCryptoProvider.seal(key, inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
    }

    static func open(_ key: BrookCryptoProvider.RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool { false }

    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        BrookCryptoProvider.prf(sha384: sha384, secret: secret, label: label, seed: seed, count: count)
    }

    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8] { BrookCryptoProvider.hash(sha384: sha384, data) }
}

/// The crypto provider seam (DESIGN.md): other providers plug in, and tests count or break calls.
@Suite struct CryptoProviderTests {
    func endpoints<C: DTLSCryptoProvider>(_: C.Type) -> (DTLSEndpoint<C>, DTLSEndpoint<C>) {
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = false
        return (DTLSEndpoint<C>(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                now: .zero, rng: SeededGenerator(seed: 1)),
                DTLSEndpoint<C>(role: .server, configuration: server, now: .zero, rng: SeededGenerator(seed: 2)))
    }

    /// Moves datagrams both ways until quiet; returns (client connected, server connected, data at server).
    func pump<C>(_ client: inout DTLSEndpoint<C>, _ server: inout DTLSEndpoint<C>) -> (Bool, Bool, [[UInt8]]) {
        var clientConnected = false, serverConnected = false
        var data: [[UInt8]] = []
        for _ in 0..<20 {
            var moved = false
            while let output = client.pollOutput() {
                if case .transmit(let datagram) = output { server.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.connected) = output { clientConnected = true }
            }
            while let output = server.pollOutput() {
                if case .transmit(let datagram) = output { client.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.connected) = output { serverConnected = true }
                if case .event(.applicationData(let bytes)) = output { data.append(bytes) }
            }
            if !moved { break }
        }
        return (clientConnected, serverConnected, data)
    }

    @Test("a counting provider sees every record seal and open")
    func counting() throws {
        var (client, server) = endpoints(CountingProvider.self)
        var (clientUp, serverUp, _) = pump(&client, &server)
        #expect(clientUp && serverUp)
        let seals = CountingProvider.seals.load(ordering: .relaxed)
        #expect(seals >= 2, "two Finished records")
        try client.send([1])
        try client.send([2])
        var data: [[UInt8]]
        (clientUp, serverUp, data) = pump(&client, &server)
        #expect(data == [[1], [2]])
        #expect(CountingProvider.seals.load(ordering: .relaxed) >= seals + 2)
        #expect(CountingProvider.opens.load(ordering: .relaxed) >= 4)
    }

    @Test("a provider that authenticates nothing: Finished never verifies, every record is counted as forged")
    func rejecting() {
        var (client, server) = endpoints(RejectingProvider.self)
        let (clientUp, serverUp, _) = pump(&client, &server)
        #expect(!clientUp && !serverUp)
        #expect(server.authenticationFailures >= 1)
    }
}
