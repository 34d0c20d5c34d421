import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import BrookUDP
import Glibc

/// Many Sans-IO DTLS clients of `brook dtls load`, each on its own UDP socket (so each has its own
/// source port, as distinct peers do), pumped by one poll loop with the real clock.
final class LoadClients {
    struct Client {
        var connection: DTLSConnection
        let socket: UDPSocket
        var started = Instant.zero
        var connectedAt: Instant?
        var closed: DTLSCloseReason?
        var negotiated: DTLSNegotiated?
        /// The server's flight (ServerHello …) has arrived; from then on a holding run keeps this
        /// client's datagrams back.
        var sawServerHello = false
        var held: [[UInt8]] = []
    }

    private(set) var clients: [Client] = []
    private var descriptors: [pollfd] = []
    let server: TransportAddress
    /// Keep each client's final flight (ClientKeyExchange … Finished) back until `releaseHeld`, so
    /// every connection sits mid-handshake on the server at once.
    var holdFinalFlight = false
    private(set) var timeoutsHandled = 0

    init(count: Int, server: TransportAddress, configuration: DTLSConfiguration) throws {
        self.server = server
        try LoadClients.raiseDescriptorLimit(to: count + 64)
        let now = monotonicNow()
        for _ in 0..<count {
            let socket = try UDPSocket(bind: LoadClients.source(for: server))
            clients.append(Client(connection: DTLSConnection(role: .client, configuration: configuration, now: now), socket: socket))
            descriptors.append(pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0))
        }
    }

    /// Where a client binds: loopback of the server's family, any free port.
    static func source(for server: TransportAddress) -> TransportAddress {
        TransportAddress(ip: server.family == .ipv4 ? .loopbackV4 : .loopbackV6, port: 0)
    }

    /// Raises the soft limit on open descriptors (one socket per client) up to the hard limit.
    static func raiseDescriptorLimit(to wanted: Int) throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < rlim_t(wanted) {
            limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        guard limit.rlim_cur >= rlim_t(wanted) else {
            throw LoadFailure("\(wanted) file descriptors needed, the hard limit is \(limit.rlim_max) (ulimit -n)")
        }
    }

    var connectedCount: Int { clients.count(where: { $0.connectedAt != nil }) }
    var failedCount: Int { clients.count(where: { $0.closed != nil && $0.connectedAt == nil }) }
    var holdingCount: Int { clients.count(where: { !$0.held.isEmpty }) }
    var finishedCount: Int { clients.count(where: { $0.connectedAt != nil || $0.closed != nil }) }

    /// Handshake latencies (first ClientHello sent to connected), sorted.
    var latencies: [Duration] {
        clients.compactMap { client in client.connectedAt.map { $0 - client.started } }.sorted()
    }

    /// Sends every client's ClientHello, back to back.
    func start() {
        for index in clients.indices {
            clients[index].started = monotonicNow()
            flush(index, now: clients[index].started)
        }
    }

    /// Sends the datagrams a holding run kept back, and stops holding.
    func releaseHeld() {
        holdFinalFlight = false
        for index in clients.indices {
            for datagram in clients[index].held { send(datagram, from: index) }
            clients[index].held = []
        }
    }

    /// Sends close_notify on every open connection.
    func closeAll() {
        for index in clients.indices where clients[index].closed == nil {
            clients[index].connection.close()
            flush(index, now: monotonicNow())
        }
    }

    /// Pumps until `done` holds or `timeout` passes; true if `done` held.
    @discardableResult
    func pump(timeout: Duration, until done: () -> Bool) -> Bool {
        let end = monotonicNow() + timeout
        while !done() {
            let now = monotonicNow()
            guard now < end else { return false }
            step(maximumWait: min(.milliseconds(50), end - now))
        }
        return true
    }

    /// Waits once (at most `maximumWait`, less if a timer is due), then handles what arrived and what is due.
    func step(maximumWait: Duration) {
        var wait = maximumWait
        let before = monotonicNow()
        for client in clients where client.closed == nil {
            if let deadline = client.connection.nextDeadline { wait = min(wait, max(.zero, deadline - before)) }
        }
        let milliseconds = Int32(clamping: (wait.nanosecondsClamped + 999_999) / 1_000_000)
        if poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 {
            for index in descriptors.indices where descriptors[index].revents & Int16(POLLIN) != 0 {
                while let datagram = (try? clients[index].socket.receive(timeout: .zero)) ?? nil {
                    guard datagram.source == server else { continue }
                    if holdFinalFlight && Self.isServerHello(datagram.bytes) { clients[index].sawServerHello = true }
                    let now = monotonicNow()
                    clients[index].connection.handle(datagram: datagram.bytes, now: now)
                    flush(index, now: now)
                }
            }
        }
        let now = monotonicNow()
        for index in clients.indices where clients[index].closed == nil {
            guard let deadline = clients[index].connection.nextDeadline, deadline <= now else { continue }
            clients[index].connection.handleTimeout(now: now)
            timeoutsHandled += 1
            flush(index, now: now)
        }
    }

    /// An epoch-0 handshake record holding a ServerHello (RFC 6347 §4.1, §4.2.2: type 2).
    static func isServerHello(_ datagram: [UInt8]) -> Bool {
        datagram.count > 13 && datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 0 && datagram[13] == 2
    }

    private func flush(_ index: Int, now: Instant) {
        while let output = clients[index].connection.pollOutput() {
            switch output {
            case .transmit(let datagram):
                if holdFinalFlight && clients[index].sawServerHello {
                    clients[index].held.append(datagram)
                } else {
                    send(datagram, from: index)
                }
            case .event(.connected(let negotiated)):
                clients[index].connectedAt = now
                clients[index].negotiated = negotiated
            case .event(.closed(let reason)):
                clients[index].closed = reason
            case .event, .timeout:
                break
            }
        }
    }

    private func send(_ datagram: [UInt8], from index: Int) {
        try? clients[index].socket.send(datagram, to: server)
    }
}
