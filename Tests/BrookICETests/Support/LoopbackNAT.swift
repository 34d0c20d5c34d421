import BrookSansIO
import BrookUDP
import Foundation

/// A one-client NAT on loopback, for server-reflexive discovery against a real STUN server: the
/// agent sends its Binding requests to `insideAddress`; the NAT forwards them to `server` from its
/// own port (`outsideAddress`), so the server sees — and reports in XOR-MAPPED-ADDRESS — the NAT's
/// address rather than the agent's; answers from the server go back to the agent from
/// `insideAddress`. One thread per direction, until `stop()`.
final class LoopbackNAT: @unchecked Sendable {
    let insideAddress: TransportAddress
    let outsideAddress: TransportAddress
    let server: TransportAddress
    private let inside: UDPSocket
    private let outside: UDPSocket
    private let lock = NSLock()
    private var stopped = false
    private var client: TransportAddress?
    private var counts = (out: 0, back: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(server: TransportAddress) throws {
        self.server = server
        inside = try UDPSocket(bind: TransportAddress(ip: server.ip, port: 0))
        outside = try UDPSocket(bind: TransportAddress(ip: server.ip, port: 0))
        insideAddress = inside.localAddress
        outsideAddress = outside.localAddress
        Thread { [self] in relay(from: inside, outbound: true) }.start()
        Thread { [self] in relay(from: outside, outbound: false) }.start()
    }

    /// Datagrams forwarded to the server, and back to the client.
    var forwarded: (out: Int, back: Int) { lock.withLock { counts } }

    private func relay(from socket: UDPSocket, outbound: Bool) {
        while !lock.withLock({ stopped }) {
            guard let (bytes, source) = try? socket.receive(timeout: .milliseconds(20)) else { continue }
            if outbound {
                lock.withLock { client = source; counts.out += 1 }
                try? outside.send(bytes, to: server)
            } else if source == server, let client = lock.withLock({ client }) {
                lock.withLock { counts.back += 1 }
                try? inside.send(bytes, to: client)
            }
        }
        finished.signal()
    }

    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
        finished.wait()
    }
}
