import Foundation
import Testing

/// `brook bench --json` against issue 3's contract: every line one JSON object of exactly
/// {"op", "bytes", "impl", "mb_per_s"} (throughput) or {"op", "impl", "ops_per_s"} (key operations),
/// impl one of the five names, and every implementation measuring exactly the selected rows. Timing is
/// never checked: a figure only has to be a positive number.
@Suite("brook bench JSON lines")
struct BenchJSONSchemaTests {
    /// A subset of rows covering each shape: an AEAD at three sizes, two hashes and HMAC, two key operations.
    static let filters = ["aes-128-gcm-seal", "sha1", "p256-sign", "x25519"]
    static let expectedRows: Set<String> = [
        "aes-128-gcm-seal/64", "aes-128-gcm-seal/1200", "aes-128-gcm-seal/16384",
        "sha1/1200", "sha1/16384", "hmac-sha1/1200", "p256-sign", "x25519",
    ]
    static let throughputOps: Set<String> = ["aes-128-gcm-seal", "sha1", "hmac-sha1"]
    static let implementations: Set<String> = ["brook", "openssl", "openssl-nohw", "swift-crypto", "bearssl"]

    struct Line {
        var op: String
        var bytes: Int?
        var impl: String
        var key: String { bytes.map { "\(op)/\($0)" } ?? op }
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
        if throughputOps.contains(op) {
            #expect(Set(object.keys) == ["op", "bytes", "impl", "mb_per_s"], "throughput keys: \(line)")
            let bytes = object["bytes"] as? Int
            #expect((bytes ?? 0) > 0, "bytes must be a positive integer: \(line)")
            #expect(((object["mb_per_s"] as? Double) ?? 0) > 0, "mb_per_s must be a positive number: \(line)")
            return Line(op: op, bytes: bytes, impl: impl)
        }
        #expect(Set(object.keys) == ["op", "impl", "ops_per_s"], "key-operation keys: \(line)")
        #expect(((object["ops_per_s"] as? Double) ?? 0) > 0, "ops_per_s must be a positive number: \(line)")
        return Line(op: op, bytes: nil, impl: impl)
    }

    @Test("--quick --json --compare openssl --compare bearssl: exact schema, every impl measures every selected row")
    func jsonLinesWithReferences() throws {
        let references = BenchEnvironment.availableReferences(["openssl", "bearssl"])
        var arguments = ["bench", "--quick", "--json"]
        for reference in references { arguments += ["--compare", reference] }
        for filter in Self.filters { arguments += ["--filter", filter] }
        let run = try BenchEnvironment.runBrook(arguments)
        try #require(run.status == 0, "brook bench exited \(run.status): \(run.stderr)")

        var rows: [String: [String]] = [:]
        for text in run.stdout.split(separator: "\n") {
            if let line = Self.parse(text) { rows[line.impl, default: []].append(line.key) }
        }
        var expectedImpls: Set<String> = ["brook"]
        if references.contains("openssl") { expectedImpls.formUnion(["openssl", "openssl-nohw"]) }
        if references.contains("bearssl") { expectedImpls.insert("bearssl") }
        #expect(Set(rows.keys) == expectedImpls)
        for (impl, keys) in rows {
            #expect(keys.count == Set(keys).count, "\(impl) printed a row twice: \(keys)")
            #expect(Set(keys) == Self.expectedRows, "\(impl) rows")
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

    @Test("A filter that selects nothing is a usage error, not an empty report")
    func emptyFilterFails() throws {
        let run = try BenchEnvironment.runBrook(["bench", "--quick", "--filter", "no-such-op"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
    }
}
