import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// What an agent does with bad STUN (RFC 8489 §6.3, §9.1.3; RFC 8445 §7.3): drop, or answer 400/401/420/487.
@Suite("ICE agent input handling")
struct AgentInputTests {
    static let local = TransportAddress("10.0.0.1:5000")!
    static let peer = TransportAddress("10.0.0.2:6000")!
    static let credentials = ICECredentials(usernameFragment: "locl", password: "localpasswordlocalpassword")

    static func agent(role: ICERole = .controlled, lite: Bool = false) -> ICEAgent {
        var agent = ICEAgent(configuration: ICEConfiguration(role: role, isLite: lite, hostAddresses: [local], credentials: credentials),
                             now: .zero, rng: SeededGenerator(seed: 5))
        agent.setRemoteCredentials(ICECredentials(usernameFragment: "peer", password: "peerpasswordpeerpassword"), now: .zero)
        while agent.pollOutput() != nil {}
        return agent
    }

    static func request(username: String? = "locl:peer", password: String? = credentials.password,
                        extra: [STUNAttribute] = [.priority(0x6E00_01FF), .iceControlling(tieBreaker: 1)]) throws -> [UInt8] {
        var rng = SeededGenerator(seed: 99)
        var attributes: [STUNAttribute] = username.map { [.username($0)] } ?? []
        attributes += extra
        return try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng), attributes: attributes)
            .encode(integrity: password.map { STUNIntegrityKey(shortTermPassword: $0) })
    }

    /// The single datagram the agent sent, decoded.
    static func reply(_ agent: inout ICEAgent) throws -> STUNDecodedMessage? {
        var replies: [ICETransmit] = []
        while let output = agent.pollOutput() { if case .transmit(let transmit) = output, transmit.destination == peer { replies.append(transmit) } }
        guard let first = replies.first(where: { (try? STUNMessage.decode($0.bytes))?.message.type.messageClass != .request }) else { return nil }
        #expect(first.source == local)
        return try STUNMessage.decode(first.bytes)
    }

    @Test("a valid check is answered with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT, and triggers a check")
    func validCheck() throws {
        var agent = Self.agent()
        #expect(agent.handle(datagram: try Self.request(), from: Self.peer, to: Self.local, now: .zero) == .handled)
        var transmits: [ICETransmit] = []
        while let output = agent.pollOutput() { if case .transmit(let t) = output { transmits.append(t) } }
        let response = try STUNMessage.decode(try #require(transmits.first).bytes)
        #expect(response.message.type == .bindingSuccess && response.message.mappedAddress == Self.peer)
        #expect(response.hasFingerprint && response.isAuthentic(using: STUNIntegrityKey(shortTermPassword: Self.credentials.password)))
        #expect(agent.remoteCandidates.first?.kind == .peerReflexive && agent.remoteCandidates.first?.priority == 0x6E00_01FF)
        // The triggered check goes out at the next Ta tick.
        agent.handleTimeout(now: .zero)
        var checks: [STUNDecodedMessage] = []
        while let output = agent.pollOutput() { if case .transmit(let t) = output { checks.append(try STUNMessage.decode(t.bytes)) } }
        let check = try #require(checks.first)
        #expect(check.message.username == "peer:locl" && check.message.iceControlled != nil && check.message.priority != nil)
        #expect(check.isAuthentic(using: STUNIntegrityKey(shortTermPassword: "peerpasswordpeerpassword")))
    }

    @Test("RFC 8489 §9.1.3: no USERNAME or no MESSAGE-INTEGRITY → 400; wrong ufrag or password → 401")
    func authentication() throws {
        let cases: [([UInt8], Int)] = [
            (try Self.request(username: nil), 400),
            (try Self.request(password: nil), 400),
            (try Self.request(username: "other:peer"), 401),
            (try Self.request(username: "loclpeer"), 401),
            (try Self.request(password: "wrongpasswordwrongpassword"), 401),
            (try Self.request(extra: [.iceControlling(tieBreaker: 1)]), 400),   // no PRIORITY (RFC 8445 §7.1.1)
        ]
        for (datagram, code) in cases {
            var agent = Self.agent()
            #expect(agent.handle(datagram: datagram, from: Self.peer, to: Self.local, now: .zero) == .rejected(code: code))
            let reply = try #require(try Self.reply(&agent))
            #expect(reply.message.type == .bindingError && reply.message.errorCode == code)
            #expect(agent.remoteCandidates.isEmpty && agent.pairs.isEmpty)
        }
    }

    @Test("RFC 8489 §6.3.1.1: an unknown comprehension-required attribute → 420 with UNKNOWN-ATTRIBUTES")
    func unknownRequired() throws {
        var agent = Self.agent()
        let unknown = STUNAttributeType(rawValue: 0x0031)
        let datagram = try Self.request(extra: [.priority(1), .other(type: unknown, value: [1])])
        #expect(agent.handle(datagram: datagram, from: Self.peer, to: Self.local, now: .zero) == .rejected(code: 420))
        let reply = try #require(try Self.reply(&agent))
        #expect(reply.message.errorCode == 420 && reply.message.attribute(.unknownAttributes) == .unknownAttributes([unknown]))
        #expect(reply.isAuthentic(using: STUNIntegrityKey(shortTermPassword: Self.credentials.password)))
    }

    @Test("RFC 8445 §7.3.1.1: a controlling agent with the larger tie-breaker answers 487")
    func roleConflictResponse() throws {
        var agent = Self.agent(role: .controlling)
        let datagram = try Self.request(extra: [.priority(1), .iceControlling(tieBreaker: 0)])
        #expect(agent.handle(datagram: datagram, from: Self.peer, to: Self.local, now: .zero) == .rejected(code: 487))
        #expect(agent.role == .controlling)
        var smaller = Self.agent(role: .controlling)
        let beats = try Self.request(extra: [.priority(1), .iceControlling(tieBreaker: .max)])
        #expect(smaller.handle(datagram: beats, from: Self.peer, to: Self.local, now: .zero) == .handled)
        #expect(smaller.role == .controlled)
    }

    @Test("malformed datagrams, stray responses and forged responses are dropped; 5,000 random inputs never trap")
    func drops() throws {
        var agent = Self.agent()
        #expect(agent.handle(datagram: [0, 1, 0], from: Self.peer, to: Self.local, now: .zero) == .dropped(.malformed(.truncated(length: 3))))
        var rng = SeededGenerator(seed: 42)
        let stray = try STUNMessage(type: .bindingSuccess, transactionID: STUNTransactionID(using: &rng), attributes: [.xorMappedAddress(Self.peer)]).encode()
        #expect(agent.handle(datagram: stray, from: Self.peer, to: Self.local, now: .zero) == .dropped(.unknownTransaction))
        // A response to our own check, signed with the wrong password, is dropped (the transaction goes on).
        agent.addRemoteCandidate(ICECandidate(foundation: "1", priority: 100, address: Self.peer, kind: .host), now: .zero)
        agent.handleTimeout(now: .zero)
        var check: STUNDecodedMessage?
        while let output = agent.pollOutput() { if case .transmit(let t) = output { check = try STUNMessage.decode(t.bytes) } }
        let id = try #require(check).message.transactionID
        let forged = try STUNMessage(type: .bindingSuccess, transactionID: id, attributes: [.xorMappedAddress(Self.local)])
            .encode(integrity: STUNIntegrityKey(shortTermPassword: "not the peer's password!"))
        #expect(agent.handle(datagram: forged, from: Self.peer, to: Self.local, now: .zero) == .dropped(.badIntegrity))
        #expect(agent.pairs.first?.state == .inProgress)
        for _ in 0..<5000 {
            var bytes = rng.bytes(Int(rng.next() % 100))
            if bytes.count >= 20 && rng.next() & 1 == 0 {
                bytes[0] &= 0x3F; bytes[4] = 0x21; bytes[5] = 0x12; bytes[6] = 0xA4; bytes[7] = 0x42
                let length = bytes.count - 20 - (bytes.count % 4)
                bytes[2] = 0; bytes[3] = UInt8(length & 0xFC)
            }
            agent.handle(datagram: bytes, from: Self.peer, to: Self.local, now: .zero)
        }
        #expect(agent.state != .closed)
    }

    @Test("a closed agent ignores input and sends nothing")
    func closed() throws {
        var agent = Self.agent()
        agent.close()
        while agent.pollOutput() != nil {}
        #expect(agent.handle(datagram: try Self.request(), from: Self.peer, to: Self.local, now: .zero) == .dropped(.ignored))
        agent.handleTimeout(now: Instant.zero + .seconds(10))
        #expect(agent.pollOutput() == nil)
    }
}
