import BrookTestSupport
import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import Testing

/// The UDP adapter on loopback: one server socket serving several clients at once, while another
/// address floods it with garbage and cookieless ClientHellos that must not create state; IPv6; the
/// keying material of a connection the peer closes in the very datagram that completes it; and a
/// client that comes back from the same address after losing its state (RFC 6347 §4.2.8).
@Suite struct UDPLoopTests {
    static let loopbackV4 = TransportAddress(ip: .loopbackV4, port: 0)
    static let loopbackV6 = TransportAddress(ip: .loopbackV6, port: 0)

    @Test("three clients and a flooder against one server socket", arguments: [loopbackV4, loopbackV6])
    func manyClients(bind: TransportAddress) throws {
        let server = try DTLSUDPLoop(bind: bind, role: .server(maximumConnections: 8),
                                     configuration: Identity.configuration(Identity.server, expecting: Identity.client))
        let serverAddress = server.localAddress
        let clients = try (0..<3).map { _ in
            try DTLSUDPLoop(bind: bind, role: .client(peer: serverAddress),
                            configuration: Identity.configuration(Identity.client, expecting: Identity.server))
        }
        // The flooder: a client loop whose socket we borrow to send raw datagrams.
        let flooder = try DTLSUDPLoop(bind: bind, role: .client(peer: TransportAddress(ip: bind.ip, port: 9)),
                                      configuration: Identity.configuration(Identity.client, expecting: Identity.server))
        var flood = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                   now: .zero, rng: SeededGenerator(seed: 99))
        guard case .transmit(let cookielessHello) = flood.pollOutput() else { Issue.record("no hello"); return }
        var rng = SeededGenerator(seed: 5)

        var connected = Set<Int>()
        var serverData: [[UInt8]] = []
        let end = monotonicNow() + .seconds(20)
        var sent = false
        var floodDatagrams = 0
        while monotonicNow() < end && (connected.count < 3 || serverData.count < 3) {
            try flooder.socket.send(rng.bytes(Int(rng.next() % 200)), to: serverAddress)
            try flooder.socket.send(cookielessHello, to: serverAddress)
            floodDatagrams += 2
            for (index, client) in clients.enumerated() {
                for item in client.step(maximumWait: .milliseconds(1)).events {
                    if case .connected = item.event { connected.insert(index) }
                }
            }
            for item in server.step(maximumWait: .milliseconds(1)).events {
                if case .applicationData(let bytes) = item.event { serverData.append(bytes) }
            }
            if connected.count == 3 && !sent {
                for (index, client) in clients.enumerated() { try client.send([UInt8(index)], to: serverAddress) }
                sent = true
            }
        }
        #expect(connected.count == 3)
        #expect(Set(serverData) == [[0], [1], [2]])
        // Only the three real clients hold state on the server; the flood cost HelloVerifyRequests
        // no larger than the ClientHellos they answered (RFC 6347 §4.2.1).
        #expect(server.connectedPeers.count == 3 && server.connectionCount == 3)
        let stats = server.statistics
        #expect(stats.connectionsCreated == 3 && stats.amplifyingReplies == 0, "\(stats)")
        #expect(stats.helloVerifyRequests >= 3 && stats.droppedByGate > 0, "\(stats)")
        #expect(stats.helloVerifyRequestBytes <= stats.answeredHelloBytes && stats.bytesSent <= stats.bytesReceived, "\(stats)")
        #expect(stats.datagramsReceived <= floodDatagrams + 100)
    }

    /// A peer that completes the handshake and sends close_notify in the same datagram (as a server
    /// closing at once does): the loop still reports the keying material, taken as the Finished
    /// that completed the handshake was handled, before the close_notify behind it.
    @Test("keying material of a connection closed in the datagram that completes it")
    func closedInTheCompletingDatagram() throws {
        let serverSocket = try UDPSocket()
        var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        configuration.cookieExchange = false
        var server = DTLSConnection(role: .server, configuration: configuration, now: monotonicNow())
        let client = try DTLSUDPLoop(bind: Self.loopbackV4, role: .client(peer: TransportAddress(ip: .loopbackV4, port: serverSocket.port)),
                                     configuration: Identity.configuration(Identity.client, expecting: Identity.server))
        client.keyingMaterialExport = .init(label: SRTPKeyingMaterial.exporterLabel) { $0.srtp!.profile.keyingMaterialLength }
        var serverMaterial: [UInt8]?
        var clientEvents: [DTLSUDPLoop.Event] = []
        let end = monotonicNow() + .seconds(20)
        while monotonicNow() < end && !clientEvents.contains(where: { if case .closed = $0.event { true } else { false } }) {
            clientEvents += client.step(maximumWait: .milliseconds(5)).events
            guard let (bytes, from) = serverSocket.receive(timeoutMilliseconds: 5) else { continue }
            server.handle(datagram: bytes, now: monotonicNow())
            var datagram: [UInt8] = []
            while let output = server.pollOutput() {
                switch output {
                case .transmit(let bytes): datagram += bytes
                case .event(.connected):
                    serverMaterial = try server.exportKeyingMaterial(label: SRTPKeyingMaterial.exporterLabel,
                                                                     length: server.negotiatedParameters!.srtp!.profile.keyingMaterialLength)
                    server.close()  // its close_notify joins the Finished flight in one datagram
                default: break
                }
            }
            if !datagram.isEmpty { serverSocket.send(datagram, to: from) }
        }
        let connected = try #require(clientEvents.first { if case .connected = $0.event { true } else { false } })
        #expect(serverMaterial != nil && connected.keyingMaterial == serverMaterial)
        #expect(clientEvents.contains { if case .closed(.peerClosed) = $0.event { true } else { false } })
        #expect(client.connectionCount == 0)
    }

    /// Steps `loops` until `done` holds for the events collected from them (or 20 s pass).
    static func step(_ loops: [DTLSUDPLoop], until done: ([[DTLSUDPLoop.Event]]) -> Bool) -> [[DTLSUDPLoop.Event]] {
        var events = Array(repeating: [DTLSUDPLoop.Event](), count: loops.count)
        let end = monotonicNow() + .seconds(20)
        while monotonicNow() < end && !done(events) {
            for (index, loop) in loops.enumerated() { events[index] += loop.step(maximumWait: .milliseconds(2)).events }
        }
        return events
    }

    static func isConnected(_ item: DTLSUDPLoop.Event) -> Bool { if case .connected = item.event { true } else { false } }

    /// The client's state is lost (its loop is gone); from its address, a cookieless ClientHello only
    /// earns a HelloVerifyRequest — even with the server's cookie exchange off — and leaves the old
    /// association up; the rebooted client's whole handshake then replaces it.
    @Test("a client restarting from the same address replaces its old connection once its cookie verifies",
          arguments: [true, false])
    func restartFromSameAddress(cookieExchange: Bool) throws {
        var serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        serverConfiguration.cookieExchange = cookieExchange
        let server = try DTLSUDPLoop(bind: Self.loopbackV4, role: .server(maximumConnections: 4), configuration: serverConfiguration)
        let clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        var first: DTLSUDPLoop? = try DTLSUDPLoop(bind: Self.loopbackV4, role: .client(peer: server.localAddress),
                                                  configuration: clientConfiguration)
        let clientAddress = first!.localAddress
        let before = Self.step([first!, server]) { $0[0].contains(where: Self.isConnected) && $0[1].contains(where: Self.isConnected) }
        #expect(before[1].contains(where: Self.isConnected) && server.connectedPeers == [clientAddress])
        first = nil  // the client's state is gone; its address is free again

        // The rebooted client's loop, not stepped yet: first its socket carries a lone cookieless ClientHello.
        let second = try DTLSUDPLoop(bind: clientAddress, role: .client(peer: server.localAddress), configuration: clientConfiguration)
        let raw = second.socket
        var rebooted = DTLSConnection(role: .client, configuration: clientConfiguration, now: .zero, rng: SeededGenerator(seed: 50))
        guard case .transmit(let cookielessHello) = rebooted.pollOutput() else { Issue.record("no hello"); return }
        try raw.send(cookielessHello, to: server.localAddress)
        var reply: [UInt8]?
        let end = monotonicNow() + .seconds(10)
        while reply == nil && monotonicNow() < end {
            #expect(server.step(maximumWait: .milliseconds(2)).events.isEmpty)
            reply = (try raw.receive(timeout: .milliseconds(2)))?.bytes
        }
        #expect(reply.map { $0.count > 25 && $0[0] == 22 && $0[13] == 3 } == true, "a HelloVerifyRequest")
        #expect(server.connectedPeers == [clientAddress] && server.statistics.restarts == 0)

        let after = Self.step([second, server]) { $0[0].contains(where: Self.isConnected) && $0[1].contains(where: Self.isConnected) }
        #expect(after[0].contains(where: Self.isConnected))
        #expect(after[1].contains { if case .closed(.peerRestarted) = $0.event { $0.peer == clientAddress } else { false } })
        #expect(after[1].contains(where: Self.isConnected))
        #expect(server.connectedPeers == [clientAddress] && server.connectionCount == 1)
        #expect(server.statistics.restarts == 1 && server.statistics.connectionsCreated == 2)

        try second.send([9], to: server.localAddress)
        let data = Self.step([second, server]) { $0[1].contains { if case .applicationData = $0.event { true } else { false } } }
        #expect(data[1].contains { if case .applicationData([9]) = $0.event { true } else { false } })
    }
}
