import Foundation
import Testing

/// `brook bench --json` against the contracts of issues 3, 5 and 6: every line one JSON object of exactly
/// {"op", "bytes", "impl", "mb_per_s"} (throughput), {"op", "impl", "ops_per_s"} (key operations and
/// issue 6's stun-binding) or,
/// for SRTP, {"op", "profile", "bytes", "impl", "packets_per_s", "mb_per_s"} in that order; impl one
/// of the six names, and every implementation measuring exactly the selected rows it has. Timing is
/// never checked: a figure only has to be a positive number.
@Suite("brook bench JSON lines")
struct BenchJSONSchemaTests {
    /// Every crypto row of issue 3: three AEADs sealing and opening at three sizes, AES-128-CTR, SHA-1
    /// and SHA-256 at two sizes, HMAC-SHA1, and the five key operations.
    static let aeadOps = ["aes-128-gcm-seal", "aes-128-gcm-open", "aes-256-gcm-seal", "aes-256-gcm-open",
                          "chacha20-poly1305-seal", "chacha20-poly1305-open"]
    static let keyOps = ["p256-keygen", "p256-ecdh", "p256-sign", "p256-verify", "x25519"]
    static let expectedCryptoRows: Set<String> = Set(
        aeadOps.flatMap { op in [64, 1200, 16384].map { "\(op)/\($0)" } }
            + ["aes-128-ctr", "sha1", "sha256"].flatMap { op in [1200, 16384].map { "\(op)/\($0)" } }
            + ["hmac-sha1/1200"] + keyOps)
    /// Issue 6's row: Binding requests handled per second, Brook only.
    static let expectedSTUNRows: Set<String> = ["stun-binding"]
    static let profiles = ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"]
    static let expectedSRTPRows = Set(profiles.flatMap { ["srtp-protect/\($0)/1200", "srtp-unprotect/\($0)/1200"] })
    static let throughputOps = Set(aeadOps + ["aes-128-ctr", "sha1", "sha256", "hmac-sha1"])
    static let srtpOps: Set<String> = ["srtp-protect", "srtp-unprotect"]
    static let implementations: Set<String> = ["brook", "openssl", "openssl-nohw", "swift-crypto", "bearssl", "libsrtp2"]
    /// Issue 6's row, key order included.
    static var stunLine: Regex<Substring> { #/\{"op": "stun-binding", "impl": "brook", "ops_per_s": [0-9]+\.[0-9]\}/# }
    /// Issue 5's row, key order included.
    static var srtpLine: Regex<Substring> { #/\{"op": "srtp-(?:un)?protect", "profile": "[A-Z0-9_]+", "bytes": 1200, "impl": "[a-z0-9]+", "packets_per_s": [0-9]+\.[0-9], "mb_per_s": [0-9]+\.[0-9]\}/# }

    struct Line {
        var op: String
        var profile: String? = nil
        var bytes: Int?
        var impl: String
        var key: String { [op, profile, bytes.map(String.init)].compactMap { $0 }.joined(separator: "/") }
    }

    /// Parses one line strictly; records an issue and returns nil when it breaks the schema.
    static func parse(_ line: Substring) -> Line? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            Issue.record("not a JSON object: \(line)")
            return nil
        }
        guard let op = object["op"] as? String, let impl = object["impl"] as? String else {
            Issue.record("op and impl must be strings: \(line)")
            return nil
        }
        #expect(implementations.contains(impl), "impl \(impl) is not one of the schema's: \(line)")
        if srtpOps.contains(op) {
            #expect(line.wholeMatch(of: srtpLine) != nil, "SRTP line layout: \(line)")
            #expect(Set(object.keys) == ["op", "profile", "bytes", "impl", "packets_per_s", "mb_per_s"], "SRTP keys: \(line)")
            let profile = object["profile"] as? String
            #expect(profiles.contains(profile ?? ""), "profile must be one of the four: \(line)")
            let bytes = object["bytes"] as? Int
            #expect(bytes == 1200, "bytes must be the 1200-byte payload: \(line)")
            let packets = (object["packets_per_s"] as? Double) ?? 0, megabytes = (object["mb_per_s"] as? Double) ?? 0
            #expect(packets > 0 && megabytes > 0, "packets_per_s and mb_per_s must be positive numbers: \(line)")
            // Both figures are printed to 0.1: MB/s is packets/s × 1200 bytes / 10^6, to that rounding.
            #expect(abs(megabytes - packets * 1200 / 1e6) <= 0.05 + 0.06 * 1200 / 1e6, "mb_per_s = packets_per_s × bytes: \(line)")
            return Line(op: op, profile: profile, bytes: bytes, impl: impl)
        }
        if throughputOps.contains(op) {
            #expect(Set(object.keys) == ["op", "bytes", "impl", "mb_per_s"], "throughput keys: \(line)")
            let bytes = object["bytes"] as? Int
            #expect((bytes ?? 0) > 0, "bytes must be a positive integer: \(line)")
            #expect(((object["mb_per_s"] as? Double) ?? 0) > 0, "mb_per_s must be a positive number: \(line)")
            return Line(op: op, bytes: bytes, impl: impl)
        }
        #expect(keyOps.contains(op) || op == "stun-binding", "unknown op: \(line)")
        if op == "stun-binding" { #expect(line.wholeMatch(of: stunLine) != nil, "STUN line layout: \(line)") }
        #expect(Set(object.keys) == ["op", "impl", "ops_per_s"], "key-operation keys: \(line)")
        #expect(((object["ops_per_s"] as? Double) ?? 0) > 0, "ops_per_s must be a positive number: \(line)")
        return Line(op: op, bytes: nil, impl: impl)
    }

    @Test("--quick --json --compare openssl --compare bearssl --compare libsrtp2: exact schema, every impl measures every row it has")
    func jsonLinesWithReferences() throws {
        let references = BenchEnvironment.availableReferences(["openssl", "bearssl", "libsrtp2"])
        var arguments = ["bench", "--quick", "--json"]
        for reference in references { arguments += ["--compare", reference] }
        let run = try BenchEnvironment.runBrook(arguments)
        try #require(run.status == 0, "brook bench exited \(run.status): \(run.stderr)")

        var rows: [String: [String]] = [:]
        for text in run.stdout.split(separator: "\n") {
            if let line = Self.parse(text) { rows[line.impl, default: []].append(line.key) }
        }
        var expectedImpls: Set<String> = ["brook"]
        if references.contains("openssl") { expectedImpls.formUnion(["openssl", "openssl-nohw"]) }
        if references.contains("bearssl") { expectedImpls.insert("bearssl") }
        if references.contains("libsrtp2") { expectedImpls.insert("libsrtp2") }
        #expect(Set(rows.keys) == expectedImpls)
        for (impl, keys) in rows {
            #expect(keys.count == Set(keys).count, "\(impl) printed a row twice: \(keys)")
            let expected = switch impl {
            case "brook": Self.expectedCryptoRows.union(Self.expectedSRTPRows).union(Self.expectedSTUNRows)
            case "libsrtp2": Self.expectedSRTPRows
            default: Self.expectedCryptoRows
            }
            #expect(Set(keys) == expected, "\(impl) rows")
        }
    }

    @Test("--filter matches a profile too: AEAD_AES_256 selects its protect and unprotect rows only")
    func filterByProfile() throws {
        let run = try BenchEnvironment.runBrook(["bench", "--quick", "--json", "--filter", "AEAD_AES_256"])
        try #require(run.status == 0, "brook bench exited \(run.status): \(run.stderr)")
        let keys = run.stdout.split(separator: "\n").compactMap { Self.parse($0)?.key }
        #expect(keys == ["srtp-protect/AEAD_AES_256_GCM/1200", "srtp-unprotect/AEAD_AES_256_GCM/1200"])
    }

    @Test("SRTP rows get a table of their own after the crypto rows: pkt/s, MB/s, the libsrtp2 ratio and issue 5's targets")
    func srtpTable() throws {
        let references = BenchEnvironment.availableReferences(["libsrtp2"])
        var arguments = ["bench", "--quick", "--filter", "x25519", "--filter", "srtp-protect"]
        for reference in references { arguments += ["--compare", reference] }
        let run = try BenchEnvironment.runBrook(arguments)
        try #require(run.status == 0, "brook bench exited \(run.status): \(run.stderr)")
        let tables = run.stdout.split(separator: "\n\n")
        try #require(tables.count == 2, "the crypto table, a blank line, the SRTP table: \(run.stdout)")
        #expect(tables[0].split(separator: "\n").count == 2, "a header and the x25519 row: \(tables[0])")
        // Cells are separated by at least two spaces; a header cell may hold one ("brook pkt/s").
        let lines = tables[1].split(separator: "\n").map { $0.split(separator: #/  +/#).map(String.init) }
        try #require(lines.count == 5, "a header and one row per profile: \(tables[1])")
        #expect(Array(lines[0].prefix(5)) == ["op", "profile", "bytes", "brook pkt/s", "MB/s"])
        #expect(lines.dropFirst().map { Array($0.prefix(3)) } == Self.profiles.map { ["srtp-protect", $0, "1200"] })
        for line in lines.dropFirst() {
            #expect(line.count >= 5 && line[3...4].allSatisfy { Double($0).map { $0 > 0 } ?? false }, "pkt/s and MB/s: \(line)")
        }
        if references.contains("libsrtp2") {
            #expect(Array(lines[0].suffix(4)) == ["libsrtp2 pkt/s", "MB/s", "×", "targets"])
            for line in lines.dropFirst() { #expect(line.count >= 8 && line[7].hasSuffix("×"), "the row carries a ratio: \(line)") }
            // Issue 5's targets name the AES_CM_128_HMAC_SHA1_80 and AEAD_AES_128_GCM rows only.
            #expect(lines[1].last?.hasPrefix("≥0.4× libsrtp2: ") == true, "\(lines[1])")
            #expect(lines[3].last?.hasPrefix("≥0.1× libsrtp2: ") == true, "\(lines[3])")
            #expect(lines[2].count == 8 && lines[4].count == 8, "no target on the other profiles: \(lines[2]), \(lines[4])")
        }
    }

    @Test("Without --json: a table with a ratio column per reference")
    func humanTable() throws {
        let references = BenchEnvironment.availableReferences(["bearssl"])
        var arguments = ["bench", "--quick", "--filter", "x25519"]
        for reference in references { arguments += ["--compare", reference] }
        let run = try BenchEnvironment.runBrook(arguments)
        try #require(run.status == 0, "brook bench exited \(run.status): \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        try #require(lines.count == 2, "a header and one row: \(run.stdout)")
        #expect(Array(lines[0].prefix(4)) == ["op", "bytes", "unit", "brook"])
        #expect(lines[1].first == "x25519")
        if references.contains("bearssl") {
            #expect(lines[0].contains("bearssl"))
            #expect(lines[1].contains { $0.hasSuffix("×") }, "the row carries a ratio: \(lines[1])")
        }
    }

    @Test("stun-binding (issue 6): one key-operation row, Brook only, in JSON and in the table")
    func stunBindingRow() throws {
        let references = BenchEnvironment.availableReferences(["openssl"])
        var arguments = ["bench", "--quick", "--json", "--filter", "stun-binding"]
        for reference in references { arguments += ["--compare", reference] }
        let json = try BenchEnvironment.runBrook(arguments)
        try #require(json.status == 0, "brook bench exited \(json.status): \(json.stderr)")
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines.first.map { $0.wholeMatch(of: Self.stunLine) != nil } == true, "\(json.stdout)")
        #expect(lines.compactMap { Self.parse($0)?.key } == ["stun-binding"])
        let table = try BenchEnvironment.runBrook(["bench", "--quick", "--filter", "stun-binding"])
        try #require(table.status == 0, "brook bench exited \(table.status): \(table.stderr)")
        let rows = table.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.count == 2 && rows.last?.first == "stun-binding" && rows.last?.contains("ops/s") == true, "\(table.stdout)")
    }

    @Test("--compare swift-crypto: the reference package builds and measures the same rows, in the same schema")
    func swiftCryptoReference() throws {
        // Benchmarks/SwiftCryptoBench is a package of its own (no Brook target depends on swift-crypto);
        // the first run builds it (BoringSSL: a few minutes), later runs find it built.
        let filters = ["aes-128-gcm-seal", "chacha20-poly1305-open", "sha256", "p256-ecdh", "x25519"]
        var arguments = ["bench", "--quick", "--json", "--compare", "swift-crypto"]
        for filter in filters { arguments += ["--filter", filter] }
        let run = try BenchEnvironment.runBrook(arguments)
        try #require(run.status == 0, "brook bench exited \(run.status): \(run.stderr)")
        var rows: [String: Set<String>] = [:]
        for text in run.stdout.split(separator: "\n") {
            if let line = Self.parse(text) { rows[line.impl, default: []].insert(line.key) }
        }
        #expect(Set(rows.keys) == ["brook", "swift-crypto"])
        let expected: Set<String> = [
            "aes-128-gcm-seal/64", "aes-128-gcm-seal/1200", "aes-128-gcm-seal/16384",
            "chacha20-poly1305-open/64", "chacha20-poly1305-open/1200", "chacha20-poly1305-open/16384",
            "sha256/1200", "sha256/16384", "p256-ecdh", "x25519",
        ]
        #expect(rows["brook"] == expected)
        #expect(rows["swift-crypto"] == expected)
    }

    @Test("A filter that selects nothing is a usage error, not an empty report")
    func emptyFilterFails() throws {
        let run = try BenchEnvironment.runBrook(["bench", "--quick", "--filter", "no-such-op"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
    }
}
