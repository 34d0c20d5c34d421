import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import BrookX509
import Testing

/// Peer verification by callback, and the caps on what a connection holds for its caller: queued
/// outputs, records of the next epoch that arrive before their keys, early application data.
@Suite struct PolicyAndLimitTests {
    @Test("peer verification by callback: it sees the peer's certificate; true accepts, false fails with bad_certificate")
    func callbackVerification() throws {
        var client = Identity.configuration(Identity.client, expecting: Identity.server)
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        let serverDER = Identity.server.certificate.derEncoded, clientDER = Identity.client.certificate.derEncoded
        client.peerVerification = .callback { $0.derEncoded == serverDER }
        server.peerVerification = .callback { $0.derEncoded == clientDER }
        var accepted = Pump(clientConfiguration: client, serverConfiguration: server)
        accepted.run()
        #expect(accepted.clientReported.connected?.peerCertificate == Identity.server.certificate)
        #expect(accepted.serverReported.connected?.peerCertificate == Identity.client.certificate)

        // The client refuses the server.
        client.peerVerification = .callback { _ in false }
        var refused = Pump(clientConfiguration: client, serverConfiguration: server)
        refused.run()
        #expect(refused.clientReported.closed == .error(.badCertificate("certificate refused by the verification callback")))
        #expect(refused.serverReported.closed == .peerAlert(.badCertificate))
        // The server refuses the client.
        client.peerVerification = .callback { $0.derEncoded == serverDER }
        server.peerVerification = .callback { $0.derEncoded == serverDER }
        var refusedByServer = Pump(clientConfiguration: client, serverConfiguration: server)
        refusedByServer.run()
        #expect(refusedByServer.serverReported.closed == .error(.badCertificate("certificate refused by the verification callback")))
        #expect(refusedByServer.clientReported.closed == .peerAlert(.badCertificate))
        #expect(refusedByServer.clientReported.connected == nil && refusedByServer.serverReported.connected == nil)
    }

    @Test("expected fingerprints of any algorithm: one that matches among several accepts; none matching refuses",
          arguments: CertificateFingerprint.Algorithm.allCases)
    func fingerprintAlgorithms(algorithm: CertificateFingerprint.Algorithm) throws {
        let serverPrint = CertificateFingerprint(certificate: Identity.server.certificate, algorithm: algorithm)
        let otherPrint = CertificateFingerprint(certificate: Identity.client.certificate, algorithm: algorithm)
        var client = Identity.configuration(Identity.client, expecting: Identity.server)
        client.peerVerification = .fingerprints([otherPrint, serverPrint])
        var accepted = Pump(clientConfiguration: client, serverConfiguration: Identity.configuration(Identity.server, expecting: Identity.client))
        accepted.run()
        #expect(accepted.clientReported.connected != nil && accepted.serverReported.connected != nil)
        // Whatever the expected algorithm, the reported fingerprint is the SHA-256 one.
        #expect(accepted.clientReported.connected?.peerFingerprint == CertificateFingerprint(certificate: Identity.server.certificate))

        client.peerVerification = .fingerprints([otherPrint])
        var refused = Pump(clientConfiguration: client, serverConfiguration: Identity.configuration(Identity.server, expecting: Identity.client))
        refused.run()
        #expect(refused.clientReported.closed == .error(.badCertificate("certificate fingerprint does not match")))
    }

    @Test("beyond maximumQueuedOutputs, received application data is dropped and counted until the caller polls")
    func queuedOutputCap() throws {
        let client = Identity.configuration(Identity.client, expecting: Identity.server)
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.maximumQueuedOutputs = 4
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        pump.run()
        for index in 0..<10 { try pump.client.send([UInt8(index)]) }
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.data == [[0], [1], [2], [3]])
        #expect(pump.server.droppedApplicationRecords == 6)
        try pump.client.send([99])
        pump.run()
        #expect(pump.serverReported.data.last == [99] && pump.server.droppedApplicationRecords == 6)
    }

    /// A server that has answered the ClientHello and waits for flight 5 (no epoch-1 keys yet).
    static func serverAwaitingFlight5(_ edit: (inout DTLSConfiguration) -> Void = { _ in }) -> (Pump, [[UInt8]]) {
        let client = Identity.configuration(Identity.client, expecting: Identity.server)
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = false
        edit(&server)
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        for datagram in pump.serverReported.drain(&pump.server) { pump.client.handle(datagram: datagram, now: .zero) }
        return (pump, pump.clientReported.drain(&pump.client))
    }

    @Test("epoch-1 records before their keys: at most maximumBufferedRecords and maximumBufferedRecordBytes are held")
    func futureEpochCaps() {
        let junk = { (index: Int, size: Int) in
            Surgery.record(contentType: 23, payload: [UInt8](repeating: UInt8(index), count: size), recordSequence: UInt64(index),
                           epoch: 1)
        }
        var (byCount, _) = Self.serverAwaitingFlight5()
        for index in 0..<40 { byCount.server.handle(datagram: junk(index, 40), now: .zero) }
        #expect(byCount.server.futureRecords.count == byCount.server.configuration.maximumBufferedRecords)

        var (byBytes, _) = Self.serverAwaitingFlight5 { $0.maximumBufferedRecordBytes = 1000 }
        for index in 0..<40 { byBytes.server.handle(datagram: junk(index, 300), now: .zero) }
        #expect(byBytes.server.futureRecords.count == 3 && byBytes.server.bufferedRecordBytes == 900)
    }

    @Test("a Finished that overtakes its flight is held and used; one that finds the buffer full is recovered by retransmission")
    func earlyFinished() throws {
        // Flight 5 delivered last record first: the Finished waits for the keys ClientKeyExchange brings.
        var (reordered, flight5) = Self.serverAwaitingFlight5()
        for record in flight5.flatMap(recordsOf).reversed() { reordered.server.handle(datagram: record, now: .zero) }
        reordered.run()
        #expect(reordered.serverReported.connected != nil && reordered.clientReported.connected != nil)

        // The same, but forged epoch-1 records filled the buffer first: the Finished is dropped, the
        // handshake waits, and the client's retransmission completes it.
        var (full, flight5b) = Self.serverAwaitingFlight5()
        for index in 0..<full.server.configuration.maximumBufferedRecords {
            full.server.handle(datagram: Surgery.record(contentType: 23, payload: [1, 2, 3], recordSequence: 1000 + UInt64(index),
                                                        epoch: 1), now: .zero)
        }
        for record in flight5b.flatMap(recordsOf).reversed() { full.server.handle(datagram: record, now: .zero) }
        _ = full.serverReported.drain(&full.server)
        #expect(full.serverReported.connected == nil && full.serverReported.closed == nil)
        #expect(full.server.authenticationFailures == full.server.configuration.maximumBufferedRecords, "the forgeries, once keys came")
        full.now = Instant.zero + .milliseconds(50)
        full.client.handleTimeout(now: full.now)
        full.run()
        #expect(full.serverReported.connected != nil && full.clientReported.connected != nil)
    }

    @Test("application data that overtakes the server's Finished is held up to the caps, then delivered after connected")
    func earlyApplicationDataCap() throws {
        let client = Identity.configuration(Identity.client, expecting: Identity.server)
        var clientConfiguration = client
        clientConfiguration.maximumBufferedRecords = 2
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = false
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: server)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        for datagram in pump.serverReported.drain(&pump.server) { pump.client.handle(datagram: datagram, now: .zero) }
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        let flight6 = pump.serverReported.drain(&pump.server)
        #expect(pump.server.isConnected)
        for index in 0..<5 { try pump.server.send([UInt8(index)]) }
        for datagram in pump.serverReported.drain(&pump.server) + flight6 { pump.client.handle(datagram: datagram, now: .zero) }
        _ = pump.clientReported.drain(&pump.client)
        #expect(pump.clientReported.connected != nil)
        #expect(pump.clientReported.data == [[0], [1]])
    }
}
