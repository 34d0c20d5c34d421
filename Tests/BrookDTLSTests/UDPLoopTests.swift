import BrookTestSupport
import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import Testing

/// The UDP adapter on 127.0.0.1: one server socket serving several clients at once, while another
/// address floods it with garbage and cookieless ClientHellos that must not create state.
@Suite struct UDPLoopTests {
    @Test("three clients and a flooder against one server socket")
    func manyClients() throws {
        let serverSocket = try DatagramSocket(bind: IPv4Endpoint("127.0.0.1:0")!)
        let serverAddress = serverSocket.localEndpoint
        let server = DTLSUDPLoop(socket: serverSocket, role: .server(maximumConnections: 8),
                                 configuration: Identity.configuration(Identity.server, expecting: Identity.client))
        let clients = try (0..<3).map { _ in
            DTLSUDPLoop(socket: try DatagramSocket(bind: IPv4Endpoint("127.0.0.1:0")!), role: .client(peer: serverAddress),
                        configuration: Identity.configuration(Identity.client, expecting: Identity.server))
        }
        let flooder = try DatagramSocket(bind: IPv4Endpoint("127.0.0.1:0")!)
        var flood = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                   now: .zero, rng: SeededGenerator(seed: 99))
        guard case .transmit(let cookielessHello) = flood.pollOutput() else { Issue.record("no hello"); return }
        var rng = SeededGenerator(seed: 5)

        var connected = Set<Int>()
        var serverData: [[UInt8]] = []
        let end = monotonicNow() + .seconds(20)
        var sent = false
        while monotonicNow() < end && (connected.count < 3 || serverData.count < 3) {
            flooder.send(rng.bytes(Int(rng.next() % 200)), to: serverAddress)
            flooder.send(cookielessHello, to: serverAddress)
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
        // Only the three real clients hold state on the server.
        #expect(server.connectedPeers.count == 3 && server.connectionCount == 3)
    }
}
