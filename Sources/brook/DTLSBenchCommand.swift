import ArgumentParser
import BrookCrypto
import BrookDTLS
import BrookSansIO
import BrookX509
import Foundation
import Glibc

/// `brook dtls bench`: full handshakes per second and application-data throughput with client and
/// server in one process (in memory, no sockets), next to the crypto one handshake needs, and live
/// heap bytes per connection.
///
/// Lines (stable): `handshakes:` (wall clock, the default suite), then per suite × group a
/// `handshake:` line with the crypto sum and the protocol's own overhead and a `crypto:` line with
/// its parts, `throughput:` per suite, and `memory:`. `--json` prints one object per line instead.
/// `--compare openssl` also times OpenSSL's own in-memory handshakes on each suite × group, right after
/// Brook's (DTLSBenchReference): a line `  openssl: … brook/openssl <ratio>×` after each `handshake:`
/// line, or its JSON row (`"impl": "openssl"`) after Brook's (`"impl": "brook"`).
struct DTLSBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench",
                                                    abstract: "Measure in-memory DTLS handshakes, throughput and memory per connection.")

    @Option(help: "Full handshakes to time for the first line.")
    var handshakes = 200

    @Option(help: "Megabytes of application data to move in 1200-byte records, per suite.")
    var megabytes = 50

    @Option(help: "Seconds of timing per suite × group handshake row, a quarter of that per crypto operation (best of forty interleaved rounds).")
    var seconds = 1.0

    @Option(help: "Client–server pairs alive for the memory figures.")
    var pairs = 200

    @Flag(help: "Print one JSON object per line.")
    var json = false

    @Flag(help: "Short timing (for tests, not for figures): 20 handshakes, 1 MB, 0.05 s rows, 20 pairs.")
    var quick = false

    @Option(name: .customLong("compare"),
            help: "Also time a reference's in-memory DTLS 1.2 handshakes on each suite × group, in the same run: openssl (repeatable; built with cc and Debian's libssl-dev).")
    var references: [DTLSBenchReference] = []

    func run() throws {
        let handshakeCount = quick ? 20 : handshakes, megabyteCount = quick ? 1 : megabytes
        let rowSeconds = quick ? 0.05 : seconds, pairCount = quick ? 20 : pairs
        guard handshakeCount > 0, megabyteCount > 0, rowSeconds > 0, pairCount > 0 else {
            throw ValidationError("--handshakes, --megabytes, --seconds and --pairs must be positive")
        }
        // The references first, so that one that cannot be built stops the run before any timing.
        var executables: [(reference: DTLSBenchReference, path: String)] = []
        try reportingFailures {
            for reference in references where !executables.contains(where: { $0.reference == reference }) {
                printError("brook dtls bench: building the \(reference.rawValue) reference")
                executables.append((reference, try reference.build(root: Bench.checkout)))
            }
        }
        let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let clientKey = P256.Signing.PrivateKey(), serverKey = P256.Signing.PrivateKey()
        let clientCertificate = try Certificate.webRTC(privateKey: clientKey, now: now)
        let serverCertificate = try Certificate.webRTC(privateKey: serverKey, now: now)
        let clientConfiguration = DTLSConfiguration(
            certificate: clientCertificate, privateKey: clientKey,
            peerVerification: .fingerprints([CertificateFingerprint(certificate: serverCertificate)]))
        let serverConfiguration = DTLSConfiguration(
            certificate: serverCertificate, privateKey: serverKey,
            peerVerification: .fingerprints([CertificateFingerprint(certificate: clientCertificate)]))
        let standard = DTLSBenchIdentities(client: clientConfiguration, server: serverConfiguration,
                                           suite: .ecdheECDSAWithAES128GCMSHA256, group: .x25519)

        // Handshakes on the wall clock, the default suite (the first line, as before).
        let start = monotonicSeconds()
        for _ in 0..<handshakeCount {
            var pair = DTLSBenchPair<BrookCryptoProvider>(client: standard.client, server: standard.server)
            guard pair.run() else { throw ValidationError("handshake failed") }
        }
        let elapsed = monotonicSeconds() - start
        if json {
            print(#"{"op": "dtls-handshakes", "suite": "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "group": "x25519", "count": \#(handshakeCount), "seconds": \#(fixed(elapsed, 4)), "handshakes_per_s": \#(fixed(Double(handshakeCount) / elapsed, 1))}"#)
        } else {
            print(String(format: "handshakes: %d in %.3f s, %.1f per second, %.3f ms each (cookie exchange on, x25519, AES-128-GCM)",
                         handshakeCount, elapsed, Double(handshakeCount) / elapsed, elapsed * 1000 / Double(handshakeCount)))
        }

        // Per suite × group: handshakes on the thread's CPU clock beside the crypto they need, on the
        // same clock, timed in turns (a handshake batch, then each crypto part's batch, round after
        // round), so the handshakes and their parts see the machine in the same state.
        let timing = BenchTiming(seconds: rowSeconds, rounds: quick ? 1 : 40)
        for suite in DTLSCipherSuite.allCases {
            for group in DTLSNamedGroup.allCases {
                let identities = DTLSBenchIdentities(client: clientConfiguration, server: serverConfiguration, suite: suite, group: group)
                var items = try HandshakeCrypto.plan(identities, group: group)
                let handshakes: BenchSelfTimedBody = { n, stopwatch in
                    try stopwatch.measure {
                        for _ in 0..<n {
                            var pair = DTLSBenchPair<BrookCryptoProvider>(client: identities.client, server: identities.server)
                            guard pair.run() else { throw BenchError.failed("handshake failed") }
                        }
                    }
                }
                let parts = items
                let together: BenchSelfTimedBody = { n, stopwatch in
                    try stopwatch.measure {
                        for _ in 0..<n { for item in parts { for _ in 0..<item.bodyCount { try item.body() } } }
                    }
                }
                let each: [BenchSelfTimedBody] = parts.map { item in
                    { n, stopwatch in try stopwatch.measure { for _ in 0..<n { try item.body() } } }
                }
                // The handshakes get the row's time, each part and the whole sequence a quarter of it.
                // Forty rounds: batches short enough that some run undisturbed on a shared machine,
                // long enough (dozens of handshakes) that a batch is not mostly cold caches.
                let rounds = try timing.interleavedSecondsPerOperation([handshakes, together] + each,
                                                                       shares: [1, 0.25] + parts.map { _ in 0.25 })
                // Each figure is its best round; the overheads are the median of the rounds' own
                // overheads, each from a handshake batch and the crypto batches timed beside it.
                func best(_ body: Int) -> Double { rounds.map { $0[body] }.min() ?? 0 }
                for index in items.indices { items[index].secondsEach = best(index + 2) / Double(items[index].operationsPerBody) }
                let sums = rounds.map { round in
                    zip(items, round.dropFirst(2)).reduce(0) { $0 + $1.1 * Double($1.0.bodyCount) }
                }
                let overheads = zip(rounds, sums).map { round, sum in (round[0] - sum) / round[0] * 100 }
                let overheadsTogether = rounds.map { round in (round[0] - round[1]) / round[0] * 100 }
                var referenceRates: [DTLSHandshakeRate] = []
                try reportingFailures {
                    referenceRates = try executables.map { reference, path in
                        try reference.measure(executable: path, suite: suite, group: group, quick: quick, seconds: rowSeconds)
                    }
                }
                report(suite: suite, group: group, perSecond: 1 / best(0),
                       crypto: HandshakeCryptoMeasurement(items: items, sequenceSeconds: best(1)),
                       overhead: median(overheads), overheadTogether: median(overheadsTogether), references: referenceRates)
            }
        }

        // Throughput per suite.
        for suite in DTLSCipherSuite.allCases {
            let identities = DTLSBenchIdentities(client: clientConfiguration, server: serverConfiguration, suite: suite, group: .x25519)
            try throughput(identities, suite: suite, megabytes: megabyteCount)
        }

        // Memory per connection: live heap with `pairs` pairs alive.
        let memory = DTLSBenchMemory.measure(standard, pairs: pairCount)
        if json {
            print(#"{"op": "dtls-memory", "state": "handshaking", "pairs": \#(pairCount), "bytes_per_connection": \#(memory.handshaking)}"#)
            print(#"{"op": "dtls-memory", "state": "established", "pairs": \#(pairCount), "bytes_per_connection": \#(memory.established)}"#)
        } else {
            print("memory: \(memory.handshaking) bytes per connection mid-handshake, \(memory.established) established (live heap: glibc bytes in use over \(pairCount) pairs)")
        }
    }

    /// The handshake beside the crypto it needs: the protocol's own overhead is the rest, against
    /// the sum of the parts timed one by one, and against all parts timed together in one body; then
    /// each reference's handshakes on the same row, with Brook's rate over the reference's.
    private func report(suite: DTLSCipherSuite, group: DTLSNamedGroup, perSecond: Double, crypto: HandshakeCryptoMeasurement,
                        overhead: Double, overheadTogether: Double, references: [DTLSHandshakeRate]) {
        let handshake = 1 / perSecond
        if json {
            let parts = crypto.items.map { #""\#($0.name)": {"count": \#($0.count), "us_each": \#(fixed($0.secondsEach * 1e6, 2))}"# }
            print(#"{"op": "dtls-handshake", "suite": "\#(suite.ianaName)", "group": "\#(group)", "impl": "brook", "handshakes_per_s": \#(fixed(perSecond, 1)), "ms_per_handshake": \#(fixed(handshake * 1000, 4)), "crypto_ms": \#(fixed(crypto.sumSeconds * 1000, 4)), "crypto_together_ms": \#(fixed(crypto.sequenceSeconds * 1000, 4)), "overhead_percent": \#(fixed(overhead, 1)), "overhead_together_percent": \#(fixed(overheadTogether, 1)), "crypto": {\#(parts.joined(separator: ", "))}}"#)
            for reference in references { print(reference.jsonLine) }
        } else {
            print("handshake: \(suite.ianaName), \(group): \(fixed(handshake * 1000, 3)) ms, \(fixed(perSecond, 1)) per second; "
                  + "crypto it needs \(fixed(crypto.sumSeconds * 1000, 3)) ms (\(fixed(crypto.sequenceSeconds * 1000, 3)) ms timed together); "
                  + "protocol overhead \(fixed(overhead, 1))% (\(fixed(overheadTogether, 1))%)")
            for reference in references {
                print("  \(reference.impl): \(fixed(reference.millisecondsPerHandshake, 3)) ms, \(fixed(reference.handshakesPerSecond, 1)) per second; "
                      + "brook/\(reference.impl) \(fixed(perSecond / reference.handshakesPerSecond, 2))×")
            }
            print("  crypto: " + crypto.items.map { "\($0.name) \($0.count) × \(fixed($0.secondsEach * 1e6, 1)) µs" }.joined(separator: ", "))
        }
    }

    private func throughput(_ identities: DTLSBenchIdentities, suite: DTLSCipherSuite, megabytes: Int) throws {
        var pair = DTLSBenchPair<BrookCryptoProvider>(client: identities.client, server: identities.server)
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
        guard received == count * record.count else { throw ValidationError("throughput: \(received) bytes arrived") }
        let rate = Double(received) / (monotonicSeconds() - dataStart) / 1_000_000
        if json {
            print(#"{"op": "dtls-throughput", "suite": "\#(suite.ianaName)", "bytes": 1200, "mb_per_s": \#(fixed(rate, 1))}"#)
        } else {
            print("throughput: \(fixed(rate, 1)) MB/s sealed and opened (\(count) records of 1200 bytes, \(Self.shortName(suite)))")
        }
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func shortName(_ suite: DTLSCipherSuite) -> String {
        switch suite {
        case .ecdheECDSAWithAES128GCMSHA256: "AES-128-GCM"
        case .ecdheECDSAWithAES256GCMSHA384: "AES-256-GCM"
        case .ecdheECDSAWithChaCha20Poly1305SHA256: "ChaCha20-Poly1305"
        }
    }
}

private func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
