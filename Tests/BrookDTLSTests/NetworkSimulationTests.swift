import BrookTestSupport
import BrookDTLS
import Foundation
import BrookSansIO
import Testing

/// Handshakes over a lossy, reordering, duplicating simulated network (RFC 6347 §4.2.4 timers).
@Suite struct NetworkSimulationTests {
    /// 1000 seeds as the issue asks; each handshake costs four ECDSA operations and two ECDH, so a
    /// debug build runs 200 unless `BROOK_DTLS_SIMULATION_SEEDS` says otherwise (release runs 1000).
    static let seeds: Range<UInt64> = {
        if let text = ProcessInfo.processInfo.environment["BROOK_DTLS_SIMULATION_SEEDS"], let count = UInt64(text) {
            return 0..<count
        }
        #if DEBUG
        return 0..<200
        #else
        return 0..<1000
        #endif
    }()

    static func endpoints(seed: UInt64) -> (DTLSConnection, DTLSConnection) {
        let clientConfiguration = Identity.configuration(Identity.client, expecting: Identity.server)
        let serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        return (DTLSConnection(role: .client, configuration: clientConfiguration, now: .zero, rng: SeededGenerator(seed: seed)),
                DTLSConnection(role: .server, configuration: serverConfiguration, now: .zero,
                               rng: SeededGenerator(seed: seed ^ 0xFFFF)))
    }

    @Test("20% loss each way: handshakes complete for ≥ 99.9% of seeds, and every failure is a timeout")
    func lossyHandshakes() {
        var completed: [Duration] = []
        var failures: [(UInt64, NetworkSimulator.Outcome)] = []
        for seed in Self.seeds {
            let (client, server) = Self.endpoints(seed: seed)
            var simulator = NetworkSimulator(client: client, server: server, seed: seed)
            let outcome = simulator.run()
            switch outcome {
            case .connected(let at): completed.append(at)
            default: failures.append((seed, outcome))
            }
        }
        for (seed, outcome) in failures {
            if case .closed(.handshakeTimeout, _) = outcome { continue }
            Issue.record("seed \(seed): \(outcome) is not a handshake timeout")
        }
        #expect(completed.count * 1000 >= Self.seeds.count * 999, "\(failures.count) of \(Self.seeds.count) failed")
        let sorted = completed.sorted()
        func percentile(_ p: Int) -> Duration { sorted.isEmpty ? .zero : sorted[min(sorted.count - 1, sorted.count * p / 100)] }
        print("DTLS handshake over 20% loss, \(Self.seeds.count) seeds: completed \(completed.count); "
            + "p50 \(percentile(50)), p90 \(percentile(90)), p99 \(percentile(99)), max \(sorted.last ?? .zero)")
    }

    @Test("a clean link completes in two round trips of the link delay plus the cookie round trip")
    func cleanLink() {
        let (client, server) = Self.endpoints(seed: 5)
        var link = NetworkSimulator.Link()
        link.loss = 0
        link.duplication = 0
        link.minimumDelay = .milliseconds(10)
        link.maximumDelay = .milliseconds(11)
        var simulator = NetworkSimulator(client: client, server: server, link: link, seed: 5)
        let outcome = simulator.run()
        guard case .connected(let at) = outcome else { Issue.record("\(outcome)"); return }
        // CH → HVR → CH → flight 4 → flight 5 → flight 6: six one-way trips of ~10 ms.
        #expect(at >= .milliseconds(60) && at < .milliseconds(70))
    }

    @Test("a peer that never answers ends in a handshake timeout, never a hang")
    func silentPeer() {
        let (client, server) = Self.endpoints(seed: 6)
        var link = NetworkSimulator.Link()
        link.loss = 1
        var simulator = NetworkSimulator(client: client, server: server, link: link, seed: 6)
        let outcome = simulator.run()
        #expect(outcome == .closed(.handshakeTimeout, at: .seconds(30)))
    }
}
