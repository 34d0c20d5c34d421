import BrookDTLS
import BrookSansIO

/// Drives DTLS connections over one UDP socket with the real clock: a client with one peer, or a
/// server with many, keyed by remote address. A server creates a connection only for a ClientHello
/// whose cookie the `DTLSHelloGate` verified (when the configuration asks for the cookie exchange).
public final class DTLSUDPLoop {
    public enum Role {
        case client(peer: IPv4Endpoint)
        case server(maximumConnections: Int)
    }

    /// Something that happened on the connection with `peer`.
    public struct Event {
        public let peer: IPv4Endpoint
        public let event: DTLSEvent
    }

    public let socket: DatagramSocket
    private let role: Role
    private let configuration: DTLSConfiguration
    private var gate: DTLSHelloGate
    private var connections: [IPv4Endpoint: DTLSConnection] = [:]

    public init(socket: DatagramSocket, role: Role, configuration: DTLSConfiguration) {
        self.socket = socket
        self.role = role
        self.configuration = configuration
        let now = monotonicNow()
        gate = DTLSHelloGate(now: now)
        if case .client(let peer) = role {
            connections[peer] = DTLSConnection(role: .client, configuration: configuration, now: now)
        }
    }

    /// Connections held, handshaking or established.
    public var connectionCount: Int { connections.count }

    /// Peers whose handshake has completed.
    public var connectedPeers: [IPv4Endpoint] { connections.filter { $0.value.isConnected }.map(\.key) }

    /// Waits for one datagram, a timer or `watched` becoming readable (at most `maximumWait`), then
    /// processes whatever is due. Returns the events and whether `watched` is readable.
    public func step(maximumWait: Duration, watching watched: Int32? = nil) -> (events: [Event], watchedReadable: Bool) {
        var events = flush()
        var wait = maximumWait
        let now = monotonicNow()
        for connection in connections.values {
            if let deadline = connection.nextDeadline { wait = min(wait, max(.zero, deadline - now)) }
        }
        let (datagram, watchedReadable) = socket.wait(timeout: wait, watching: watched)
        let after = monotonicNow()
        if let (bytes, from) = datagram { receive(bytes, from: from, now: after) }
        for (peer, connection) in connections {
            if let deadline = connection.nextDeadline, deadline <= after {
                connections[peer]?.handleTimeout(now: after)
            }
        }
        events += flush()
        return (events, watchedReadable)
    }

    private func receive(_ bytes: [UInt8], from peer: IPv4Endpoint, now: Instant) {
        if connections[peer] != nil {
            connections[peer]?.handle(datagram: bytes, now: now)
            return
        }
        guard case .server(let maximum) = role, connections.count < maximum else { return }
        var serverConfiguration = configuration
        var first = bytes
        if configuration.cookieExchange {
            switch gate.judge(datagram: bytes, peerIdentity: peer.identity, now: now) {
            case .drop: return
            case .reply(let verifyRequest):
                socket.send(verifyRequest, to: peer)
                return
            case .admit(let hello):
                serverConfiguration.cookieExchange = false
                first = hello
            }
        }
        var connection = DTLSConnection(role: .server, configuration: serverConfiguration, peerIdentity: peer.identity, now: now)
        connection.handle(datagram: first, now: now)
        connections[peer] = connection
    }

    /// Sends every queued datagram and collects events; closed connections are forgotten.
    private func flush() -> [Event] {
        var events: [Event] = []
        for peer in Array(connections.keys) {
            guard var connection = connections.removeValue(forKey: peer) else { continue }
            var closed = false
            while let output = connection.pollOutput() {
                switch output {
                case .transmit(let datagram): socket.send(datagram, to: peer)
                case .timeout: break
                case .event(let event):
                    if case .closed = event { closed = true }
                    events.append(Event(peer: peer, event: event))
                }
            }
            if !closed { connections[peer] = connection }
        }
        return events
    }

    /// Sends application data to `peer`.
    public func send(_ data: [UInt8], to peer: IPv4Endpoint) throws(DTLSError) {
        guard connections[peer] != nil else { throw .notConnected }
        try connections[peer]!.send(data)
    }

    /// Closes the connection with `peer` (close_notify); its closed event comes from the next `step`.
    public func close(_ peer: IPv4Endpoint) {
        connections[peer]?.close()
    }

    /// RFC 5705 keying material of the connection with `peer`.
    public func exportKeyingMaterial(_ peer: IPv4Endpoint, label: String, length: Int) throws(DTLSError) -> [UInt8] {
        guard let connection = connections[peer] else { throw .notConnected }
        return try connection.exportKeyingMaterial(label: label, length: length)
    }
}
