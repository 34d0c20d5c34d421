import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// ChaChaPoly against Python `cryptography` (OpenSSL): thousands of seeded random cases, one process.
@Suite("ChaChaPoly differential")
struct ChaChaPolyDifferentialTests {
    struct Case {
        var key: [UInt8], nonce: [UInt8], aad: [UInt8], message: [UInt8]
    }

    /// Random lengths 0...2000 plus every length around the block, group, first-group (192/448) and
    /// 4096-byte interleave boundaries.
    static func cases() -> [Case] {
        var rng = SeededGenerator(seed: 0xC4AC_4A20)
        var lengths = (0..<2500).map { _ in Int(rng.next() % 2001) }
        for edge in [16, 64, 128, 192, 256, 448, 512, 960, 1024, 4096, 4544, 8192] {
            lengths += (edge - 2...edge + 2).map { $0 }
        }
        lengths += [0, 1, 1200, 16384, 16384 + 17, 3 * 4096 + 200]
        return lengths.map { length in
            Case(key: rng.bytes(32), nonce: rng.bytes(12), aad: rng.bytes(Int(rng.next() % 70)), message: rng.bytes(length))
        }
    }

    @Test func sealAndOpenMatchOpenSSL() throws {
        let cases = Self.cases()
        #expect(cases.count > 2500)
        var requests: [[String: String]] = []
        var sealedBySwift: [[UInt8]] = []
        for c in cases {
            let box = try ChaChaPoly.seal(c.message, using: SymmetricKey(data: c.key),
                                          nonce: try ChaChaPoly.Nonce(data: c.nonce), authenticating: c.aad)
            sealedBySwift.append(box.ciphertext + box.tag)
            requests.append(["op": "seal", "key": c.key.hexString, "nonce": c.nonce.hexString,
                             "aad": c.aad.hexString, "msg": c.message.hexString])
        }
        guard let answers = try PyCryptographyBatch.run("chacha20poly1305.py", requests) else { return }
        var mismatches = 0
        for (i, c) in cases.enumerated() {
            let expected = [UInt8](hex: answers[i]["sealed"] ?? "")
            if sealedBySwift[i] != expected {
                mismatches += 1
                Issue.record("case \(i): message \(c.message.count) bytes, aad \(c.aad.count): seal differs from OpenSSL")
                continue
            }
            // OpenSSL's output opens here, to the same message.
            let box = try ChaChaPoly.SealedBox(combined: c.nonce + expected)
            let opened = try ChaChaPoly.open(box, using: SymmetricKey(data: c.key), authenticating: c.aad)
            #expect(opened == c.message, "case \(i)")
        }
        #expect(mismatches == 0)
    }

    @Test func openSSLOpensWhatSwiftSealsAndRejectsForgeries() throws {
        var rng = SeededGenerator(seed: 77)
        var requests: [[String: String]] = []
        var messages: [[UInt8]] = []
        for i in 0..<500 {
            let key = rng.bytes(32), nonce = rng.bytes(12), aad = rng.bytes(Int(rng.next() % 40))
            let message = rng.bytes(Int(rng.next() % 600))
            let box = try ChaChaPoly.seal(message, using: SymmetricKey(data: key),
                                          nonce: try ChaChaPoly.Nonce(data: nonce), authenticating: aad)
            var sealed = box.ciphertext + box.tag
            if i % 2 == 1 {  // every other case: one flipped bit, which OpenSSL must reject
                let bit = Int(rng.next() % UInt64(sealed.count * 8))
                sealed[bit / 8] ^= 1 << (bit % 8)
            }
            messages.append(message)
            requests.append(["op": "open", "key": key.hexString, "nonce": nonce.hexString,
                             "aad": aad.hexString, "sealed": sealed.hexString])
        }
        guard let answers = try PyCryptographyBatch.run("chacha20poly1305.py", requests) else { return }
        for (i, answer) in answers.enumerated() {
            if i % 2 == 0 {
                #expect(answer["msg"] == messages[i].hexString, "case \(i)")
            } else {
                #expect(answer["error"] == "auth", "case \(i)")
            }
        }
    }
}

/// The two primitives alone against OpenSSL, with inputs chosen to reach Poly1305's carry paths:
/// r at its clamped maximum, s all ones, messages of all-0xff bytes, and every length 0...300.
@Suite("ChaCha20 and Poly1305 differential")
struct ChaCha20Poly1305PrimitiveDifferentialTests {
    @Test func poly1305MatchesOpenSSL() throws {
        var rng = SeededGenerator(seed: 1305)
        var requests: [[String: String]] = []
        var tags: [[UInt8]] = []
        for i in 0..<2400 {
            var key = rng.bytes(32)
            if i % 4 == 1 { for j in 0..<16 { key[j] = 0xff } }        // r clamps to its maximum
            if i % 4 == 2 { for j in 16..<32 { key[j] = 0xff } }       // s = 2^128 − 1
            if i % 8 == 3 { key = [UInt8](repeating: 0xff, count: 32) }
            let length = i % 301
            let message = i % 3 == 0 ? [UInt8](repeating: 0xff, count: length) : rng.bytes(length)
            tags.append(Poly1305.authenticationCode(message: message, key: key))
            requests.append(["op": "poly1305", "key": key.hexString, "msg": message.hexString])
        }
        guard let answers = try PyCryptographyBatch.run("chacha20poly1305.py", requests) else { return }
        var mismatches = 0
        for (i, answer) in answers.enumerated() where answer["tag"] != tags[i].hexString {
            mismatches += 1
            Issue.record("case \(i): key \(requests[i]["key"]!), \(i % 301) bytes: tag differs from OpenSSL")
        }
        #expect(mismatches == 0)
    }

    @Test func chacha20MatchesOpenSSL() throws {
        var rng = SeededGenerator(seed: 20)
        var requests: [[String: String]] = []
        var outputs: [[UInt8]] = []
        for i in 0..<1200 {
            let key = rng.bytes(32), nonce = rng.bytes(12)
            // Any starting counter that does not wrap within the message (OpenSSL carries into the nonce).
            let counter = UInt32(truncatingIfNeeded: rng.next()) & 0x7fff_ffff
            let message = rng.bytes(i % 1100)
            outputs.append(ChaCha20.xor(key: key, nonce: nonce, counter: counter, message))
            requests.append(["op": "chacha20", "key": key.hexString, "nonce": nonce.hexString,
                             "counter": String(counter), "msg": message.hexString])
        }
        guard let answers = try PyCryptographyBatch.run("chacha20poly1305.py", requests) else { return }
        var mismatches = 0
        for (i, answer) in answers.enumerated() where answer["out"] != outputs[i].hexString {
            mismatches += 1
            Issue.record("case \(i): ChaCha20 output differs from OpenSSL")
        }
        #expect(mismatches == 0)
    }
}
