import ArgumentParser
import BrookCrypto
import BrookDTLS
import BrookSansIO
import BrookX509
import Foundation
import Glibc

/// `brook dtls bench`: full handshakes per second and application-data throughput with client and
/// server in one process (in memory, no sockets), and heap bytes per connection.
struct DTLSBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench",
                                                    abstract: "Measure in-memory DTLS handshakes, throughput and memory per connection.")

    @Option(help: "Full handshakes to time.")
    var handshakes = 200

    @Option(help: "Megabytes of application data to move in 1200-byte records.")
    var megabytes = 50

    func run() throws {
        let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let clientKey = P256.Signing.PrivateKey(), serverKey = P256.Signing.PrivateKey()
        let clientCertificate = try Certificate.webRTC(privateKey: clientKey, now: now)
        let serverCertificate = try Certificate.webRTC(privateKey: serverKey, now: now)
        var clientConfiguration = DTLSConfiguration(
            certificate: clientCertificate, privateKey: clientKey,
            peerVerification: .fingerprints([CertificateFingerprint(certificate: serverCertificate)]))
        clientConfiguration.cipherSuites = [.ecdheECDSAWithAES128GCMSHA256]
        let serverConfiguration = DTLSConfiguration(
            certificate: serverCertificate, privateKey: serverKey,
            peerVerification: .fingerprints([CertificateFingerprint(certificate: clientCertificate)]))

        // Handshakes.
        let start = monotonicSeconds()
        for _ in 0..<handshakes {
            var pair = Pair(client: clientConfiguration, server: serverConfiguration)
            guard pair.run() else { throw ValidationError("handshake failed") }
        }
        let elapsed = monotonicSeconds() - start
        print(String(format: "handshakes: %d in %.3f s, %.1f per second, %.3f ms each (cookie exchange on, x25519, AES-128-GCM)",
                     handshakes, elapsed, Double(handshakes) / elapsed, elapsed * 1000 / Double(handshakes)))

        // Throughput.
        var pair = Pair(client: clientConfiguration, server: serverConfiguration)
        guard pair.run() else { throw ValidationError("handshake failed") }
        let record = [UInt8](repeating: 0x5A, count: 1200)
        let count = megabytes * 1_000_000 / record.count
        let dataStart = monotonicSeconds()
        var received = 0
        for _ in 0..<count {
            try pair.client.send(record)
            while let output = pair.client.pollOutput() {
                if case .transmit(let datagram) = output { pair.server.handle(datagram: datagram, now: .zero) }
            }
            while let output = pair.server.pollOutput() {
                if case .event(.applicationData(let bytes)) = output { received += bytes.count }
            }
        }
        let dataElapsed = monotonicSeconds() - dataStart
        print(String(format: "throughput: %.1f MB/s sealed and opened (%d records of 1200 bytes, AES-128-GCM)",
                     Double(received) / dataElapsed / 1_000_000, count))

        // Memory per connection: resident-memory growth over many pairs, mid-handshake and established.
        let pairs = 200
        let base = heapInUse()
        var midway: [Pair] = []
        for _ in 0..<pairs {
            var pair = Pair(client: clientConfiguration, server: serverConfiguration)
            pair.run(rounds: 2)
            midway.append(pair)
        }
        let handshaking = (heapInUse() - base) / (2 * pairs)
        for index in midway.indices { _ = midway[index].run() }
        let established = (heapInUse() - base) / (2 * pairs)
        print("memory: \(handshaking) bytes per connection mid-handshake, \(established) established (resident-memory growth over \(pairs) pairs)")
        withExtendedLifetime(midway) {}
    }
}

private struct Pair {
    var client: DTLSConnection
    var server: DTLSConnection
    var connected = 0

    init(client: DTLSConfiguration, server: DTLSConfiguration) {
        self.client = DTLSConnection(role: .client, configuration: client, now: .zero)
        self.server = DTLSConnection(role: .server, configuration: server, now: .zero)
    }

    /// Pumps until both sides are connected (true) or nothing moves, for at most `rounds` exchanges.
    @discardableResult
    mutating func run(rounds: Int = 20) -> Bool {
        for _ in 0..<rounds {
            var moved = false
            while let output = client.pollOutput() {
                if case .transmit(let datagram) = output { server.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.connected) = output { connected += 1 }
            }
            while let output = server.pollOutput() {
                if case .transmit(let datagram) = output { client.handle(datagram: datagram, now: .zero); moved = true }
                if case .event(.connected) = output { connected += 1 }
            }
            if connected == 2 { return true }
            if !moved { return false }
        }
        return connected == 2
    }
}

private func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Resident memory in bytes, from /proc/self/statm (glibc's mallinfo is not visible to Swift here).
private func heapInUse() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}
