import Foundation
import Testing

/// `brook dtls bench --compare openssl`: OpenSSL's in-memory DTLS 1.2 handshakes
/// (Benchmarks/C/openssl_dtls_bench.c) beside Brook's, one row per suite × group. Timing is never
/// checked: a figure only has to be a positive number, and the two figures of a row consistent.
@Suite("brook dtls bench --compare openssl")
struct DTLSBenchCompareTests {
    static let suites = ["TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                         "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"]
    static let rows = Set(suites.flatMap { ["\($0) x25519", "\($0) secp256r1"] })
    static var referenceLine: Regex<Substring> { #/  openssl: [0-9]+\.[0-9]{3} ms, [0-9]+\.[0-9] per second; brook/openssl [0-9]+\.[0-9]{2}×/# }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let value as Double: value
        case let value as Int: Double(value)
        case let value as NSNumber: value.doubleValue
        default: nil
        }
    }

    @Test("--quick --json: one openssl row per suite × group, consistent figures; Brook's rows carry impl brook")
    func jsonRows() throws {
        guard !BenchEnvironment.availableReferences(["openssl"]).isEmpty else { return }
        let run = try BenchEnvironment.runBrook(["dtls", "bench", "--quick", "--json", "--compare", "openssl"])
        try #require(run.status == 0, "brook dtls bench exited \(run.status): \(run.stderr)")
        let objects = try run.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let handshakes = objects.filter { $0["op"] as? String == "dtls-handshake" }
        func row(_ object: [String: Any]) -> String { "\(object["suite"] ?? "") \(object["group"] ?? "")" }
        let brook = handshakes.filter { $0["impl"] as? String == "brook" }
        let openssl = handshakes.filter { $0["impl"] as? String == "openssl" }
        #expect(brook.count + openssl.count == handshakes.count, "every dtls-handshake row is brook's or openssl's")
        #expect(brook.count == Self.rows.count && Set(brook.map(row)) == Self.rows)
        #expect(openssl.count == Self.rows.count && Set(openssl.map(row)) == Self.rows)
        for object in openssl {
            #expect(Set(object.keys) == ["op", "suite", "group", "impl", "handshakes_per_s", "ms_per_handshake"], "\(object)")
            let rate = try #require(Self.number(object["handshakes_per_s"]), "\(object)")
            let milliseconds = try #require(Self.number(object["ms_per_handshake"]), "\(object)")
            #expect(rate.isFinite && rate > 0.05 && milliseconds.isFinite && milliseconds > 0, "\(object)")
            // ms = 1000 / rate, to the printed precision (0.1 per second, 0.0001 ms).
            #expect(milliseconds >= 1000 / (rate + 0.05) - 0.00005 && milliseconds <= 1000 / (rate - 0.05) + 0.00005,
                    "ms_per_handshake is 1000 / handshakes_per_s: \(object)")
        }
        // The other rows are Brook's alone and unchanged: no impl field.
        #expect(objects.filter { $0["op"] as? String != "dtls-handshake" }.allSatisfy { $0["impl"] == nil })
    }

    @Test("text: after each handshake line, the openssl line with Brook's ratio")
    func textLines() throws {
        guard !BenchEnvironment.availableReferences(["openssl"]).isEmpty else { return }
        let run = try BenchEnvironment.runBrook(["dtls", "bench", "--quick", "--compare", "openssl"])
        try #require(run.status == 0, "brook dtls bench exited \(run.status): \(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let handshakeIndices = lines.indices.filter { lines[$0].hasPrefix("handshake: ") }
        #expect(handshakeIndices.count == Self.rows.count, "\(run.stdout)")
        for index in handshakeIndices {
            let next = index + 1 < lines.endIndex ? lines[index + 1] : ""
            #expect(next.wholeMatch(of: Self.referenceLine) != nil, "after \(lines[index]): \(next)")
        }
        #expect(lines.filter { $0.hasPrefix("  openssl: ") }.count == Self.rows.count)
    }

    @Test("--compare accepts openssl only: anything else is a usage error")
    func unknownReference() throws {
        let run = try BenchEnvironment.runBrook(["dtls", "bench", "--quick", "--compare", "bearssl"])
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("A reference that cannot be built is an error naming libssl-dev, before any timing")
    func unbuildableReference() throws {
        let run = try BenchEnvironment.runBrook(["dtls", "bench", "--quick", "--compare", "openssl"], environment: ["CC": "false"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1 && errors.first?.contains("libssl-dev") == true, "\(run.stderr)")
    }
}
