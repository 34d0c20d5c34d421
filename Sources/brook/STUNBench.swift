import BrookICE
import BrookSansIO

/// Binding requests handled by an ICE agent (issue 6): decode, USERNAME and MESSAGE-INTEGRITY
/// (HMAC-SHA1) and FINGERPRINT (CRC-32) checks, then the signed, fingerprinted success response.
/// One lite agent answers the same authenticated connectivity check again and again, as an ICE-lite
/// server does for every peer's checks. Used by the `stun-binding` row of `brook bench` and by
/// `brook stun --bench N`.
final class STUNBindingBench {
    let local = TransportAddress("192.0.2.1:3478")!
    let peer = TransportAddress("198.51.100.7:50000")!
    let credentials = ICECredentials(usernameFragment: "srvr", password: "benchmarkpasswordbenchmark")
    let request: [UInt8]
    var agent: ICEAgent
    /// Requests handled so far: the agent's clock advances by one microsecond per request.
    var handled = 0

    init() throws {
        agent = ICEAgent(configuration: ICEConfiguration(role: .controlled, isLite: true, hostAddresses: [local], credentials: credentials),
                         now: .zero)
        agent.setRemoteCredentials(ICECredentials(usernameFragment: "peer", password: "peerpasswordpeerpassword"), now: .zero)
        var rng = BenchTransactionIDs()
        request = try STUNMessage(
            type: .bindingRequest, transactionID: STUNTransactionID(using: &rng),
            attributes: [.username("srvr:peer"), .priority(0x6E00_01FF), .iceControlling(tieBreaker: 42)]
        ).encode(integrity: STUNIntegrityKey(shortTermPassword: credentials.password))
        while agent.pollOutput() != nil {}
        try checkResponse()
    }

    /// Handles `count` requests; throws unless each got exactly one response.
    func run(_ count: Int) throws {
        var responses = 0
        for _ in 0..<count {
            handled += 1
            agent.handle(datagram: request, from: peer, to: local, now: .zero + .microseconds(handled))
            while let output = agent.pollOutput() {
                if case .transmit = output { responses += 1 }
            }
        }
        guard responses == count else { throw BenchError.failed("stun-binding: the agent answered \(responses) of \(count) requests") }
    }

    /// One request, and its response checked: a Binding success to the peer with the peer's address,
    /// MESSAGE-INTEGRITY under our password and a FINGERPRINT (RFC 8489 §14.5, §14.7; RFC 8445 §7.3.1).
    private func checkResponse() throws {
        handled += 1
        agent.handle(datagram: request, from: peer, to: local, now: .zero + .microseconds(handled))
        var transmits: [ICETransmit] = []
        while let output = agent.pollOutput() { if case .transmit(let transmit) = output { transmits.append(transmit) } }
        guard transmits.count == 1, let response = try? STUNMessage.decode(transmits[0].bytes),
              response.message.type == .bindingSuccess, response.message.mappedAddress == peer, transmits[0].destination == peer,
              response.hasFingerprint, response.isAuthentic(using: STUNIntegrityKey(shortTermPassword: credentials.password))
        else { throw BenchError.failed("stun-binding: the agent's response to a valid check is not a signed Binding success") }
    }

    /// A small deterministic generator: the request's transaction ID needs no secrecy.
    struct BenchTransactionIDs: RandomNumberGenerator {
        var state: UInt64 = 0x5EED
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
    }
}

/// `brook stun --bench N`: N requests timed on the wall clock, as one figure.
enum STUNBenchmark {
    /// Handles `count` requests; returns requests per second.
    static func run(count: Int) throws -> Double {
        let bench = try STUNBindingBench()
        let clock = ContinuousClock()
        let start = clock.now
        try bench.run(count)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / seconds
    }
}
