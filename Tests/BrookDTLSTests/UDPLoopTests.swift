import BrookTestSupport
import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import Testing

/// The UDP adapter on loopback: one server socket serving several clients at once, while another
/// address floods it with garbage and cookieless ClientHellos that must not create state; IPv6; and
/// the keying material of a connection the peer closes in the very datagram that completes it.
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
}
