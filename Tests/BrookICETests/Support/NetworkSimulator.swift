import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// A seeded network for ICE agents: fixed latency, random loss, a black-hole switch, full-cone NATs that
/// rewrite source addresses, and STUN servers. Time is simulated; nothing sleeps.
struct NetworkSimulator {
    struct Packet {
        var deliverAt: Instant
        var sequence: Int
        var source: TransportAddress
        var destination: TransportAddress
        var bytes: [UInt8]
    }

    var now = Instant.zero
    var agents: [ICEAgent] = []
    var events: [[ICEEvent]] = []
    var receivedData: [[[UInt8]]] = []
    var latency: Duration = .milliseconds(10)
    var lossRate = 0.0
    var blackHole = false
    var rng: SeededGenerator
    /// private address → public address (full-cone NAT, RFC 4787 endpoint-independent mapping).
    var nat: [TransportAddress: TransportAddress] = [:]
    /// STUN servers on the network.
    var stunServers: [TransportAddress: STUNBindingServer] = [:]
    /// Extra hook: every packet on the wire, after NAT.
    var wire: [(source: TransportAddress, destination: TransportAddress, bytes: [UInt8])] = []

    private var inFlight: [Packet] = []
    private var sequence = 0
    private var deadlines: [Instant?] = []
    private var touched: [Bool] = []

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func add(_ agent: ICEAgent) -> Int {
        agents.append(agent)
        events.append([])
        receivedData.append([])
        deadlines.append(nil)
        touched.append(true)
        return agents.count - 1
    }

    /// Runs `body` on agent `index` (a signaling step, a restart) and marks it for draining.
    mutating func with(_ index: Int, _ body: (inout ICEAgent, Instant) -> Void) {
        body(&agents[index], now)
        touched[index] = true
        drain()
    }

    /// Which agent owns `address` (a host address, or the private side of a NAT mapping), and where it lands.
    private func owner(of destination: TransportAddress) -> (agent: Int, local: TransportAddress)? {
        if let (inside, _) = nat.first(where: { $0.value == destination }) {
            return agents.firstIndex { $0.configuration.hostAddresses.contains(inside) }.map { ($0, inside) }
        }
        if nat[destination] != nil { return nil }  // private addresses behind a NAT are unreachable from outside
        return agents.firstIndex { $0.configuration.hostAddresses.contains(destination) }.map { ($0, destination) }
    }

    private mutating func drain() {
        for index in agents.indices where touched[index] {
            touched[index] = false
            while let output = agents[index].pollOutput() {
                switch output {
                case .transmit(let transmit): put(transmit.bytes, from: transmit.source, to: transmit.destination)
                case .timeout(let deadline): deadlines[index] = deadline
                case .event(let event): events[index].append(event)
                }
            }
        }
    }

    /// Puts a datagram on the wire (after NAT), subject to loss and the black hole.
    mutating func put(_ bytes: [UInt8], from source: TransportAddress, to destination: TransportAddress) {
        let source = nat[source] ?? source
        wire.append((source, destination, bytes))
        if blackHole { return }
        if lossRate > 0, Double(rng.next() % 1_000_000) / 1_000_000 < lossRate { return }
        sequence += 1
        inFlight.append(Packet(deliverAt: now + latency, sequence: sequence, source: source, destination: destination, bytes: bytes))
    }

    private mutating func deliver(_ packet: Packet) {
        if let server = stunServers[packet.destination] {
            if let response = server.respond(to: packet.bytes, from: packet.source) { put(response, from: packet.destination, to: packet.source) }
            return
        }
        guard let (index, local) = owner(of: packet.destination) else { return }
        if DatagramKind(classifying: packet.bytes) == .stun {
            agents[index].handle(datagram: packet.bytes, from: packet.source, to: local, now: now)
        } else {
            receivedData[index].append(packet.bytes)
            return
        }
        touched[index] = true
    }

    /// Sends application data over agent `index`'s selected pair; false when it has none.
    mutating func sendData(from index: Int, _ bytes: [UInt8]) -> Bool {
        guard let transmit = agents[index].transmit(bytes) else { return false }
        put(transmit.bytes, from: transmit.source, to: transmit.destination)
        return true
    }

    /// Advances time until `limit` or until `done` holds.
    @discardableResult
    mutating func run(for duration: Duration, until done: (NetworkSimulator) -> Bool = { _ in false }) -> Bool {
        let limit = now + duration
        drain()
        for _ in 0..<1_000_000 {
            if done(self) { return true }
            var next: Instant? = inFlight.map(\.deliverAt).min()
            for deadline in deadlines.compactMap({ $0 }) { next = min(next ?? deadline, deadline) }
            guard let next, next <= limit else { now = limit; return done(self) }
            now = max(now, next)
            let due = inFlight.filter { $0.deliverAt <= now }.sorted { $0.sequence < $1.sequence }
            inFlight.removeAll { $0.deliverAt <= now }
            for packet in due { deliver(packet) }
            for index in agents.indices {
                if let deadline = deadlines[index], deadline <= now {
                    deadlines[index] = nil
                    agents[index].handleTimeout(now: now)
                    touched[index] = true
                }
            }
            drain()
        }
        Issue.record("the simulation did not settle (an agent keeps asking for the same instant?)")
        return false
    }

    func state(_ index: Int) -> ICEState { agents[index].state }

    func isUp(_ index: Int) -> Bool { state(index) == .connected || state(index) == .completed }

    /// Exchanges credentials and every local candidate between agents `a` and `b` (the SDP offer/answer).
    mutating func signal(_ a: Int, _ b: Int, endOfCandidates: Bool = true) {
        for (from, to) in [(a, b), (b, a)] {
            let credentials = agents[from].localCredentials
            let candidates = agents[from].localCandidates.filter { $0.kind != .peerReflexive }
            with(to) { agent, now in
                agent.setRemoteCredentials(credentials, now: now)
                for candidate in candidates { agent.addRemoteCandidate(candidate, now: now) }
                if endOfCandidates { agent.endOfRemoteCandidates(now: now) }
            }
        }
    }

    /// The events of agent `index` that are state changes, in order.
    func states(_ index: Int) -> [ICEState] {
        events[index].compactMap { if case .stateChanged(let state) = $0 { return state } else { return nil } }
    }

    func selections(_ index: Int) -> [ICECandidatePair] {
        events[index].compactMap { if case .selectedPairChanged(let pair) = $0 { return pair } else { return nil } }
    }
}
