import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// The established phase on a simulated clock: the idle timeout, how long the server keeps its last
/// flight (RFC 6347 §4.2.4), keying material after a close (RFC 5705), and how a connection tells a
/// client's new handshake from a late copy of the old one (RFC 6347 §4.2.8).
@Suite struct EstablishedConnectionTests {
    static func at(_ seconds: Int) -> Instant { Instant.zero + .seconds(seconds) }

    static func connectedPump(serverIdle: Duration? = nil) -> Pump {
        var serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        serverConfiguration.cookieExchange = false
        serverConfiguration.idleTimeout = serverIdle
        var pump = Pump(clientConfiguration: Identity.configuration(Identity.client, expecting: Identity.server),
                        serverConfiguration: serverConfiguration)
        pump.run()
        return pump
    }

    @Test("idle timeout: authenticated records keep a connection open, forgeries do not, and traffic never moves the timer")
    func idleTimeout() throws {
        var pump = Self.connectedPump(serverIdle: .seconds(10))
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
        // The sooner of the idle check (10 s) and the last flight's expiry (240 s); the client has neither.
        #expect(pump.server.nextDeadline == Self.at(10))
        #expect(pump.client.nextDeadline == nil)

        var lastRecord: [UInt8] = []
        for second in [4, 8] {
            pump.now = Self.at(second)
            try pump.client.send([UInt8(second)])
            lastRecord = pump.clientReported.drain(&pump.client)[0]
            pump.server.handle(datagram: lastRecord, now: pump.now)
            _ = pump.serverReported.drain(&pump.server)
        }
        #expect(pump.serverReported.data == [[4], [8]])
        #expect(pump.server.nextDeadline == Self.at(10), "received records must not reschedule the timer")

        // An early call changes nothing; at 10 s the check finds 2 s of quiet and looks again at 18 s.
        pump.server.handleTimeout(now: Self.at(9))
        pump.server.handleTimeout(now: Self.at(10))
        #expect(pump.serverReported.drain(&pump.server).isEmpty && pump.serverReported.closed == nil)
        #expect(pump.server.nextDeadline == Self.at(18))

        // Neither a replayed record, nor one that fails authentication, nor epoch-0 garbage is a sign of life.
        var forged = lastRecord
        forged[10] &+= 100  // a sequence number the replay window has not seen, so the tag is checked
        for datagram in [lastRecord, forged, [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 9, 0, 1, 0]] {
            pump.server.handle(datagram: datagram, now: Self.at(15))
        }
        #expect(pump.server.authenticationFailures == 1)
        pump.server.handleTimeout(now: Self.at(18))
        let farewell = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.closed == .idleTimeout)
        #expect(farewell.count == 1 && pump.server.nextDeadline == nil)
        // The close_notify reaches the client, which closes too.
        for datagram in farewell { pump.client.handle(datagram: datagram, now: Self.at(18)) }
        _ = pump.clientReported.drain(&pump.client)
        #expect(pump.clientReported.closed == .peerClosed)
    }

    @Test("idle timeout of zero is refused by validation")
    func idleTimeoutValidation() {
        var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        configuration.idleTimeout = .zero
        #expect(throws: DTLSConfigurationError.invalidLimit("idleTimeout \(Duration.zero)")) { try configuration.validate() }
        configuration.idleTimeout = .milliseconds(1)
        #expect(throws: Never.self) { try configuration.validate() }
    }

    /// Runs a handshake in which flight 6 is held back, and returns the pump with the client's
    /// flight 5 sent twice more by its retransmission timer (copies not delivered) and flight 6.
    static func handshakeWithRepeatedFlight5() -> (pump: Pump, copies: [[[UInt8]]], flight6: [[UInt8]]) {
        var pump = Pump.serverAnsweredFlight5()
        let flight6 = pump.serverReported.drain(&pump.server)
        var copies: [[[UInt8]]] = []
        for milliseconds in [50, 150] {
            pump.client.handleTimeout(now: Instant.zero + .milliseconds(Int64(milliseconds)))
            copies.append(pump.clientReported.drain(&pump.client))
        }
        return (pump, copies, flight6)
    }


    @Test("the server answers a repeated flight 5 with flight 6 for 2 × MSL (240 s), then lets the flight go")
    func lastFlightRetention() {
        let (start, copies, flight6) = Self.handshakeWithRepeatedFlight5()
        var pump = start
        #expect(pump.serverReported.connected != nil && !flight6.isEmpty && copies.allSatisfy { !$0.isEmpty })
        #expect(pump.server.nextDeadline == Self.at(240))
        for datagram in copies[0] { pump.server.handle(datagram: datagram, now: Self.at(239)) }
        #expect(pump.serverReported.drain(&pump.server).count == flight6.count)

        pump.server.handleTimeout(now: Self.at(240))
        #expect(pump.server.nextDeadline == nil && pump.server.flight.isEmpty)
        for datagram in copies[1] { pump.server.handle(datagram: datagram, now: Self.at(241)) }
        #expect(pump.serverReported.drain(&pump.server).isEmpty)
        #expect(pump.server.isConnected)
    }

    @Test("the client's first application data releases the server's last flight at once")
    func lastFlightReleasedByData() throws {
        let (start, copies, flight6) = Self.handshakeWithRepeatedFlight5()
        var pump = start
        for datagram in flight6 { pump.client.handle(datagram: datagram, now: Self.at(1)) }
        _ = pump.clientReported.drain(&pump.client)
        #expect(pump.clientReported.connected != nil)
        try pump.client.send([42])
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: Self.at(2)) }
        #expect(pump.serverReported.drain(&pump.server).isEmpty && pump.serverReported.data == [[42]])
        #expect(pump.server.nextDeadline == nil && pump.server.flight.isEmpty)
        // A flight-5 copy still in the network gets no answer now.
        for datagram in copies[0] { pump.server.handle(datagram: datagram, now: Self.at(3)) }
        #expect(pump.serverReported.drain(&pump.server).isEmpty && pump.server.isConnected)
    }

    @Test("keying material can be exported after a close, and only from a connection that connected")
    func exportAfterClose() throws {
        var pump = Self.connectedPump()
        let label = SRTPKeyingMaterial.exporterLabel
        let before = try pump.server.exportKeyingMaterial(label: label, length: 60)
        #expect(try pump.client.exportKeyingMaterial(label: label, length: 60) == before)
        pump.server.close()
        pump.run()
        #expect(pump.serverReported.closed == .localClose && pump.clientReported.closed == .peerClosed)
        #expect(try pump.server.exportKeyingMaterial(label: label, length: 60) == before)
        #expect(try pump.client.exportKeyingMaterial(label: label, length: 60) == before)
        #expect(try pump.client.exportKeyingMaterial(label: label, context: [1], length: 60) != before)

        // A handshake that never completed has nothing to export, before or after it ends.
        var lonely = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                    now: .zero, rng: SeededGenerator(seed: 3))
        #expect(throws: DTLSError.notConnected) { try lonely.exportKeyingMaterial(label: label, length: 60) }
        lonely.handleTimeout(now: Self.at(3600))
        var reported = Reported()
        _ = reported.drain(&lonely)
        #expect(reported.closed == .handshakeTimeout)
        #expect(throws: DTLSError.notConnected) { try lonely.exportKeyingMaterial(label: label, length: 60) }
    }

    @Test("a new ClientHello from the client's address opens a new handshake, established or half-open; a late copy of the first does not")
    func newHandshakeDetection() throws {
        var serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        serverConfiguration.cookieExchange = false
        let clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration)
        let originalHello = pump.clientReported.drain(&pump.client)
        for datagram in originalHello { pump.server.handle(datagram: datagram, now: .zero) }
        let handshaking = DTLSConnection(role: .server, configuration: serverConfiguration, now: .zero,
                                         rng: SeededGenerator(seed: 4))
        pump.run()
        #expect(pump.serverReported.connected != nil)

        var rebooted = DTLSConnection(role: .client, configuration: clientConfiguration, now: .zero, rng: SeededGenerator(seed: 77))
        var rebootedReported = Reported()
        let newHello = try #require(rebootedReported.drain(&rebooted).first)
        #expect(pump.server.opensNewHandshake(newHello))
        #expect(!pump.server.opensNewHandshake(originalHello[0]))
        #expect(!pump.server.opensNewHandshake(newHello.prefix(40)))
        #expect(!pump.server.opensNewHandshake([UInt8](repeating: 22, count: 100)))
        #expect(!pump.client.opensNewHandshake(newHello), "only a server is asked")
        #expect(!handshaking.opensNewHandshake(newHello), "a server that has read no ClientHello has no handshake to replace")
        // A half-open handshake (flight 4 sent, flight 5 not yet come) is replaced the same way.
        var midway = DTLSConnection(role: .server, configuration: serverConfiguration, now: .zero, rng: SeededGenerator(seed: 5))
        midway.handle(datagram: originalHello[0], now: .zero)
        #expect(midway.pollOutput() != nil && !midway.isConnected)
        #expect(midway.opensNewHandshake(newHello) && !midway.opensNewHandshake(originalHello[0]))

        // The connection itself leaves it alone: no reply, still connected.
        pump.server.handle(datagram: newHello, now: Self.at(1))
        #expect(pump.serverReported.drain(&pump.server).isEmpty && pump.server.isConnected)
    }
}
