import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// Seeded randomized comparison with Python `cryptography` (OpenSSL), batched into one process per test.
@Suite("P256 differential vs Python cryptography")
struct P256DifferentialTests {
    /// Cases per test: 2000 ECDH pairs, half as many signing cases (each three oracle requests), all in
    /// one oracle process per test (about a second each in a release build; debug builds take some
    /// 20 ms per case, so `BROOK_P256_CASES=100` shortens a debug run and `BROOK_P256_CASES=20000`
    /// makes a longer soak).
    static let caseCount = Int(ProcessInfo.processInfo.environment["BROOK_P256_CASES"] ?? "") ?? 2000

    @Test func keyDerivationAndECDHBothWays() throws {
        var rng = SeededGenerator(seed: 0x9256_0201)
        var cases: [(a: P256.KeyAgreement.PrivateKey, b: P256.KeyAgreement.PrivateKey)] = []
        var requests: [[String: String]] = []
        for _ in 0..<Self.caseCount {
            let a = P256.KeyAgreement.PrivateKey(using: &rng), b = P256.KeyAgreement.PrivateKey(using: &rng)
            cases.append((a, b))
            requests.append(["op": "ecdh", "a": a.rawRepresentation.hexString, "b": b.rawRepresentation.hexString,
                             "peer": a.publicKey.x963Representation.hexString])
        }
        guard let responses = try P256Oracle.run(requests) else { return }
        for ((a, b), response) in zip(cases, responses) {
            #expect(response["pubA"] as? String == a.publicKey.x963Representation.hexString)
            #expect(response["pubB"] as? String == b.publicKey.x963Representation.hexString)
            #expect(response["pubBCompressed"] as? String == b.publicKey.compressedRepresentation.hexString)
            // Their ECDH(b, our A) against our ECDH(a, B), with B decoded from their compressed form too.
            let ours = Array(try a.sharedSecretFromKeyAgreement(with: b.publicKey)).hexString
            #expect(response["shared"] as? String == ours)
            let compressed = try P256.KeyAgreement.PublicKey(compressedRepresentation: [UInt8](hex: try #require(response["pubBCompressed"] as? String)))
            #expect(compressed.rawRepresentation == b.publicKey.rawRepresentation)
        }
    }

    @Test func signaturesBothWays() throws {
        var rng = SeededGenerator(seed: 0x9256_0202)
        struct Case { var key: P256.Signing.PrivateKey; var message: [UInt8]; var ours: P256.Signing.ECDSASignature; var tamperedMessage: [UInt8] }
        var cases: [Case] = []
        var requests: [[String: String]] = []
        for i in 0..<Self.caseCount / 2 {
            let key = P256.Signing.PrivateKey(using: &rng)
            let message = rng.bytes(Int(rng.next() % 200))
            let ours = i % 2 == 0 ? try key.signature(for: message) : try key.signature(for: message, hedgingWith: &rng)
            var tampered = message + [0]
            tampered[Int(rng.next() % UInt64(tampered.count))] ^= 0x20
            cases.append(Case(key: key, message: message, ours: ours, tamperedMessage: tampered))
            let pub = key.publicKey.x963Representation.hexString
            let r = ours.r.hexString, s = ours.s.hexString
            requests.append(["op": "verify", "pub": pub, "msg": message.hexString, "r": r, "s": s])
            requests.append(["op": "verify", "pub": pub, "msg": tampered.hexString, "r": r, "s": s])
            requests.append(["op": "sign", "priv": key.rawRepresentation.hexString, "msg": message.hexString])
        }
        guard let responses = try P256Oracle.run(requests) else { return }
        for (i, c) in cases.enumerated() {
            let good = responses[3 * i], bad = responses[3 * i + 1], theirs = responses[3 * i + 2]
            #expect(good["valid"] as? Bool == true, "they accept our signature #\(i)")
            #expect(bad["valid"] as? Bool == false, "they reject it on another message #\(i)")
            let raw = [UInt8](hex: try #require(theirs["r"] as? String)) + [UInt8](hex: try #require(theirs["s"] as? String))
            let signature = try P256.Signing.ECDSASignature(rawRepresentation: raw)
            // DER both ways: their encoding of our (r, s), and our parse of their signature.
            #expect(good["der"] as? String == c.ours.derRepresentation.hexString, "DER of ours #\(i)")
            let theirDER = [UInt8](hex: try #require(theirs["der"] as? String))
            #expect(try P256.Signing.ECDSASignature(derRepresentation: theirDER) == signature)
            #expect(signature.derRepresentation == theirDER)
            #expect(c.key.publicKey.isValidSignature(signature, for: c.message), "we accept theirs #\(i)")
            #expect(!c.key.publicKey.isValidSignature(signature, for: c.tamperedMessage))
            #expect(c.key.publicKey.isValidSignature(c.ours, for: c.message))
            #expect(!c.key.publicKey.isValidSignature(c.ours, for: c.tamperedMessage))
            // The hedged signature differs from the deterministic one but both verify.
            if i % 2 == 1 { #expect(c.ours != (try c.key.signature(for: c.message))) }
        }
    }
}

extension P256DifferentialTests {
    /// The RFC 6979 candidate stream beyond the first value (the path taken when r or s would be zero),
    /// with and without §3.6 additional data, against the oracle's own HMAC-DRBG written from the RFC.
    @Test func rfc6979CandidateStream() throws {
        var rng = SeededGenerator(seed: 0x9256_0203)
        var cases: [(key: [UInt8], digest: [UInt8], extra: [UInt8])] = []
        for i in 0..<1000 {
            let key = P256.Signing.PrivateKey(using: &rng).rawRepresentation
            cases.append((key, rng.bytes(32), i % 2 == 0 ? [] : rng.bytes(32)))
        }
        let requests = cases.map { c in
            ["op": "rfc6979", "priv": c.key.hexString, "digest": c.digest.hexString, "extra": c.extra.hexString, "count": "3"]
        }
        guard let responses = try P256Oracle.run(requests) else { return }
        for (c, response) in zip(cases, responses) {
            var generator = c.digest.withUnsafeBytes {
                RFC6979NonceGenerator<SHA256>(privateKey: c.key, digest: $0, additionalData: c.extra)
            }
            let ours = (0..<3).map { _ in generator.next().bigEndianBytes.hexString }
            #expect(response["nonces"] as? [String] == ours)
        }
    }
}
