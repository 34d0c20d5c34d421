import BrookDTLS
import BrookSansIO
import BrookUDP
import Glibc

/// Drives DTLS connections over one UDP socket (IPv4 or IPv6) with the real clock: a client with
/// one peer, or a server with many, keyed by remote address. A server creates a connection only for
/// a ClientHello whose cookie the `DTLSHelloGate` verified (when the configuration asks for the
/// cookie exchange), so cookieless floods cost one stateless HelloVerifyRequest each and no memory.
///
/// Each `step` waits once, then drains every datagram already queued on the socket (up to
/// `maximumDatagramsPerStep`), sending each connection's output as soon as the datagram that caused
/// it is handled; timers come from a deadline heap. A step costs what it touched, not what is held.
///
/// A new ClientHello from the address of a connection that is established or past its ClientHello
/// (a client that lost its state, RFC 6347 §4.2.8) goes through the cookie gate, even when the
/// configuration skips the exchange (clients must always be ready for one, §5); once a cookie
/// verifies, the old connection is abandoned (`.closed(.peerRestarted)`) and a new handshake
/// begins. A forged ClientHello therefore never ends an association. Set
/// `DTLSConfiguration.idleTimeout` to drop established peers that go quiet.
public final class DTLSUDPLoop {
    public enum Role {
        case client(peer: TransportAddress)
        case server(maximumConnections: Int)
    }

    /// Something that happened on the connection with `peer`.
    public struct Event {
        public let peer: TransportAddress
        public let event: DTLSEvent
        /// With `.connected`, when `keyingMaterialExport` is set: the RFC 5705 export.
        public let keyingMaterial: [UInt8]?
    }

    /// What to export (RFC 5705) from each connection as its handshake completes.
    public struct KeyingMaterialExport: Sendable {
        public var label: String
        public var length: @Sendable (DTLSNegotiated) -> Int

        public init(label: String, length: @escaping @Sendable (DTLSNegotiated) -> Int) {
            self.label = label
            self.length = length
        }
    }

    public let socket: UDPSocket
    public var localAddress: TransportAddress { socket.localAddress }
    public var keyingMaterialExport: KeyingMaterialExport?
    /// Datagrams handled per `step` at most, so timers and the watched descriptor are served under load.
    public var maximumDatagramsPerStep = 256
    public private(set) var statistics = DTLSUDPStatistics()

    private let role: Role
    private let configuration: DTLSConfiguration
    private var gate: DTLSHelloGate
    private var table = ConnectionTable()
    private var connected: Set<TransportAddress> = []
    /// Events of the loop's own making (a connection abandoned for a restart), reported by the next flush.
    private var loopEvents: [Event] = []

    public init(socket: UDPSocket, role: Role, configuration: DTLSConfiguration) {
        self.socket = socket
        self.role = role
        self.configuration = configuration
        let now = monotonicNow()
        gate = DTLSHelloGate(now: now)
        switch role {
        case .client(let peer):
            _ = table.insert(DTLSConnection(role: .client, configuration: configuration, now: now), peer: peer)
            statistics.connectionsCreated = 1
        case .server:
            // Room for a burst of ClientHellos from many clients at once (the kernel caps it at rmem_max).
            var size: Int32 = 1 << 20
            setsockopt(socket.descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Binds a socket to `address` (port 0: any free port) and drives `role` over it.
    public convenience init(bind address: TransportAddress, role: Role, configuration: DTLSConfiguration) throws(UDPSocketError) {
        self.init(socket: try UDPSocket(bind: address), role: role, configuration: configuration)
    }

    /// Connections held, handshaking or established.
    public var connectionCount: Int { table.count }

    /// Peers whose handshake has completed.
    public var connectedPeers: [TransportAddress] { Array(connected) }

    // MARK: Stepping

    /// Waits for a datagram, a timer or `watched` becoming readable (at most `maximumWait`), then
    /// handles every queued datagram and every due timer. Returns the events and whether `watched`
    /// is readable.
    public func step(maximumWait: Duration, watching watched: Int32? = nil) -> (events: [Event], watchedReadable: Bool) {
        var events: [Event] = []
        flush(into: &events)
        fireTimers(now: monotonicNow(), into: &events)
        var wait = events.isEmpty ? maximumWait : .zero
        if let deadline = table.nextDeadline() { wait = min(wait, max(.zero, deadline - monotonicNow())) }

        var descriptors = [pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)]
        if let watched { descriptors.append(pollfd(fd: watched, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = Int32(clamping: (wait.nanosecondsClamped + 999_999) / 1_000_000)
        var watchedReadable = false
        if poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 {
            watchedReadable = descriptors.count > 1 && descriptors[1].revents != 0
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                var handled = 0
                while handled < maximumDatagramsPerStep, let datagram = (try? socket.receive(timeout: .zero)) ?? nil {
                    handled += 1
                    receive(datagram.bytes, from: datagram.source, now: monotonicNow())
                    flush(into: &events)
                }
            }
        }
        fireTimers(now: monotonicNow(), into: &events)
        return (events, watchedReadable)
    }

    private func fireTimers(now: Instant, into events: inout [Event]) {
        let due = table.popDue(now: now)
        guard !due.isEmpty else { return }
        for index in due {
            table.slots[index]?.connection.handleTimeout(now: now)
            table.markDirty(index)
        }
        flush(into: &events)
    }

    // MARK: Input

    private func receive(_ bytes: [UInt8], from peer: TransportAddress, now: Instant) {
        statistics.datagramsReceived += 1
        statistics.bytesReceived += bytes.count
        if let index = table.index(of: peer) {
            guard DatagramRecords.startsWithClientHello(bytes), table.slots[index]!.connection.opensNewHandshake(bytes)
            else { return feed(index, bytes, now: now) }
            // RFC 6347 §4.2.8: the old association stays until a cookie proves the new client is there.
            guard let hello = passGate(bytes, from: peer, now: now) else { return }
            abandon(index, reason: .peerRestarted)
            statistics.restarts += 1
            return startServerConnection(peer, first: hello, now: now)
        }
        // A client hears only its server; a server admits new peers through the gate.
        guard case .server(let maximum) = role else { return }
        guard table.count < maximum else {
            statistics.droppedAtCapacity += 1
            return
        }
        if configuration.cookieExchange {
            guard let hello = passGate(bytes, from: peer, now: now) else { return }
            startServerConnection(peer, first: hello, now: now)
        } else if DatagramRecords.startsWithClientHello(bytes) {
            startServerConnection(peer, first: bytes, now: now)
        } else {
            statistics.droppedByGate += 1
        }
    }

    /// Puts a datagram through the cookie gate: the ClientHello to start a connection with once its
    /// cookie verifies; otherwise nil, after answering with a HelloVerifyRequest or dropping it.
    private func passGate(_ bytes: [UInt8], from peer: TransportAddress, now: Instant) -> [UInt8]? {
        switch gate.judge(datagram: bytes, peerIdentity: peer.cookieIdentity, now: now) {
        case .drop:
            statistics.droppedByGate += 1
            return nil
        case .reply(let verifyRequest):
            transmit(verifyRequest, to: peer)
            statistics.helloVerifyRequests += 1
            statistics.helloVerifyRequestBytes += verifyRequest.count
            statistics.answeredHelloBytes += bytes.count
            if verifyRequest.count > bytes.count { statistics.amplifyingReplies += 1 }
            return nil
        case .admit(let hello):
            return hello
        }
    }

    /// Creates a server connection for `peer` (its cookie, if any, already checked) and feeds it `first`.
    private func startServerConnection(_ peer: TransportAddress, first: [UInt8], now: Instant) {
        var serverConfiguration = configuration
        serverConfiguration.cookieExchange = false
        let connection = DTLSConnection(role: .server, configuration: serverConfiguration,
                                        peerIdentity: peer.cookieIdentity, now: now)
        let index = table.insert(connection, peer: peer)
        statistics.connectionsCreated += 1
        feed(index, first, now: now)
    }

    /// Forgets a connection without a word to the peer (which has lost its keys) and reports why.
    private func abandon(_ index: Int, reason: DTLSCloseReason) {
        guard let slot = table.slots[index] else { return }
        if slot.isConnected { connected.remove(slot.peer) }
        table.remove(at: index)
        loopEvents.append(Event(peer: slot.peer, event: .closed(reason), keyingMaterial: nil))
    }

    private func feed(_ index: Int, _ bytes: [UInt8], now: Instant) {
        table.slots[index]!.connection.handle(datagram: bytes, now: now)
        table.markDirty(index)
    }

    // MARK: Output

    /// Sends what the touched connections queued, collects their events and forgets closed ones.
    private func flush(into events: inout [Event]) {
        events += loopEvents
        loopEvents.removeAll()
        for index in table.takeDirty() {
            guard var slot = table.slots[index] else { continue }
            table.slots[index] = nil  // keep the connection's buffers uniquely referenced while polling
            var closed = false
            while let output = slot.connection.pollOutput() {
                switch output {
                case .transmit(let datagram):
                    transmit(datagram, to: slot.peer)
                case .timeout:
                    break
                case .event(let event):
                    var material: [UInt8]?
                    switch event {
                    case .connected(let negotiated):
                        slot.isConnected = true
                        connected.insert(slot.peer)
                        // Still there if the peer closed in the datagram that completed the handshake.
                        if let export = keyingMaterialExport {
                            material = try? slot.connection.exportKeyingMaterial(label: export.label,
                                                                                 length: export.length(negotiated))
                        }
                    case .closed:
                        closed = true
                    default:
                        break
                    }
                    events.append(Event(peer: slot.peer, event: event, keyingMaterial: material))
                }
            }
            table.slots[index] = slot
            if closed {
                if slot.isConnected { connected.remove(slot.peer) }
                table.remove(at: index)
            } else {
                table.reschedule(index)
            }
        }
        statistics.connections = table.count
        statistics.connected = connected.count
    }

    private func transmit(_ datagram: [UInt8], to peer: TransportAddress) {
        do {
            try socket.send(datagram, to: peer)
            statistics.datagramsSent += 1
            statistics.bytesSent += datagram.count
            statistics.largestDatagramSent = max(statistics.largestDatagramSent, datagram.count)
        } catch {
            statistics.sendFailures += 1
        }
    }

    // MARK: Application calls

    /// Sends application data to `peer`.
    public func send(_ data: [UInt8], to peer: TransportAddress) throws(DTLSError) {
        guard let index = table.index(of: peer) else { throw .notConnected }
        try table.slots[index]!.connection.send(data)
        table.markDirty(index)
    }

    /// Closes the connection with `peer` (close_notify); its closed event comes from the next `step`.
    public func close(_ peer: TransportAddress) {
        guard let index = table.index(of: peer) else { return }
        table.slots[index]!.connection.close()
        table.markDirty(index)
    }

    /// RFC 5705 keying material of the open connection with `peer`.
    public func exportKeyingMaterial(_ peer: TransportAddress, label: String, length: Int) throws(DTLSError) -> [UInt8] {
        guard let index = table.index(of: peer) else { throw .notConnected }
        return try table.slots[index]!.connection.exportKeyingMaterial(label: label, length: length)
    }
}
