import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// Garbage, mutated records and misuse at the connection level: nothing traps, unauthenticated junk
/// never ends a handshake, and misuse gets a typed error.
@Suite struct HostileConnectionTests {
    static func pump(seed: UInt64 = 9) -> Pump {
        Pump(clientConfiguration: Identity.configuration(Identity.client, expecting: Identity.server),
             serverConfiguration: Identity.configuration(Identity.server, expecting: Identity.client), seed: seed)
    }

    @Test("random datagrams interleaved with a handshake are discarded; the handshake completes")
    func randomGarbage() {
        var pump = Self.pump()
        var rng = SeededGenerator(seed: 11)
        pump.transform = { datagram in
            var junk = rng.bytes(Int(rng.next() % 300))
            if !junk.isEmpty && rng.next() % 2 == 0 { junk[0] = 22 }  // looks like a handshake record
            return [junk, datagram, rng.bytes(13)]
        }
        pump.run(rounds: 100)
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
    }

    /// Runs `pump` to its end: exchanges until quiet, then fires the earliest timer, until both sides
    /// are connected or one has closed (a handshake times out, so this ends).
    static func runToEnd(_ pump: inout Pump) {
        for _ in 0..<400 {
            pump.run(rounds: 60)
            let client = pump.clientReported, server = pump.serverReported
            if client.closed != nil || server.closed != nil { return }
            if client.connected != nil && server.connected != nil { return }
            let deadlines = [client.deadline, server.deadline].compactMap { $0 }
            guard let next = deadlines.min() else { return }
            pump.now = max(pump.now, next)
            if client.deadline == next { pump.client.handleTimeout(now: pump.now) }
            if server.deadline == next { pump.server.handleTimeout(now: pump.now) }
        }
    }

    @Test("mutated copies of handshake datagrams: each run ends connected with matching keys, or closed with a typed reason")
    func mutatedHandshake() throws {
        var rng = SeededGenerator(seed: 12)
        var outcomes: [String: Int] = [:]
        for round in 0..<40 {
            var pump = Self.pump(seed: UInt64(round))
            // One datagram in three is mutated (1–4 bytes); a mutated copy replaces the original or
            // arrives just before it.
            pump.transform = { datagram in
                guard rng.next() % 3 == 0 else { return [datagram] }
                var mutated = datagram
                for _ in 0..<1 + Int(rng.next() % 4) {
                    mutated[Int(rng.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
                return rng.next() % 3 == 0 ? [mutated] : [mutated, datagram]
            }
            Self.runToEnd(&pump)
            let client = pump.clientReported, server = pump.serverReported
            // Nothing was sent as application data, so nothing may come out as such.
            #expect(client.data.isEmpty && server.data.isEmpty, "round \(round): application data out of nowhere")
            if client.connected != nil && server.connected != nil {
                outcomes["connected", default: 0] += 1
                // Both sides completed: the Finished exchange guarantees they hold the same keys.
                #expect(try pump.client.exportKeyingMaterial(label: "EXPERIMENTAL mutation", length: 32)
                    == pump.server.exportKeyingMaterial(label: "EXPERIMENTAL mutation", length: 32), "round \(round)")
                #expect(client.connected?.srtp?.localMasterKey == server.connected?.srtp?.remoteMasterKey)
                #expect(client.connected?.peerCertificate == Identity.server.certificate)
                #expect(server.connected?.peerCertificate == Identity.client.certificate)
            } else {
                // Otherwise it ended — no side left waiting without a timer — and said why.
                let reason = try #require(client.closed ?? server.closed, "round \(round): neither connected nor closed")
                outcomes["\(reason)".prefix(while: { $0 != "(" }).description, default: 0] += 1
                #expect(reason != .localClose, "round \(round)")
                for side in [client, server] where side.connected != nil {
                    // A side may complete while the other fails; it must be the genuine peer it completed with.
                    #expect(side.connected?.peerCertificate == Identity.server.certificate
                        || side.connected?.peerCertificate == Identity.client.certificate)
                }
            }
        }
        print("mutated handshakes, 40 runs: \(outcomes.sorted { $0.key < $1.key })")
        #expect((outcomes["connected"] ?? 0) > 0, "some runs complete despite the mutations")
    }

    @Test("misuse: send before connecting, export before connecting, data after close")
    func misuse() throws {
        var pump = Self.pump()
        #expect(throws: DTLSError.notConnected) { try pump.client.send([1]) }
        #expect(throws: DTLSError.notConnected) { try pump.client.exportKeyingMaterial(label: "x", length: 1) }
        pump.run()
        pump.server.close()
        pump.run()
        #expect(pump.clientReported.closed == .peerClosed)
        #expect(throws: DTLSError.notConnected) { try pump.client.send([1]) }
    }

    @Test("forged application-data records are counted and dropped, never fatal")
    func forgedRecords() throws {
        var pump = Self.pump()
        pump.run()
        try pump.client.send([1, 2, 3])
        var datagram = pump.clientReported.drain(&pump.client)[0]
        datagram[datagram.count - 1] ^= 1
        pump.server.handle(datagram: datagram, now: .zero)
        _ = pump.serverReported.drain(&pump.server)
        #expect(pump.server.authenticationFailures == 1 && pump.server.isConnected && pump.serverReported.data.isEmpty)
    }
}
