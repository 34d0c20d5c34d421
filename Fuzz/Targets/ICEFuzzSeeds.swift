import BrookICE
import BrookSansIO

/// stun seeds only a peer of the fixed agent can write: it answers every check the agent sends
/// (the transaction IDs come from the agent's seeded randomness) with a success response signed
/// with the peer's password, sends checks of its own signed with the agent's, and a STUN server
/// answers the agent's discovery request, until a pair is selected and consent runs.
/// `Tests/BrookFuzzTests` writes them to Fuzz/Corpus/stun (with `BROOK_FUZZ_WRITE_CORPUS=1`);
/// RFC 5769's messages, aioice's and coturn's come from `Fuzz/make_corpus.py`.
public enum ICEFuzzSeeds {
    /// Conversations with the agent of each mode (controlling, controlled, lite; with a STUN server).
    public static func conversations() -> [(name: String, script: FuzzScript)] {
        [("agent-controlling", 0), ("agent-controlled", 1), ("agent-lite", 2), ("agent-controlling-stun-server", 4),
         ("agent-controlled-stun-server", 5)].compactMap { name, mode in
            conversation(mode: UInt8(mode)).map { (name, $0) }
        }
    }

    /// The remote address of the pair the agent of `script` selected, running the stun target's checks; nil if none.
    public static func selectedRemote(after script: FuzzScript) -> TransportAddress? {
        var run = ICEInboundRun(mode: script.mode)
        for step in script.steps { _ = try? run.perform(step) }
        return run.agent.selectedPair?.remote.address
    }

    private static func conversation(mode: UInt8) -> FuzzScript? {
        var run = ICEInboundRun(mode: mode)
        var peer = FuzzRandom(seed: 0x9EE2 + UInt64(mode))
        var steps: [FuzzStep] = []
        func perform(_ step: FuzzStep) -> Bool {
            steps.append(step)
            return (try? run.perform(step)) != nil
        }
        var pending = run.lastTransmits
        let controlling = mode & 3 == 0
        for round in 0..<24 {
            for transmit in pending {
                guard let answer = answer(transmit),
                      let selector = ICEFuzzFixture.selector(for: transmit.destination) else { continue }
                guard perform(.datagram([selector] + answer)) else { return nil }
            }
            // The peer's own checks (RFC 8445 §7.2.2): the controlling peer nominates on its second.
            if !controlling, round < 2 {
                guard let request = peerCheck(nominating: round == 1, using: &peer),
                      perform(.datagram([0] + request)) else { return nil }
            }
            guard perform(.waitForDeadline) else { return nil }
            pending = run.lastTransmits
            if run.agent.selectedPair != nil, round >= 8 { break }
        }
        return run.agent.selectedPair == nil ? nil : FuzzScript(mode: mode, steps: steps)
    }

    /// The success response the peer (or the STUN server) sends to `transmit`, a request of the agent.
    private static func answer(_ transmit: ICETransmit) -> [UInt8]? {
        guard let request = try? STUNMessage.decode(transmit.bytes), request.message.type == .bindingRequest else { return nil }
        let response = STUNMessage(type: .bindingSuccess, transactionID: request.message.transactionID,
                                   attributes: [.xorMappedAddress(transmit.destination == ICEFuzzFixture.stunServer
                                                                  ? TransportAddress("192.0.2.77:40000")! : transmit.source)])
        let key = request.hasIntegrity ? ICEFuzzFixture.remoteKey : nil
        return try? response.encode(integrity: key)
    }

    /// A check from the peer's host candidate: USERNAME local:remote, PRIORITY, ICE-CONTROLLING,
    /// USE-CANDIDATE when nominating, signed with the agent's password (RFC 8445 §7.1).
    private static func peerCheck(nominating: Bool, using rng: inout FuzzRandom) -> [UInt8]? {
        var attributes: [STUNAttribute] = [
            .username(ICEFuzzFixture.localCredentials.usernameFragment + ":" + ICEFuzzFixture.remoteCredentials.usernameFragment),
            .priority(ICECandidate.priority(kind: .peerReflexive, localPreference: 65535)),
            .iceControlling(tieBreaker: rng.next()),
        ]
        if nominating { attributes.append(.useCandidate) }
        let request = STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng), attributes: attributes)
        return try? request.encode(integrity: ICEFuzzFixture.localKey)
    }
}
