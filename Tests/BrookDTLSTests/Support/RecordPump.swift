import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO

/// Moves records one at a time, in the order they were sent, between a client and a server, so a
/// test can stop at any handshake state (RFC 5246 §7.3) and act between two records.
struct RecordPump {
    var client: DTLSConnection
    var server: DTLSConnection
    var clientReported = Reported()
    var serverReported = Reported()
    var now = Instant.zero
    private var queue: [(toServer: Bool, record: [UInt8])] = []

    init(client: DTLSConfiguration, server: DTLSConfiguration, seed: UInt64 = 21) {
        self.client = DTLSConnection(role: .client, configuration: client, now: .zero, rng: SeededGenerator(seed: seed))
        self.server = DTLSConnection(role: .server, configuration: server, now: .zero, rng: SeededGenerator(seed: seed &+ 1))
    }

    /// Records sent but not delivered yet.
    var pending: Int { queue.count }

    /// Delivers records until `stop` holds (returns true) or nothing is left to deliver (false).
    @discardableResult
    mutating func run(until stop: (RecordPump) -> Bool = { _ in false }, limit: Int = 1000) -> Bool {
        for _ in 0..<limit {
            collect()
            if stop(self) { return true }
            guard !queue.isEmpty else { return false }
            let next = queue.removeFirst()
            if next.toServer { server.handle(datagram: next.record, now: now) } else { client.handle(datagram: next.record, now: now) }
        }
        return false
    }

    /// Takes whatever both sides have queued.
    mutating func collect() {
        for datagram in clientReported.drain(&client) { queue += recordsOf(datagram).map { (true, $0) } }
        for datagram in serverReported.drain(&server) { queue += recordsOf(datagram).map { (false, $0) } }
    }
}
