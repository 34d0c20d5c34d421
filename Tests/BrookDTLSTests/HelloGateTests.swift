import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// The stateless front door of a many-client server (RFC 6347 §4.2.1): a HelloVerifyRequest for
/// every cookieless first fragment, admission for a verified one, nothing kept in between.
@Suite struct HelloGateTests {
    static let address: [UInt8] = [127, 0, 0, 1, 0x30, 0x39]

    static func serverConfiguration() -> DTLSConfiguration {
        var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        configuration.cookieExchange = false  // the gate did it
        return configuration
    }

    @Test("the gate answers a cookieless ClientHello, admits the cookie-bearing one, drops garbage")
    func gate() throws {
        var gate = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 4))
        var client = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                    now: .zero, rng: SeededGenerator(seed: 8))
        var clientReported = Reported()
        #expect(gate.judge(datagram: [1, 2, 3], peerIdentity: Self.address, now: .zero) == .drop)
        let hello = clientReported.drain(&client)
        guard case .reply(let verify) = gate.judge(datagram: hello[0], peerIdentity: Self.address, now: .zero) else {
            Issue.record("no HelloVerifyRequest")
            return
        }
        #expect(verify.count <= hello[0].count)
        // The same hello from another address gets another cookie, never admission.
        if case .admit = gate.judge(datagram: hello[0], peerIdentity: [10, 0, 0, 1, 0, 1], now: .zero) {
            Issue.record("a cookieless hello admitted")
        }
        client.handle(datagram: verify, now: .zero)
        let second = clientReported.drain(&client)
        #expect(gate.judge(datagram: second[0], peerIdentity: Self.address, now: .zero) == .admit(second[0]))
        if case .admit = gate.judge(datagram: second[0], peerIdentity: [10, 0, 0, 2, 0, 1], now: .zero) {
            Issue.record("a cookie made for one address admitted another")
        }
        var server = DTLSConnection(role: .server, configuration: Self.serverConfiguration(), peerIdentity: Self.address,
                                    now: .zero, rng: SeededGenerator(seed: 9))
        var serverReported = Reported()
        server.handle(datagram: second[0], now: .zero)
        var toClient = serverReported.drain(&server)
        for _ in 0..<10 where !toClient.isEmpty {
            for datagram in toClient { client.handle(datagram: datagram, now: .zero) }
            for datagram in clientReported.drain(&client) { server.handle(datagram: datagram, now: .zero) }
            toClient = serverReported.drain(&server)
        }
        #expect(clientReported.connected != nil && serverReported.connected != nil)
    }

    @Test("Chromium's two-datagram ClientHello: answered and admitted from its first fragment, reassembled by the connection")
    func fragmentedHello() throws {
        var gate = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 5))
        let first = BrowserClientHelloTests.datagrams(BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode(),
                                                      sequence: 0, recordSequence: 0)
        // The datagrams come second half first: that half is dropped, the first half answered.
        #expect(gate.judge(datagram: first[0], peerIdentity: Self.address, now: .zero) == .drop)
        guard case .reply(let verify) = gate.judge(datagram: first[1], peerIdentity: Self.address, now: .zero) else {
            Issue.record("no HelloVerifyRequest for the first fragment")
            return
        }
        let messages = try BrowserClientHelloTests.handshakeMessages([verify], firstSequence: 0)
        let cookie = try HelloVerifyRequest(body: try #require(messages.first).body).cookie
        let second = BrowserClientHelloTests.datagrams(BrowserClientHelloTests.chromiumLikeHello(cookie: cookie).encode(),
                                                       sequence: 1, recordSequence: 2)
        #expect(gate.judge(datagram: second[0], peerIdentity: Self.address, now: .zero) == .drop)
        #expect(gate.judge(datagram: second[1], peerIdentity: Self.address, now: .zero) == .admit(second[1]))
        var server = DTLSConnection(role: .server, configuration: Self.serverConfiguration(), peerIdentity: Self.address,
                                    now: .zero, rng: SeededGenerator(seed: 9))
        var reported = Reported()
        server.handle(datagram: second[1], now: .zero)
        #expect(reported.drain(&server).isEmpty, "half a ClientHello: nothing decided yet")
        #expect(reported.deadline != nil, "a half-open hello is timed out, not kept forever")
        // A spoofed ClientHello of another message_seq cannot replace the admitted one.
        let spoofed = BrowserClientHelloTests.datagrams(BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode(),
                                                        sequence: 2, recordSequence: 9)
        for datagram in spoofed { server.handle(datagram: datagram, now: .zero) }
        // The second half (the client's retransmission of it) completes the hello.
        server.handle(datagram: second[0], now: .zero)
        let flight = try BrowserClientHelloTests.handshakeMessages(reported.drain(&server), firstSequence: 1)
        #expect(flight.map(\.type) == [2, 11, 12, 13, 14])
    }

    @Test("cookie secrets rotate: a cookie verifies after one rotation, not after two (nor after two idle periods)")
    func cookieRotation() throws {
        var client = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                    now: .zero, rng: SeededGenerator(seed: 8))
        var reported = Reported()
        let hello = reported.drain(&client)[0]
        let rotation = DTLSHelloGate.cookieRotation
        var minted = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 6))
        guard case .reply(let verify) = minted.judge(datagram: hello, peerIdentity: Self.address, now: .zero) else {
            Issue.record("no HelloVerifyRequest")
            return
        }
        client.handle(datagram: verify, now: .zero)
        let second = reported.drain(&client)[0]
        let garbage: [UInt8] = [0]
        func verdict(_ times: [Duration]) -> DTLSHelloGate.Decision {
            var gate = minted
            for time in times.dropLast() { _ = gate.judge(datagram: garbage, peerIdentity: Self.address, now: .zero + time) }
            return gate.judge(datagram: second, peerIdentity: Self.address, now: .zero + times.last!)
        }
        #expect(verdict([rotation - .milliseconds(1)]) == .admit(second), "same secret")
        #expect(verdict([rotation]) == .admit(second), "after one rotation the previous secret still verifies")
        #expect(verdict([rotation + .seconds(59)]) == .admit(second))
        if case .admit = verdict([rotation, rotation * 2]) { Issue.record("a cookie two rotations old verified") }
        if case .admit = verdict([rotation * 2 + .seconds(1)]) { Issue.record("a cookie two idle periods old verified") }
        // A cookie minted after the first rotation lives through the second.
        var later = minted
        _ = later.judge(datagram: garbage, peerIdentity: Self.address, now: .zero + rotation)
        guard case .reply(let fresh) = later.judge(datagram: hello, peerIdentity: Self.address, now: .zero + rotation) else {
            Issue.record("no HelloVerifyRequest")
            return
        }
        #expect(fresh != verify, "a new secret makes new cookies")
        var retry = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                   now: .zero, rng: SeededGenerator(seed: 8))
        _ = reported.drain(&retry)
        retry.handle(datagram: fresh, now: .zero)
        let third = reported.drain(&retry)[0]
        #expect(later.judge(datagram: third, peerIdentity: Self.address, now: .zero + rotation * 2) == .admit(third))
    }

    @Test("the gate's randomness is injected: the same seed gives the same cookies, another seed others")
    func injectedRandomness() {
        var client = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                    now: .zero, rng: SeededGenerator(seed: 8))
        var reported = Reported()
        let hello = reported.drain(&client)[0]
        var a = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 1))
        var b = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 1))
        var c = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 2))
        let answers = [a.judge(datagram: hello, peerIdentity: Self.address, now: .zero),
                       b.judge(datagram: hello, peerIdentity: Self.address, now: .zero),
                       c.judge(datagram: hello, peerIdentity: Self.address, now: .zero)]
        #expect(answers[0] == answers[1] && answers[0] != answers[2])
    }
}
