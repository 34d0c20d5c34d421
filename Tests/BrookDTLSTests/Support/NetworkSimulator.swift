import BrookTestSupport
import BrookDTLS
import BrookSansIO

/// A deterministic network between two Sans-IO endpoints on a simulated clock: each datagram is
/// lost, duplicated or delayed (which reorders) by a seeded generator.
struct NetworkSimulator {
    struct Link {
        var loss = 0.2
        var duplication = 0.05
        var minimumDelay: Duration = .milliseconds(5)
        var maximumDelay: Duration = .milliseconds(60)
    }

    enum Outcome: Equatable {
        case connected(at: Duration)
        case closed(DTLSCloseReason, at: Duration)
        case stalled(at: Duration)
    }

    private struct InFlight {
        var at: Instant
        var toServer: Bool
        var datagram: [UInt8]
    }

    var client: DTLSConnection
    var server: DTLSConnection
    var clientReported = Reported()
    var serverReported = Reported()
    var link: Link
    var rng: SeededGenerator
    private var now = Instant.zero
    private var queue: [InFlight] = []

    init(client: DTLSConnection, server: DTLSConnection, link: Link = Link(), seed: UInt64) {
        self.client = client
        self.server = server
        self.link = link
        rng = SeededGenerator(seed: seed)
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double(rng.next() >> 11) / Double(1 << 53) < probability
    }

    private mutating func transmit(_ datagrams: [[UInt8]], toServer: Bool) {
        for datagram in datagrams {
            if chance(link.loss) { continue }
            let copies = chance(link.duplication) ? 2 : 1
            for _ in 0..<copies {
                let span = (link.maximumDelay - link.minimumDelay).nanosecondsClamped
                let delay = link.minimumDelay + .nanoseconds(Int64(rng.next() % UInt64(max(span, 1))))
                queue.append(InFlight(at: now + delay, toServer: toServer, datagram: datagram))
            }
        }
    }

    /// Runs until both sides are connected, one closes, or nothing is left to happen (a hang).
    mutating func run(limit: Duration = .seconds(120)) -> Outcome {
        let end = Instant.zero + limit
        while now <= end {
            transmit(clientReported.drain(&client), toServer: true)
            transmit(serverReported.drain(&server), toServer: false)
            if let reason = clientReported.closed ?? serverReported.closed { return .closed(reason, at: now - .zero) }
            if clientReported.connected != nil && serverReported.connected != nil { return .connected(at: now - .zero) }
            // The next thing to happen: a delivery or a timer.
            var next = queue.map(\.at).min()
            for deadline in [clientReported.deadline, serverReported.deadline].compactMap({ $0 }) {
                next = min(next ?? deadline, deadline)
            }
            guard let at = next else { return .stalled(at: now - .zero) }
            now = max(now, at)
            if let index = queue.firstIndex(where: { $0.at <= now }) {
                let item = queue.remove(at: index)
                if item.toServer { server.handle(datagram: item.datagram, now: now) } else {
                    client.handle(datagram: item.datagram, now: now)
                }
                continue
            }
            if let deadline = clientReported.deadline, deadline <= now { client.handleTimeout(now: now) }
            if let deadline = serverReported.deadline, deadline <= now { server.handleTimeout(now: now) }
        }
        return .stalled(at: now - .zero)
    }
}
