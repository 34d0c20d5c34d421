import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// Two agents over the seeded simulator (RFC 8445 checks and nomination, RFC 7675 consent, §9 restart).
@Suite("ICE agents over the simulator")
struct AgentSimulationTests {
    static func agent(_ role: ICERole, _ addresses: [String], lite: Bool = false, seed: UInt64,
                      stun: [String] = [], tweak: (inout ICEConfiguration) -> Void = { _ in }) -> ICEAgent {
        var configuration = ICEConfiguration(role: role, isLite: lite, hostAddresses: addresses.map { TransportAddress($0)! },
                                             stunServers: stun.map { TransportAddress($0)! })
        tweak(&configuration)
        return ICEAgent(configuration: configuration, now: .zero, rng: SeededGenerator(seed: seed))
    }

    /// Two agents, signaled, run until both are up; returns the simulator.
    static func connectedPair(seed: UInt64, a: ICEAgent, b: ICEAgent, loss: Double = 0,
                              nat: [String: String] = [:], limit: Duration = .seconds(30)) -> NetworkSimulator {
        var network = NetworkSimulator(seed: seed)
        network.lossRate = loss
        for (inside, outside) in nat { network.nat[TransportAddress(inside)!] = TransportAddress(outside)! }
        _ = network.add(a)
        _ = network.add(b)
        network.signal(0, 1)
        network.run(for: limit) { $0.isUp(0) && $0.isUp(1) && $0.agents[0].selectedPair != nil && $0.agents[1].selectedPair != nil }
        return network
    }

    static func expectSamePath(_ network: NetworkSimulator, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let a = network.agents[0].selectedPair, let b = network.agents[1].selectedPair else {
            Issue.record("no selected pair: \(network.state(0)) / \(network.state(1))", sourceLocation: sourceLocation)
            return
        }
        let aRemote = network.nat[b.source] ?? b.source
        let bRemote = network.nat[a.source] ?? a.source
        #expect(a.destination == aRemote, sourceLocation: sourceLocation)
        #expect(b.destination == bRemote, sourceLocation: sourceLocation)
    }

    /// Sends data both ways over the selected pairs and checks it arrives.
    static func expectData(_ network: inout NetworkSimulator, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = (network.receivedData[0].count, network.receivedData[1].count)
        let sentA = network.sendData(from: 0, [0x80, 96, 1, 2])
        let sentB = network.sendData(from: 1, [0x17, 0xFE, 0xFD, 3])
        #expect(sentA && sentB, sourceLocation: sourceLocation)
        network.run(for: .milliseconds(50))
        #expect(network.receivedData[1].count == before.1 + 1 && network.receivedData[1].last == [0x80, 96, 1, 2], sourceLocation: sourceLocation)
        #expect(network.receivedData[0].count == before.0 + 1 && network.receivedData[0].last == [0x17, 0xFE, 0xFD, 3], sourceLocation: sourceLocation)
    }

    @Test("direct: both agents connect, nominate the same path, complete, and carry data")
    func direct() {
        var network = Self.connectedPair(
            seed: 1, a: Self.agent(.controlling, ["10.0.0.1:5000"], seed: 11), b: Self.agent(.controlled, ["10.0.0.2:6000"], seed: 12))
        #expect(network.isUp(0) && network.isUp(1))
        Self.expectSamePath(network)
        network.run(for: .seconds(2))
        #expect(network.state(0) == .completed && network.state(1) == .completed)
        #expect(network.states(0) == [.checking, .connected, .completed])
        #expect(network.selections(0).count == 1 && network.selections(1).count == 1)
        #expect(network.agents[0].selectedPair?.isNominated == true)
        Self.expectData(&network)
        // Host candidates were reported, and gathering completed with no STUN servers.
        #expect(network.events[0].prefix(2) == [.candidateGathered(network.agents[0].localCandidates[0]), .gatheringComplete])
    }

    @Test("direct over IPv6, and dual-stack agents pair each family separately")
    func ipv6() {
        var network = Self.connectedPair(
            seed: 2, a: Self.agent(.controlling, ["[2001:db8::1]:5000", "10.0.0.1:5000"], seed: 21),
            b: Self.agent(.controlled, ["[2001:db8::2]:6000", "10.0.0.2:6000"], seed: 22))
        Self.expectSamePath(network)
        #expect(network.agents[0].pairs.count == 2)
        #expect(network.agents[0].pairs.allSatisfy { $0.local.address.family == $0.remote.address.family })
        // The first host address has the highest local preference: IPv6 here.
        #expect(network.agents[0].selectedPair?.source.family == .ipv6)
        Self.expectData(&network)
    }

    @Test("with 30 % loss the agents still connect (retransmissions and triggered checks), 20 seeds", arguments: Array(UInt64(3)...UInt64(22)))
    func lossy(seed: UInt64) {
        var network = Self.connectedPair(
            seed: seed, a: Self.agent(.controlling, ["10.0.0.1:5000"], seed: seed * 10), b: Self.agent(.controlled, ["10.0.0.2:6000"], seed: seed * 10 + 1),
            loss: 0.3, limit: .seconds(40))
        #expect(network.isUp(0) && network.isUp(1))
        Self.expectSamePath(network)
        network.lossRate = 0
        Self.expectData(&network)
    }

    @Test("NAT-like rewrite: the controlling agent learns a peer-reflexive remote candidate (RFC 8445 §7.3.1.3)")
    func peerReflexive() {
        var network = Self.connectedPair(
            seed: 7, a: Self.agent(.controlling, ["198.51.100.1:5000"], seed: 71), b: Self.agent(.controlled, ["192.168.1.2:6000"], seed: 72),
            nat: ["192.168.1.2:6000": "203.0.113.5:40000"])
        #expect(network.isUp(0) && network.isUp(1))
        #expect(network.agents[0].selectedPair?.remote.kind == .peerReflexive)
        #expect(network.agents[0].selectedPair?.destination == TransportAddress("203.0.113.5:40000"))
        // B saw its own public address in XOR-MAPPED-ADDRESS: a local peer-reflexive candidate.
        #expect(network.agents[1].localCandidates.contains { $0.kind == .peerReflexive && $0.address == TransportAddress("203.0.113.5:40000") })
        Self.expectSamePath(network)
        Self.expectData(&network)
    }

    @Test("server-reflexive discovery through a STUN server behind a NAT", arguments: [false, true])
    func serverReflexive(serverAnswers: Bool) {
        var network = NetworkSimulator(seed: 8)
        network.nat[TransportAddress("192.168.1.2:6000")!] = TransportAddress("203.0.113.5:40000")!
        if serverAnswers { network.stunServers[TransportAddress("198.51.100.99:3478")!] = STUNBindingServer() }
        let b = network.add(Self.agent(.controlled, ["192.168.1.2:6000"], seed: 81, stun: ["198.51.100.99:3478", "[2001:db8::99]:3478"]))
        network.run(for: .seconds(10)) { $0.events[b].contains(.gatheringComplete) }
        let reflexive = network.agents[b].localCandidates.filter { $0.kind == .serverReflexive }
        if serverAnswers {
            #expect(reflexive.count == 1)
            #expect(reflexive.first?.address == TransportAddress("203.0.113.5:40000"))
            #expect(reflexive.first?.relatedAddress == TransportAddress("192.168.1.2:6000"))
            #expect(network.events[b].contains(.candidateGathered(reflexive[0])))
        } else {
            #expect(reflexive.isEmpty)
            // RFC 8489 §6.2.1 with Rc 4, Rm 4: requests at 0, 0.5, 1.5, 3.5 s, given up at 5.5 s.
            #expect(network.now >= Instant.zero + .milliseconds(5500))
        }
        #expect(network.events[b].filter { $0 == .gatheringComplete }.count == 1)
    }

    @Test("role conflict: both controlling or both controlled, the tie-breaker decides (RFC 8445 §7.3.1.1)", arguments: [ICERole.controlling, .controlled])
    func roleConflict(role: ICERole) {
        var network = Self.connectedPair(
            seed: 9, a: Self.agent(role, ["10.0.0.1:5000"], seed: 91), b: Self.agent(role, ["10.0.0.2:6000"], seed: 92))
        #expect(network.isUp(0) && network.isUp(1))
        #expect(network.agents[0].role != network.agents[1].role)
        let switched = network.events.map { $0.contains { if case .roleChanged = $0 { return true } else { return false } } }
        #expect(switched.filter { $0 }.count == 1)
        Self.expectSamePath(network)
        Self.expectData(&network)
    }

    @Test("trickle: remote candidates arriving late still connect (RFC 8838)")
    func trickle() {
        var network = NetworkSimulator(seed: 10)
        _ = network.add(Self.agent(.controlling, ["10.0.0.1:5000"], seed: 101))
        _ = network.add(Self.agent(.controlled, ["10.0.0.2:6000"], seed: 102))
        let aCredentials = network.agents[0].localCredentials, bCredentials = network.agents[1].localCredentials
        network.with(0) { agent, now in agent.setRemoteCredentials(bCredentials, now: now) }
        network.with(1) { agent, now in agent.setRemoteCredentials(aCredentials, now: now) }
        network.run(for: .seconds(1))
        #expect(network.state(0) == .new)
        // Only A learns B's candidate; B learns A's by its checks (peer-reflexive), then A's signal arrives.
        let bCandidate = network.agents[1].localCandidates[0], aCandidate = network.agents[0].localCandidates[0]
        network.with(0) { agent, now in agent.addRemoteCandidate(bCandidate, now: now) }
        network.run(for: .seconds(5)) { $0.isUp(0) && $0.isUp(1) }
        #expect(network.isUp(0) && network.isUp(1))
        network.with(1) { agent, now in
            agent.addRemoteCandidate(aCandidate, now: now)
            agent.endOfRemoteCandidates(now: now)
        }
        #expect(network.agents[1].remoteCandidates.map(\.kind) == [.host])
        network.with(0) { agent, now in agent.endOfRemoteCandidates(now: now) }
        network.run(for: .seconds(2))
        #expect(network.state(0) == .completed && network.state(1) == .completed)
        Self.expectData(&network)
    }

    @Test("ICE-lite: a full controlling agent and a lite agent connect (RFC 8445 §2.5)")
    func lite() {
        var network = Self.connectedPair(
            seed: 11, a: Self.agent(.controlled, ["10.0.0.1:5000"], seed: 111), b: Self.agent(.controlled, ["10.0.0.2:6000"], lite: true, seed: 112))
        #expect(network.states(1).prefix(2) == [.checking, .completed])  // a lite agent is done once nominated
        // The full agent must become controlling: the lite one answers 487 to ICE-CONTROLLED.
        #expect(network.agents[0].role == .controlling && network.agents[1].role == .controlled)
        #expect(network.isUp(0) && network.isUp(1))
        Self.expectSamePath(network)
        // A lite agent never sends requests of its own.
        let liteSource = network.agents[1].configuration.hostAddresses[0]
        #expect(!network.wire.contains { $0.source == liteSource && (try? STUNMessage.decode($0.bytes))?.message.type.messageClass == .request })
        Self.expectData(&network)
        // Consent checks from the full agent keep the lite agent up.
        network.run(for: .seconds(40))
        #expect(network.isUp(0) && network.isUp(1))
    }

    @Test("consent (RFC 7675): loss → disconnected → recovered; longer loss → failed")
    func consent() {
        var network = Self.connectedPair(
            seed: 12, a: Self.agent(.controlling, ["10.0.0.1:5000"], seed: 121), b: Self.agent(.controlled, ["10.0.0.2:6000"], seed: 122))
        network.run(for: .seconds(20))
        #expect(network.state(0) == .completed && network.state(1) == .completed)
        // Consent checks are about every 5 s (0.8-1.2 × 5 s) from each side.
        let requests = network.wire.filter { (try? STUNMessage.decode($0.bytes))?.message.type == .bindingRequest }.count
        #expect(requests >= 2 + 2 * 3)
        network.blackHole = true
        network.run(for: .seconds(12))
        #expect(network.state(0) == .disconnected && network.state(1) == .disconnected)
        network.blackHole = false
        network.run(for: .seconds(8)) { $0.isUp(0) && $0.isUp(1) }
        #expect(network.isUp(0) && network.isUp(1))
        Self.expectData(&network)
        network.blackHole = true
        network.run(for: .seconds(35))
        #expect(network.state(0) == .failed && network.state(1) == .failed)
        #expect(network.states(0).suffix(2) == [.disconnected, .failed])
        #expect(network.agents[0].transmit([1]) == nil)
    }

    @Test("ICE restart: new credentials, the old pair carries data until a new one is nominated (RFC 8445 §9)")
    func restart() {
        var network = Self.connectedPair(
            seed: 13, a: Self.agent(.controlling, ["10.0.0.1:5000"], seed: 131), b: Self.agent(.controlled, ["10.0.0.2:6000"], seed: 132))
        let old = (network.agents[0].localCredentials, network.agents[1].localCredentials)
        let oldPair = network.agents[0].selectedPair!
        network.with(0) { agent, now in agent.restart(now: now) }
        network.with(1) { agent, now in agent.restart(now: now) }
        #expect(network.agents[0].localCredentials != old.0 && network.agents[1].localCredentials != old.1)
        #expect(network.agents[0].selectedPair == oldPair)
        Self.expectData(&network)
        network.run(for: .seconds(3))
        Self.expectData(&network)
        network.signal(0, 1)
        network.run(for: .seconds(5)) { $0.selections(0).count == 2 && $0.selections(1).count == 2 }
        #expect(network.selections(0).count == 2 && network.selections(1).count == 2)
        #expect(network.agents[0].selectedPair?.id != oldPair.id)
        Self.expectSamePath(network)
        Self.expectData(&network)
        network.run(for: .seconds(40))
        #expect(network.isUp(0) && network.isUp(1))
        #expect(!network.states(0).contains(.disconnected))
    }
}

/// Checklist edge cases over the simulator.
@Suite("ICE checklist edge cases")
struct ChecklistEdgeCaseTests {
    @Test("pairs sharing a foundation stay frozen while one is checked, without spinning; then the good one wins")
    func sharedFoundation() {
        var network = NetworkSimulator(seed: 20)
        _ = network.add(AgentSimulationTests.agent(.controlling, ["10.0.0.1:5000"], seed: 201) { $0.checkTiming = .init(rto: .milliseconds(100), maximumTransmissions: 3, finalWaitMultiplier: 2) })
        _ = network.add(AgentSimulationTests.agent(.controlled, ["10.0.0.2:6000"], seed: 202))
        // A higher-priority candidate nobody answers on, with the same foundation as the real one.
        let real = network.agents[1].localCandidates[0]
        var dead = real
        dead.address = TransportAddress("10.9.9.9:9")!
        dead.priority = real.priority + 1
        let bCredentials = network.agents[1].localCredentials, aCredentials = network.agents[0].localCredentials
        network.with(0) { agent, now in
            agent.setRemoteCredentials(bCredentials, now: now)
            agent.addRemoteCandidate(dead, now: now)
            agent.addRemoteCandidate(real, now: now)
            agent.endOfRemoteCandidates(now: now)
        }
        network.with(1) { agent, now in agent.setRemoteCredentials(aCredentials, now: now) }
        // B does not know A's candidate: only A's checks can connect them (B learns A as peer-reflexive).
        network.run(for: .seconds(10)) { $0.isUp(0) && $0.isUp(1) }
        #expect(network.isUp(0) && network.isUp(1))
        #expect(network.agents[0].selectedPair?.destination == real.address)
        #expect(network.agents[0].pairs.first { $0.remote.address == dead.address }?.state == .failed)
    }

    @Test("every pair failing after end-of-candidates fails the agent")
    func allPairsFail() {
        var network = NetworkSimulator(seed: 21)
        _ = network.add(AgentSimulationTests.agent(.controlling, ["10.0.0.1:5000"], seed: 211) { $0.checkTiming = .init(rto: .milliseconds(100), maximumTransmissions: 3, finalWaitMultiplier: 2) })
        let credentials = ICECredentials(usernameFragment: "gone", password: "nobodyanswersthispassword")
        network.with(0) { agent, now in
            agent.setRemoteCredentials(credentials, now: now)
            agent.addRemoteCandidate(ICECandidate(foundation: "x", priority: 1000, address: TransportAddress("10.9.9.9:9")!, kind: .host), now: now)
            agent.endOfRemoteCandidates(now: now)
        }
        network.run(for: .seconds(5)) { $0.state(0) == .failed }
        #expect(network.states(0) == [.checking, .failed])
        // 100 + 200 ms of retransmissions, then 2 × 100 ms: failed at about 0.5 s.
        #expect(network.now < Instant.zero + .seconds(1))
    }
}
