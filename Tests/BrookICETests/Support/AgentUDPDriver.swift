import BrookICE
import BrookSansIO
import BrookUDP

/// Drives an `ICEAgent` over a real UDP socket on the wall clock: the adapter loop of the interop tests.
struct AgentUDPDriver {
    var agent: ICEAgent
    let socket: UDPSocket
    var events: [ICEEvent] = []
    var receivedData: [[UInt8]] = []
    /// Every STUN datagram the agent was handed, with its source.
    var receivedSTUN: [(bytes: [UInt8], source: TransportAddress)] = []
    private var deadline: Instant?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(socket: UDPSocket, configuration: (TransportAddress) -> ICEConfiguration) {
        self.socket = socket
        start = clock.now
        agent = ICEAgent(configuration: configuration(socket.localAddress), now: .zero)
        drain()
    }

    var now: Instant { .zero + (clock.now - start) }

    mutating func drain() {
        while let output = agent.pollOutput() {
            switch output {
            case .transmit(let transmit): try? socket.send(transmit.bytes, to: transmit.destination)
            case .timeout(let instant): deadline = instant
            case .event(let event): events.append(event)
            }
        }
    }

    /// Sends `data` over the selected pair; false when there is none.
    mutating func send(_ data: [UInt8]) -> Bool {
        guard let transmit = agent.transmit(data) else { return false }
        try? socket.send(transmit.bytes, to: transmit.destination)
        return true
    }

    /// Waits for at most `maximumWait` for a datagram or the agent's deadline, and handles what came.
    mutating func step(maximumWait: Duration = .milliseconds(20)) {
        var wait = maximumWait
        if let deadline { wait = min(max(deadline - now, .zero), maximumWait) }
        if let (bytes, source) = try? socket.receive(timeout: wait) {
            if DatagramKind(classifying: bytes) == .stun {
                receivedSTUN.append((bytes, source))
                agent.handle(datagram: bytes, from: source, to: socket.localAddress, now: now)
            } else {
                receivedData.append(bytes)
            }
        }
        if let deadline, now >= deadline {
            self.deadline = nil
            agent.handleTimeout(now: now)
        }
        drain()
    }

    /// Steps until `done` holds or `limit` passes; calls `tick` after every step.
    @discardableResult
    mutating func run(for limit: Duration, until done: (AgentUDPDriver) -> Bool, tick: (inout AgentUDPDriver) -> Void = { _ in }) -> Bool {
        let end = now + limit
        while now < end {
            if done(self) { return true }
            step()
            tick(&self)
        }
        return done(self)
    }
}
