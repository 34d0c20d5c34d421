import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// The checklist is paced by Ta (RFC 8445 §6.1.4.2: one check per Ta; §14.2: Ta defaults to 50 ms):
/// on the simulated clock, new connectivity checks (first transmissions, retransmissions aside) are
/// at least Ta apart, also when candidates trickle in between two ticks, and every pair still gets
/// its check.
@Suite("Checklist pacing by Ta")
struct PacingTests {
    /// A controlling agent with credentials and `remotes` unreachable peers (no answer ever comes), run
    /// for `duration`; returns the instant of each new check's first transmission, in order.
    static func firstTransmissions(pacing: Duration, remotes: Int, lateRemotes: Int, lateAt: Duration,
                                   duration: Duration) throws -> [(at: Instant, destination: TransportAddress)] {
        var configuration = ICEConfiguration(role: .controlling, hostAddresses: [TransportAddress("10.0.0.1:5000")!])
        configuration.pacing = pacing
        var agent = ICEAgent(configuration: configuration, now: .zero, rng: SeededGenerator(seed: 0x7A))
        agent.setRemoteCredentials(ICECredentials(usernameFragment: "peer", password: "peerpasswordpeerpassword"), now: .zero)
        func remote(_ n: Int) -> ICECandidate {
            // Distinct foundations: all pairs unfreeze at once (§6.1.2.6), so only pacing spaces them.
            ICECandidate(foundation: "f\(n)", priority: ICECandidate.priority(kind: .host, localPreference: UInt16(60_000 - n)),
                         address: TransportAddress("10.0.1.\(n + 1):6000")!, kind: .host)
        }
        for n in 0..<remotes { agent.addRemoteCandidate(remote(n), now: .zero) }

        var seen = Set<[UInt8]>()
        var sent: [(at: Instant, destination: TransportAddress)] = []
        var deadline: Instant?
        var now = Instant.zero
        func drain() throws {
            while let output = agent.pollOutput() {
                switch output {
                case .transmit(let transmit):
                    let decoded = try STUNMessage.decode(transmit.bytes)
                    guard decoded.message.type == .bindingRequest else { continue }
                    // A retransmission repeats the transaction ID (RFC 8489 §6.2.1); a new check has a new one.
                    if seen.insert(Array(transmit.bytes[8..<20])).inserted { sent.append((now, transmit.destination)) }
                case .timeout(let instant): deadline = instant
                case .event: break
                }
            }
        }
        try drain()
        var lateAdded = lateRemotes == 0
        let end = Instant.zero + duration
        for _ in 0..<100_000 {
            let lateInstant = Instant.zero + lateAt
            if !lateAdded, deadline.map({ lateInstant < $0 }) ?? true {
                now = lateInstant
                for n in remotes..<(remotes + lateRemotes) { agent.addRemoteCandidate(remote(n), now: now) }
                lateAdded = true
                try drain()
                continue
            }
            guard let next = deadline, next <= end else { break }
            now = max(now, next)
            deadline = nil
            agent.handleTimeout(now: now)
            try drain()
        }
        return sent
    }

    @Test("consecutive new checks are at least Ta apart (Ta = 50 ms default, 20 ms, 120 ms)",
          arguments: [Duration.milliseconds(50), .milliseconds(20), .milliseconds(120)])
    func spacedByTa(pacing: Duration) throws {
        let sent = try Self.firstTransmissions(pacing: pacing, remotes: 5, lateRemotes: 3, lateAt: pacing * 2 + pacing / 3,
                                               duration: pacing * 40)
        // Every pair was checked once: 8 distinct destinations.
        #expect(Set(sent.map(\.destination)).count == 8, "destinations: \(sent.map(\.destination))")
        try #require(sent.count >= 8)
        for (earlier, later) in zip(sent, sent.dropFirst()) {
            #expect(later.at - earlier.at >= pacing, "checks at \(earlier.at) and \(later.at) are closer than Ta = \(pacing)")
        }
        // The eight first checks go out one Ta after another: pacing spaces them, it does not stall them.
        #expect(sent[7].at - sent[0].at <= pacing * 8, "eight checks took \(sent[7].at - sent[0].at)")
    }

    @Test("the default Ta is RFC 8445 §14.2's 50 ms")
    func defaultTa() {
        #expect(ICEConfiguration(role: .controlling, hostAddresses: []).pacing == .milliseconds(50))
    }
}
