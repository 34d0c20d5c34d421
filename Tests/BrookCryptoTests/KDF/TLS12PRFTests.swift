import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("TLS 1.2 PRF")
struct TLS12PRFTests {
    static func derive(_ digest: String, secret: [UInt8], label: [UInt8], seed: [UInt8], count: Int) -> [UInt8] {
        digest == "SHA384"
            ? TLS12PRF<SHA384>.derive(secret: secret, label: label, seed: seed, byteCount: count)
            : TLS12PRF<SHA256>.derive(secret: secret, label: label, seed: seed, byteCount: count)
    }

    /// Known answers produced with `openssl kdf … TLS1-PRF` (Vectors/tls12-prf-openssl.txt).
    @Test func knownAnswers() throws {
        let file = try #require(try VectorSupport.rsp(TestEnvironment.vectorFile("tls12-prf-openssl.txt")))
        #expect(file.records.count == 7)
        for record in file.records {
            let digest = try #require(record["Digest"])
            let label = try #require(record["Label"])
            let secret = try #require(record.bytes("Secret")), seed = try #require(record.bytes("Seed"))
            let length = try #require(record.int("Length"))
            let expected = try #require(record.bytes("Output"))
            let output = digest == "SHA384"
                ? TLS12PRF<SHA384>.derive(secret: secret, label: label, seed: seed, byteCount: length)
                : TLS12PRF<SHA256>.derive(secret: secret, label: label, seed: seed, byteCount: length)
            #expect(output == expected, "line \(record.line)")
        }
    }

    /// A shorter request is a prefix of a longer one; zero or negative lengths give nothing.
    @Test func lengths() {
        let secret: [UInt8] = [1, 2, 3], seed: [UInt8] = [4, 5]
        let long = TLS12PRF<SHA256>.derive(secret: secret, label: "key expansion", seed: seed, byteCount: 200)
        #expect(long.count == 200)
        for count in [1, 31, 32, 33, 64, 65, 199] {
            #expect(TLS12PRF<SHA256>.derive(secret: secret, label: "key expansion", seed: seed, byteCount: count) == Array(long.prefix(count)))
        }
        #expect(TLS12PRF<SHA256>.derive(secret: secret, label: "key expansion", seed: seed, byteCount: 0).isEmpty)
        #expect(TLS12PRF<SHA256>.derive(secret: secret, label: "key expansion", seed: seed, byteCount: -5).isEmpty)
        // The String label is its ASCII bytes.
        #expect(TLS12PRF<SHA384>.derive(secret: secret, label: "master secret", seed: seed, byteCount: 48)
            == TLS12PRF<SHA384>.derive(secret: secret, label: Array("master secret".utf8), seed: seed, byteCount: 48))
    }

    /// Random secrets (0–150 bytes, across the HMAC block size), labels, seeds and lengths (1–300)
    /// for SHA-256 and SHA-384, all through one oracle process: `opensslCases` per digest against
    /// `openssl kdf TLS1-PRF` (one CLI run each), and `hmacCases` per digest against the oracle's own
    /// P_hash written from RFC 5246 §5 over Python's hmac (in the process: thousands per run).
    static let opensslCases = 60
    static let hmacCases = 1000

    @Test func matchesOpenSSLAndRFC5246() throws {
        var rng = SeededGenerator(seed: 0x7115_0001)
        var requests: [[String: String]] = []
        var ours: [String] = []
        for (impl, count) in [("openssl", Self.opensslCases), ("hmac", Self.hmacCases)] {
            for digest in ["SHA256", "SHA384"] {
                for _ in 0..<count {
                    let secret = rng.bytes(Int.random(in: 0...150, using: &rng))
                    let label = Array("label \(Int.random(in: 0...99_999, using: &rng))".utf8)
                    let seed = rng.bytes(Int.random(in: 0...80, using: &rng))
                    let length = Int.random(in: 1...300, using: &rng)
                    requests.append(["digest": digest, "secret": secret.hexString, "label": label.hexString,
                                     "seed": seed.hexString, "length": String(length), "impl": impl])
                    ours.append(Self.derive(digest, secret: secret, label: label, seed: seed, count: length).hexString)
                }
            }
        }
        guard TestEnvironment.require(ExternalProcess.which("openssl"), "the openssl CLI") != nil,
              let answers = try VectorSupport.oracle("hash_tls_prf.py", requests) else { return }
        try #require(answers.count == requests.count)
        for (index, answer) in answers.enumerated() {
            #expect(answer["out"] == ours[index], "request \(requests[index])")
        }
    }
}
