import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// Flight retransmission (RFC 6347 §4.2.4): timers, backoff, presets, lost HelloVerifyRequest,
/// a repeated peer flight, and the Sans-IO ordering rule (a due retransmission comes out of the
/// very next `pollOutput`).
@Suite struct RetransmissionTests {
    static func client(_ retransmission: DTLSRetransmission) -> DTLSConnection {
        var configuration = Identity.configuration(Identity.client, expecting: Identity.server)
        configuration.retransmission = retransmission
        return DTLSConnection(role: .client, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 1))
    }

    /// The deadlines a silent peer makes the client walk through, and how it ends.
    static func schedule(_ retransmission: DTLSRetransmission) -> (deadlines: [Duration], end: DTLSCloseReason?) {
        var connection = client(retransmission)
        var deadlines: [Duration] = []
        var end: DTLSCloseReason?
        var now = Instant.zero
        for _ in 0..<200 {
            var sawTransmit = false
            var next: Instant?
            while let output = connection.pollOutput() {
                switch output {
                case .transmit: sawTransmit = true
                case .timeout(let at): next = at
                case .event(.closed(let reason)): end = reason
                case .event: break
                }
            }
            if end != nil { break }
            guard let at = next else { break }
            #expect(sawTransmit || deadlines.isEmpty == false)
            deadlines.append(at - .zero)
            now = at
            connection.handleTimeout(now: now)
            // The retransmission is the very next output (or, at the handshake deadline, the close).
            switch connection.pollOutput() {
            case .transmit: break
            case .event(.closed(let reason)): end = reason
            case let other: Issue.record("a due retransmission must come out of the next pollOutput, got \(String(describing: other))")
            }
            if end != nil { break }
        }
        return (deadlines, end)
    }

    @Test("WebRTC preset: 50 ms, doubling to a 3 s cap, handshake timeout at 30 s")
    func webRTCPreset() {
        let (deadlines, end) = Self.schedule(.webRTC)
        let expectedStart: [Duration] = [.milliseconds(50), .milliseconds(150), .milliseconds(350), .milliseconds(750),
                                         .milliseconds(1550), .milliseconds(3150), .milliseconds(6150)]
        #expect(Array(deadlines.prefix(expectedStart.count)) == expectedStart)
        #expect(deadlines.last == .seconds(30))
        #expect(end == .handshakeTimeout)
    }

    @Test("RFC preset: 1 s, 2 s, 4 s … and the handshake gives up at 60 s")
    func rfcPreset() {
        let (deadlines, end) = Self.schedule(.rfc)
        #expect(Array(deadlines.prefix(5)) == [.seconds(1), .seconds(3), .seconds(7), .seconds(15), .seconds(31)])
        #expect(deadlines.last == .seconds(60))
        #expect(end == .handshakeTimeout)
    }

    @Test("WebRTC preset follows the caller's RTT: 2 × RTT clamped to 50–3000 ms")
    func rttDrivenTimeout() {
        for (rtt, expected) in [(Duration.milliseconds(100), Duration.milliseconds(200)),
                                (.milliseconds(5), .milliseconds(50)), (.seconds(4), .seconds(3))] {
            var connection = Self.client(.webRTC)
            connection.updateRoundTripTime(rtt)
            var reported = Reported()
            _ = reported.drain(&connection)
            connection.handleTimeout(now: Instant.zero + .milliseconds(50))
            _ = reported.drain(&connection)
            // The retransmitted flight keeps doubling; a new flight starts from 2 × RTT.
            #expect(reported.deadline == Instant.zero + .milliseconds(150))
            var fresh = Self.client(.webRTC)
            fresh.updateRoundTripTime(rtt)
            fresh.sendClientHello(now: .zero)
            #expect(fresh.nextDeadline == Instant.zero + expected)
        }
    }

    @Test("a lost HelloVerifyRequest: the client resends ClientHello seq 0 and the server answers again")
    func lostHelloVerifyRequest() {
        let clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        let serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        let lost = pump.serverReported.drain(&pump.server)
        #expect(lost.count == 1, "one HelloVerifyRequest, then nothing kept or scheduled")
        #expect(pump.server.nextDeadline == nil)
        pump.now = Instant.zero + .milliseconds(50)
        pump.client.handleTimeout(now: pump.now)
        // The resent ClientHello (seq 0 again, record 1) is answered again, statelessly; the answer
        // echoes its record sequence number (RFC 6347 §4.2.1), not a counter of the server's own.
        let resent = pump.clientReported.drain(&pump.client)
        #expect(resent.count == 1 && RecordHeader.split(datagram: resent[0][...]).map(\.header.sequenceNumber) == [1])
        for datagram in resent { pump.server.handle(datagram: datagram, now: pump.now) }
        let again = pump.serverReported.drain(&pump.server)
        #expect(again.count == 1 && RecordHeader.split(datagram: again[0][...]).map(\.header.sequenceNumber) == [1])
        #expect(Surgery.messages(again, firstSequence: 0).map(\.type) == [HandshakeType.helloVerifyRequest.rawValue])
        for datagram in again { pump.client.handle(datagram: datagram, now: pump.now) }
        pump.run()
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
    }

    @Test("a repeated client flight 5 makes the server send flight 6 again; nothing else does")
    func repeatedFinalFlight() {
        let clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        var serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        serverConfiguration.cookieExchange = false
        var pump = Pump(clientConfiguration: clientConfiguration, serverConfiguration: serverConfiguration)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        for datagram in pump.serverReported.drain(&pump.server) { pump.client.handle(datagram: datagram, now: .zero) }
        let flight5 = pump.clientReported.drain(&pump.client)
        for datagram in flight5 { pump.server.handle(datagram: datagram, now: .zero) }
        let flight6 = pump.serverReported.drain(&pump.server)
        #expect(pump.serverReported.connected != nil && !flight6.isEmpty)
        // Flight 6 is lost; the client's timer fires and flight 5 comes again.
        pump.client.handleTimeout(now: Instant.zero + .milliseconds(50))
        let again = pump.clientReported.drain(&pump.client)
        #expect(again.count == flight5.count)
        for datagram in again { pump.server.handle(datagram: datagram, now: Instant.zero + .milliseconds(51)) }
        let resent = pump.serverReported.drain(&pump.server)
        #expect(resent.count == flight6.count)
        for datagram in resent { pump.client.handle(datagram: datagram, now: Instant.zero + .milliseconds(52)) }
        _ = pump.clientReported.drain(&pump.client)
        #expect(pump.clientReported.connected != nil)
        // The client has no timer left; the server's is when its flight 6 may go (2 × MSL, RFC 6347 §4.2.4).
        #expect(pump.client.nextDeadline == nil && pump.server.nextDeadline == Instant.zero + .seconds(240))
    }
}

/// Data that overtakes the Finished it follows is held, not lost.
@Suite struct EarlyDataTests {
    @Test("server data arriving before the server's Finished is delivered after connecting")
    func dataBeforeFinished() throws {
        var pump = Pump.serverAnsweredFlight5()
        let flight6 = pump.serverReported.drain(&pump.server)
        try pump.server.send([7, 7])
        let data = pump.serverReported.drain(&pump.server)
        for datagram in data + flight6 { pump.client.handle(datagram: datagram, now: .zero) }
        _ = pump.clientReported.drain(&pump.client)
        #expect(pump.clientReported.connected != nil)
        #expect(pump.clientReported.data == [[7, 7]])
    }
}
