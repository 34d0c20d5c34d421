import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// X25519 against Python `cryptography` (OpenSSL), both ways, in one process: for seeded random a, b
/// and a random 32-byte u (any value, top bit included), OpenSSL must reproduce our public keys,
/// compute b·(aG) equal to our a·(bG), and a·u equal to ours.
@Suite("X25519 differential")
struct X25519DifferentialTests {
    @Test func agreesWithOpenSSL() throws {
        typealias KA = Curve25519.KeyAgreement
        var rng = SeededGenerator(seed: 25519)
        let count = 1000
        var requests: [[String: String]] = []
        var expectations: [(public: [UInt8], shared: [UInt8])] = []
        for _ in 0..<count {
            let a = KA.PrivateKey(using: &rng), b = KA.PrivateKey(using: &rng)
            let u = rng.bytes(32)
            let aPublic = a.publicKey, bPublic = b.publicKey
            let ab = try a.sharedSecretFromKeyAgreement(with: bPublic)
            let au = try a.sharedSecretFromKeyAgreement(with: try KA.PublicKey(rawRepresentation: u))
            // OpenSSL as Bob: his public key, and the secret from Alice's public key.
            requests.append(["private": b.rawRepresentation.hexString, "peer": aPublic.rawRepresentation.hexString])
            expectations.append((bPublic.rawRepresentation, Array(ab)))
            // OpenSSL as Alice with an arbitrary peer u.
            requests.append(["private": a.rawRepresentation.hexString, "peer": u.hexString])
            expectations.append((aPublic.rawRepresentation, Array(au)))
        }
        guard let answers = try PyCryptographyBatch.run("x25519.py", requests) else { return }
        var mismatches = 0
        for (i, answer) in answers.enumerated() {
            let ok = answer["public"] == expectations[i].public.hexString && answer["shared"] == expectations[i].shared.hexString
            if !ok {
                mismatches += 1
                Issue.record("request \(i): OpenSSL answered \(answer)")
            }
        }
        #expect(mismatches == 0)
        #expect(answers.count == 2 * count)
    }
}
