// The reference of `brook dtls bench --compare`: OpenSSL's own in-memory DTLS 1.2 handshakes per suite ×
// group (Benchmarks/C/openssl_dtls_bench.c), built like `brook bench`'s C references and run once per row,
// right after Brook's, with the same timing options. Each run prints one line in the schema of Brook's row:
//   {"op": "dtls-handshake", "suite": "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "group": "x25519",
//    "impl": "openssl", "handshakes_per_s": 1234.5, "ms_per_handshake": 0.8101}
import ArgumentParser
import BrookDTLS
import Foundation

enum DTLSBenchReference: String, CaseIterable, ExpressibleByArgument, Sendable {
    case openssl

    /// Builds the program under `root` (the package), returning the executable's path.
    func build(root: URL) throws -> String {
        try BenchReference.compileC("openssl_dtls_bench.c", libraries: ["ssl", "crypto"], package: "libssl-dev",
                                    name: "openssl DTLS", root: root)
    }

    /// Runs the built program on one suite × group: `--quick`, or `--seconds` per row as Brook's rows.
    func measure(executable: String, suite: DTLSCipherSuite, group: DTLSNamedGroup, quick: Bool,
                 seconds: Double) throws -> DTLSHandshakeRate {
        let timing = quick ? ["--quick"] : ["--seconds", String(seconds)]
        let output = try BenchProcess.run(executable, timing + ["--suite", suite.ianaName, "--group", "\(group)"],
                                          what: "\(rawValue) DTLS reference")
        let lines = output.split(separator: "\n")
        guard lines.count == 1, let rate = try? DTLSHandshakeRate(jsonLine: String(lines[0])),
              rate.impl == rawValue, rate.suite == suite.ianaName, rate.group == "\(group)"
        else { throw BenchError.reference("expected one \(rawValue) row for \(suite.ianaName), \(group): \(output)") }
        return rate
    }
}

/// One `dtls-handshake` row of a reference, checked against the schema (exactly its six keys).
struct DTLSHandshakeRate: Sendable {
    let suite: String
    let group: String
    let impl: String
    let handshakesPerSecond: Double
    let millisecondsPerHandshake: Double
    /// The line as the program printed it.
    let jsonLine: String

    init(jsonLine line: String) throws(BenchError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              Set(object.keys) == ["op", "suite", "group", "impl", "handshakes_per_s", "ms_per_handshake"],
              object["op"] as? String == "dtls-handshake",
              let suite = object["suite"] as? String, let group = object["group"] as? String, let impl = object["impl"] as? String,
              let rate = Self.number(object["handshakes_per_s"]), rate.isFinite, rate > 0,
              let milliseconds = Self.number(object["ms_per_handshake"]), milliseconds.isFinite, milliseconds > 0
        else { throw .reference("not a dtls-handshake row: \(line)") }
        self.suite = suite
        self.group = group
        self.impl = impl
        handshakesPerSecond = rate
        millisecondsPerHandshake = milliseconds
        jsonLine = line
    }

    private static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Double: value
        case let value as Int: Double(value)
        default: nil
        }
    }
}
