import BrookTestSupport
import BrookSansIO
import Testing
@testable import BrookICE

/// A request of a method other than Binding (TURN's Allocate, say, or an unassigned one) is answered
/// 400 Bad Request, as an error response of the request's own method (RFC 8489 §6.3.1: the server
/// does not know the method; §14.8 code 400), by both the ICE agent and the STUN server, and changes
/// nothing else.
@Suite("Requests of another method get 400")
struct NonBindingRequestTests {
    /// Allocate (RFC 8656 §18, 0x003), Refresh (0x004) and an unassigned method (0xABC).
    static let methods: [UInt16] = [0x003, 0x004, 0xABC]

    static func request(method: UInt16, seed: UInt64, signed: Bool) throws -> (bytes: [UInt8], id: STUNTransactionID) {
        var rng = SeededGenerator(seed: seed)
        let id = STUNTransactionID(using: &rng)
        let message = STUNMessage(type: STUNMessageType(method: STUNMethod(rawValue: method)!, messageClass: .request), transactionID: id,
                                  attributes: [.username("locl:peer"), .priority(0x6E00_01FF), .iceControlling(tieBreaker: 1)])
        let key = signed ? STUNIntegrityKey(shortTermPassword: AgentInputTests.credentials.password) : nil
        return (try message.encode(integrity: key, fingerprint: true), id)
    }

    @Test("the ICE agent answers 400 with the request's method and transaction ID, unsigned, and learns nothing", arguments: methods)
    func agent(method: UInt16) throws {
        for signed in [false, true] {
            var agent = AgentInputTests.agent()
            let (datagram, id) = try Self.request(method: method, seed: UInt64(method), signed: signed)
            #expect(agent.handle(datagram: datagram, from: AgentInputTests.peer, to: AgentInputTests.local, now: .zero) == .rejected(code: 400))
            let reply = try #require(try AgentInputTests.reply(&agent), "a reply to method \(method)")
            #expect(reply.message.type == STUNMessageType(method: STUNMethod(rawValue: method)!, messageClass: .errorResponse))
            #expect(reply.message.transactionID == id && reply.message.errorCode == 400)
            #expect(!reply.hasIntegrity)
            #expect(agent.remoteCandidates.isEmpty && agent.pairs.isEmpty && agent.state == .new)
            // Nothing else was sent (no triggered check).
            agent.handleTimeout(now: .zero + .seconds(1))
            var sent = 0
            while let output = agent.pollOutput() { if case .transmit = output { sent += 1 } }
            #expect(sent == 0)
        }
    }

    @Test("the STUN server answers 400 with the request's method and transaction ID, SOFTWARE and FINGERPRINT", arguments: methods)
    func server(method: UInt16) throws {
        let server = STUNBindingServer(software: "Brook test")
        let source = TransportAddress("203.0.113.9:4444")!
        let (datagram, id) = try Self.request(method: method, seed: UInt64(method) &+ 1, signed: false)
        let bytes = try #require(server.respond(to: datagram, from: source))
        let reply = try STUNMessage.decode(bytes)
        #expect(reply.message.type == STUNMessageType(method: STUNMethod(rawValue: method)!, messageClass: .errorResponse))
        #expect(reply.message.transactionID == id && reply.message.errorCode == 400)
        #expect(reply.message.software == "Brook test" && reply.hasFingerprint)
        #expect(reply.message.mappedAddress == nil, "no XOR-MAPPED-ADDRESS in an error")
        // Not a request (an indication or a response of that method): no answer at all (RFC 8489 §6.3).
        for messageClass in [STUNClass.indication, .successResponse, .errorResponse] {
            let other = try STUNMessage(type: STUNMessageType(method: STUNMethod(rawValue: method)!, messageClass: messageClass), transactionID: id).encode()
            #expect(server.respond(to: other, from: source) == nil)
        }
        // A Binding request still gets its success response.
        var rng = SeededGenerator(seed: 5)
        let binding = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng)).encode()
        let success = try STUNMessage.decode(try #require(server.respond(to: binding, from: source)))
        #expect(success.message.type == .bindingSuccess && success.message.mappedAddress == source)
    }
}
