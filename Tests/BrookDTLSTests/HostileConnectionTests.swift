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

    @Test("mutated copies of every handshake datagram never trap either side")
    func mutatedHandshake() {
        var rng = SeededGenerator(seed: 12)
        for round in 0..<40 {
            var pump = Self.pump(seed: UInt64(round))
            pump.transform = { datagram in
                var mutated = datagram
                for _ in 0..<1 + Int(rng.next() % 4) {
                    mutated[Int(rng.next() % UInt64(mutated.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
                return rng.next() % 3 == 0 ? [mutated] : [mutated, datagram]
            }
            pump.run(rounds: 60)
            // Either it completed or it ended with a typed reason; it never trapped.
            let client = pump.clientReported, server = pump.serverReported
            #expect((client.connected != nil && server.connected != nil) || client.closed != nil || server.closed != nil
                || client.deadline != nil || server.deadline != nil)
        }
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

    @Test("a ClientHello on an established connection is refused with a no_renegotiation warning (RFC 5746 §4.5)")
    func renegotiationRefused() throws {
        var pump = Self.pump()
        pump.run()
        var plaintext: [UInt8] = []
        HandshakeFragment(type: 1, length: 3, messageSequence: 9, offset: 0, body: [1, 2, 3][...]).encode(into: &plaintext)
        var datagram: [UInt8] = []
        try pump.client.records.appendRecord(type: .handshake, epoch: 1, payload: plaintext, into: &datagram)
        pump.server.handle(datagram: datagram, now: .zero)
        let answer = pump.serverReported.drain(&pump.server)
        #expect(answer.count == 1)
        pump.client.handle(datagram: answer[0], now: .zero)
        _ = pump.clientReported.drain(&pump.client)
        #expect(pump.clientReported.closed == nil && pump.server.isConnected)
        try pump.client.send([42])
        pump.run()
        #expect(pump.serverReported.data == [[42]])
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
