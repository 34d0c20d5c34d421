import BrookICE
import BrookSansIO

/// Binding requests handled per second by an ICE agent: decode, USERNAME and MESSAGE-INTEGRITY
/// (HMAC-SHA1) and FINGERPRINT (CRC-32) checks, then the signed, fingerprinted success response.
enum STUNBenchmark {
    /// Runs `count` connectivity checks through a lite agent; returns requests per second.
    static func run(count: Int) throws -> Double {
        let local = TransportAddress("192.0.2.1:3478")!, peer = TransportAddress("198.51.100.7:50000")!
        let credentials = ICECredentials(usernameFragment: "srvr", password: "benchmarkpasswordbenchmark")
        var agent = ICEAgent(configuration: ICEConfiguration(role: .controlled, isLite: true, hostAddresses: [local], credentials: credentials),
                             now: .zero)
        agent.setRemoteCredentials(ICECredentials(usernameFragment: "peer", password: "peerpasswordpeerpassword"), now: .zero)
        var rng = SystemRandomForBench()
        let request = try STUNMessage(
            type: .bindingRequest, transactionID: STUNTransactionID(using: &rng),
            attributes: [.username("srvr:peer"), .priority(0x6E00_01FF), .iceControlling(tieBreaker: 42)]
        ).encode(integrity: STUNIntegrityKey(shortTermPassword: credentials.password))
        while agent.pollOutput() != nil {}
        let clock = ContinuousClock()
        let start = clock.now
        var responses = 0
        for index in 0..<count {
            agent.handle(datagram: request, from: peer, to: local, now: .zero + .microseconds(index))
            while let output = agent.pollOutput() {
                if case .transmit = output { responses += 1 }
            }
        }
        let elapsed = clock.now - start
        guard responses == count else { throw BenchmarkFailure(answered: responses, sent: count) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(count) / seconds
    }

    struct BenchmarkFailure: Error, CustomStringConvertible {
        let answered: Int, sent: Int
        var description: String { "the agent answered \(answered) of \(sent) requests" }
    }

    /// A small deterministic generator: the benchmark's transaction ID needs no secrecy.
    struct SystemRandomForBench: RandomNumberGenerator {
        var state: UInt64 = 0x5EED
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 27)
        }
    }
}
