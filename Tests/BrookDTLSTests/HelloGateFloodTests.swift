import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// A flood from spoofed addresses against the gate (issue 4's `brook dtls server` requirement, issue
/// 7's ClientHello flood): first fragments of cookieless and forged-cookie hellos, whole cookieless
/// hellos, later fragments and garbage, thousands of them interleaved with one legitimate client
/// whose ClientHello is fragmented. The legitimate handshake completes, no spoofed address gets a
/// connection, and no answer is larger than what it answers. That the gate's heap stays flat is
/// measured by `MemoryFootprintTests` (a heap figure needs a process of its own).
@Suite struct HelloGateFloodTests {
    /// One address's worth of server: a gate in front of connections keyed by address, as the UDP
    /// adapter does it.
    struct Server {
        var gate = DTLSHelloGate(now: .zero, rng: SeededGenerator(seed: 77))
        var connections: [[UInt8]: DTLSConnection] = [:]
        var reported: [[UInt8]: Reported] = [:]
        var bytesIn = 0, bytesOut = 0, replies = 0

        /// Handles a datagram from `peer`; returns what goes back to it.
        mutating func receive(_ datagram: [UInt8], from peer: [UInt8], now: Instant, spoofed: Bool) -> [[UInt8]] {
            if connections[peer] != nil {
                connections[peer]!.handle(datagram: datagram, now: now)
                return drain(peer)
            }
            if spoofed { bytesIn += datagram.count }
            switch gate.judge(datagram: datagram, peerIdentity: peer, now: now) {
            case .drop: return []
            case .reply(let request):
                if spoofed { bytesOut += request.count; replies += 1 }
                return [request]
            case .admit(let first):
                var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
                configuration.cookieExchange = false
                connections[peer] = DTLSConnection(role: .server, configuration: configuration, peerIdentity: peer, now: now,
                                                   rng: SeededGenerator(seed: 78))
                connections[peer]!.handle(datagram: first, now: now)
                return drain(peer)
            }
        }

        mutating func drain(_ peer: [UInt8]) -> [[UInt8]] {
            var report = reported[peer] ?? Reported()
            let out = report.drain(&connections[peer]!)
            reported[peer] = report
            return out
        }
    }

    /// What a flood sends: `count` datagrams from as many spoofed addresses, of five kinds.
    static func flood(_ count: Int, seed: UInt64, chromium: [UInt8], cookieless: [UInt8]) -> [([UInt8], [UInt8])] {
        var rng = SeededGenerator(seed: seed)
        let firstHalf = BrowserClientHelloTests.datagrams(chromium, sequence: 0, recordSequence: 0)[1]
        let secondHalf = BrowserClientHelloTests.datagrams(chromium, sequence: 0, recordSequence: 0)[0]
        var forged = BrowserClientHelloTests.chromiumLikeHello(cookie: rng.bytes(32)).encode()
        forged[40] ^= 1
        let forgedFirst = BrowserClientHelloTests.datagrams(forged, sequence: 1, recordSequence: 3)[1]
        return (0..<count).map { index in
            let address: [UInt8] = [10, UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF), 0x13, 0x37]
            let datagram: [UInt8]
            switch index % 5 {
            case 0: datagram = firstHalf
            case 1: datagram = cookieless
            case 2: datagram = forgedFirst
            case 3: datagram = secondHalf
            default: datagram = rng.bytes(1 + rng.int(below: 300))
            }
            return (address, datagram)
        }
    }

    @Test("a fragmented ClientHello completes while 5,000 spoofed datagrams arrive interleaved")
    func legitimateClientThroughFlood() throws {
        // A client whose ClientHello spans two datagrams (the smallest MTU), like a browser's.
        var clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        clientConfiguration.maximumTransmissionUnit = 128
        var client = DTLSConnection(role: .client, configuration: clientConfiguration, now: .zero, rng: SeededGenerator(seed: 3))
        var clientReported = Reported()
        let legitimate: [UInt8] = [192, 0, 2, 1, 0x04, 0xD2]

        var chromiumProbe = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                           now: .zero, rng: SeededGenerator(seed: 4))
        var probeReported = Reported()
        let cookieless = probeReported.drain(&chromiumProbe)[0]
        let flood = Self.flood(5000, seed: 9, chromium: BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode(),
                               cookieless: cookieless)
        var server = Server()
        var next = flood.makeIterator()
        var toClient: [[UInt8]] = []
        var helloDatagrams = 0
        for round in 0..<200 {
            let now = Instant.zero + .milliseconds(round)
            let toServer = clientReported.drain(&client)
            if round < 3 { helloDatagrams += toServer.count }
            for datagram in toServer {
                for _ in 0..<400 { if let (peer, spoof) = next.next() { _ = server.receive(spoof, from: peer, now: now, spoofed: true) } }
                toClient += server.receive(datagram, from: legitimate, now: now, spoofed: false)
            }
            for datagram in toClient { client.handle(datagram: datagram, now: now) }
            toClient = []
            if clientReported.connected != nil && server.reported[legitimate]?.connected != nil { break }
            if toServer.isEmpty, let deadline = clientReported.deadline { client.handleTimeout(now: deadline) }
        }
        while let (peer, spoof) = next.next() { _ = server.receive(spoof, from: peer, now: .zero + .seconds(1), spoofed: true) }

        #expect(helloDatagrams >= 4, "both ClientHellos were fragmented")
        #expect(clientReported.connected != nil && server.reported[legitimate]?.connected != nil)
        #expect(server.connections.count == 1, "only the legitimate client holds state")
        #expect(server.replies == 3000, "one HelloVerifyRequest per cookieless or forged first fragment, nothing for the rest")
        #expect(server.bytesOut <= server.bytesIn, "no amplification: \(server.bytesOut) bytes out for \(server.bytesIn) in")
    }
}
