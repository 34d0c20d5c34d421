import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// A flood of connectivity checks that fail MESSAGE-INTEGRITY (issue 7's hostile peers): RFC 8489
/// §9.1.3 answers each with 401 and keeps nothing, so the flood creates no candidate and no pair,
/// costs no amplification, and a genuine check afterwards is handled as on a quiet agent.
@Suite("STUN flood with bad integrity")
struct STUNFloodTests {
    @Test("10,000 checks with a wrong password from 1,000 addresses: 401 each, no state, no amplification; a genuine check still works")
    func badIntegrityFlood() throws {
        var agent = AgentInputTests.agent()
        var rng = SeededGenerator(seed: 7)
        var bytesIn = 0, bytesOut = 0, unauthorized = 0
        for index in 0..<10_000 {
            let source = TransportAddress("10.9.\(index % 250).\(1 + (index / 250) % 4):\(20_000 + index % 1000)")!
            var attributes: [STUNAttribute] = [.username("locl:peer"), .priority(0x6E00_01FF), .iceControlling(tieBreaker: rng.next())]
            if index % 3 == 0 { attributes.append(.useCandidate) }
            let datagram = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng), attributes: attributes)
                .encode(integrity: STUNIntegrityKey(shortTermPassword: "guessedpassword\(index)"))
            bytesIn += datagram.count
            #expect(agent.handle(datagram: datagram, from: source, to: AgentInputTests.local, now: .zero) == .rejected(code: 401))
            while let output = agent.pollOutput() {
                guard case .transmit(let transmit) = output else { continue }
                bytesOut += transmit.bytes.count
                let reply = try STUNMessage.decode(transmit.bytes)
                #expect(transmit.destination == source && reply.message.type == .bindingError && reply.message.errorCode == 401)
                unauthorized += 1
            }
        }
        #expect(unauthorized == 10_000)
        #expect(bytesOut <= bytesIn, "the 401s (\(bytesOut) bytes) must not outweigh the flood (\(bytesIn) bytes)")
        #expect(agent.remoteCandidates.isEmpty && agent.pairs.isEmpty, "an unauthenticated check must leave no state")

        // The genuine peer is unaffected: its check is answered and learned as a peer-reflexive candidate.
        #expect(agent.handle(datagram: try AgentInputTests.request(), from: AgentInputTests.peer, to: AgentInputTests.local, now: .zero) == .handled)
        let reply = try #require(try AgentInputTests.reply(&agent))
        #expect(reply.message.type == .bindingSuccess && reply.message.mappedAddress == AgentInputTests.peer)
        #expect(agent.remoteCandidates.count == 1 && agent.pairs.count == 1)
    }
}
