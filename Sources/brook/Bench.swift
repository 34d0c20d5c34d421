import ArgumentParser
import Foundation

/// `brook bench`: BrookCrypto's and BrookSRTP's speed, and the same rows measured on OpenSSL, BearSSL,
/// swift-crypto and libsrtp2 in the same run (issues 3 and 5). Build it in release (`swift build -c release`); figures of a debug build
/// mean nothing.
///
/// Output: a table with one ratio per reference on every row (Brook's figure divided by the
/// reference's: above 1 means Brook is faster), and the targets met or missed; or, with
/// `--json`, one JSON object per line, Brook's rows first and then each reference's:
///
///     {"op": "aes-128-gcm-seal", "bytes": 16384, "impl": "brook", "mb_per_s": 123.4}
///     {"op": "p256-sign", "impl": "openssl-nohw", "ops_per_s": 4567.8}
///     {"op": "srtp-protect", "profile": "AES_CM_128_HMAC_SHA1_80", "bytes": 1200, "impl": "libsrtp2",
///      "packets_per_s": 201234.5, "mb_per_s": 241.5}
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure BrookCrypto and BrookSRTP, optionally beside OpenSSL, BearSSL, swift-crypto and libsrtp2.",
        discussion: """
            Throughput rows: AES-128/256-GCM and ChaCha20-Poly1305 seal and open (in place, 13 bytes \
            of AAD) at 64, 1200 and 16384 bytes; AES-128-CTR, SHA-1 and SHA-256 at 1200 and 16384 \
            bytes; HMAC-SHA1 at 1200 bytes (MB = 10^6 bytes). Key operations: p256-keygen, \
            p256-ecdh, p256-sign, p256-verify, x25519. SRTP rows: srtp-protect and srtp-unprotect of \
            RTP packets with a 1200-byte payload under AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, \
            AEAD_AES_128_GCM and AEAD_AES_256_GCM (packets/s, and MB/s of payload). --compare openssl \
            also runs libcrypto with AES-NI and PCLMULQDQ masked (impl openssl-nohw). The reference \
            programs are built from Benchmarks/ (cc, Debian's libssl-dev, libbearssl-dev and \
            libsrtp2-dev; swift build for swift-crypto). \
            Time is the thread's CPU time unless --elapsed; see Benchmarks/README.md.
            """
    )

    @Option(name: .customLong("compare"), help: "Also measure a reference: openssl, bearssl, swift-crypto or libsrtp2 (repeatable).")
    var references: [BenchReference] = []

    @Flag(help: "Print one JSON object per line instead of the table.")
    var json = false

    @Flag(help: "Short timing (about 10 ms per row, one round): for tests, not for figures.")
    var quick = false

    @Option(help: "Seconds of timing per row (default 0.5, split over five rounds; the best counts).")
    var seconds: Double?

    @Flag(help: "Time on the wall clock instead of the thread's CPU time (the default, as `openssl speed`).")
    var elapsed = false

    @Option(help: "Only rows whose op or SRTP profile contains this text (repeatable).")
    var filter: [String] = []

    @Option(help: "The Brook checkout holding Benchmarks/ (default: the one this binary was built from).")
    var packagePath: String?

    func validate() throws {
        if let seconds, !(seconds > 0 && seconds <= 60) { throw ValidationError("--seconds must be in (0, 60]") }
        if BenchRegistry.cases(matching: filter).isEmpty { throw ValidationError("no row matches --filter \(filter)") }
    }

    func run() throws {
        var timing = quick ? BenchTiming.quick : BenchTiming.standard
        if let seconds { timing.seconds = seconds }
        if elapsed { timing.clock = CLOCK_MONOTONIC }
        let references = unique(self.references)
        let root = packagePath.map { URL(fileURLWithPath: $0) } ?? Self.checkout
        let executables = try references.map { reference in
            // Progress on stderr keeps stdout to the report (the first swift-crypto build takes minutes).
            FileHandle.standardError.write(Data("brook bench: building the \(reference.rawValue) reference\n".utf8))
            return try reference.build(root: root)
        }

        var results: [BenchResult] = []
        for benchCase in BenchRegistry.cases(matching: filter) {
            let body = try benchCase.prepare()
            let result = BenchResult(row: benchCase.row, impl: "brook", operationsPerSecond: try timing.operationsPerSecond(body))
            emit(result)
            results.append(result)
        }
        var arguments = quick ? ["--quick"] : []
        if let seconds { arguments += ["--seconds", String(seconds)] }
        if elapsed { arguments.append("--elapsed") }
        for text in filter { arguments += ["--filter", text] }
        for (reference, executable) in zip(references, executables) {
            for result in try reference.measure(executable: executable, arguments: arguments) {
                emit(result)
                results.append(result)
            }
        }
        if !json { print(BenchTable(results: results).rendered) }
    }

    private func emit(_ result: BenchResult) {
        guard json else { return }
        print(result.jsonLine)
        fflush(nil)
    }

    private func unique(_ references: [BenchReference]) -> [BenchReference] {
        references.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The package root this file was compiled from (Sources/brook/Bench.swift → ../..).
    static var checkout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

extension BenchReference: ExpressibleByArgument {}
