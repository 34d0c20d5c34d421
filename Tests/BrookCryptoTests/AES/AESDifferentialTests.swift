import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto
import BrookTestSupport

/// Randomized comparison with pyca/cryptography (OpenSSL), all cases batched into one process.
@Suite("AES differential tests against Python cryptography")
struct AESDifferentialTests {
    static let oracle = TestEnvironment.packageRoot.appendingPathComponent("Tests/Oracles/aes.py").path

    /// Runs the oracle on `requests` (one JSON object each); nil when Python is unavailable outside CI.
    static func ask(_ requests: [[String: String]]) throws -> [[String: String]]? {
        var input = Data()
        for r in requests {
            input.append(try JSONSerialization.data(withJSONObject: r, options: [.sortedKeys]))
            input.append(0x0A)
        }
        let result: ExternalProcess.Result
        do {
            result = try ExternalProcess.run(TestEnvironment.python, [oracle], input: [UInt8](input))
        } catch {
            _ = TestEnvironment.require(nil as String?, "python with `cryptography` (\(error))")
            return nil
        }
        let lines = result.stdoutText.split(separator: "\n")
        return try lines.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        }
    }

    @Test("AES-GCM: random key sizes, nonces of 8-128 bytes, AAD 0-100, messages 0-2000")
    func gcm() throws {
        var rng = SeededGenerator(seed: 0xAE5_6C0D)
        struct Case { var key: [UInt8]; var nonce: [UInt8]; var aad: [UInt8]; var msg: [UInt8] }
        var cases: [Case] = []
        for i in 0..<2000 {
            let keySize = [16, 24, 32][Int(rng.next() % 3)]
            let nonceSize = i % 4 == 0 ? 8 + Int(rng.next() % 121) : 12
            let msgSize = i % 10 == 0 ? Int(rng.next() % 2001) : Int(rng.next() % 200)
            cases.append(Case(key: rng.bytes(keySize), nonce: rng.bytes(nonceSize),
                              aad: rng.bytes(Int(rng.next() % 101)), msg: rng.bytes(msgSize)))
        }
        let requests = cases.map { ["op": "gcm", "key": $0.key.hexString, "nonce": $0.nonce.hexString, "aad": $0.aad.hexString, "msg": $0.msg.hexString] }
        guard let answers = try Self.ask(requests) else { return }
        try #require(answers.count == cases.count)
        for (i, (c, answer)) in zip(cases, answers).enumerated() {
            let key = SymmetricKey(data: c.key)
            let box = try AES.GCM.seal(c.msg, using: key, nonce: AES.GCM.Nonce(data: c.nonce), authenticating: c.aad)
            #expect(box.ciphertext.hexString == answer["ct"] && box.tag.hexString == answer["tag"], "case \(i)")
            #expect(try AES.GCM.open(box, using: key, authenticating: c.aad) == c.msg, "case \(i)")
            // The in-place API agrees with the one-shot API, including truncated tags.
            let prepared = try AES.GCM.PreparedKey(key: key)
            let tagCount = 4 + i % 13
            let (ct, tag) = try AESTestSupport.seal(prepared, c.msg, nonce: c.nonce, aad: c.aad, tagCount: tagCount)
            #expect(ct == box.ciphertext && tag == Array(box.tag.prefix(tagCount)), "case \(i)")
            var buffer = ct
            try AESTestSupport.open(prepared, &buffer, nonce: c.nonce, aad: c.aad, tag: tag)
            #expect(buffer == c.msg, "case \(i)")
        }
    }

    @Test("AES-CTR: random keys, counters (many near 2^128 − 1 and 2^64 − 1), lengths 0-2000")
    func ctr() throws {
        var rng = SeededGenerator(seed: 0xC7_2128)
        struct Case { var key: [UInt8]; var counter: [UInt8]; var msg: [UInt8] }
        var cases: [Case] = []
        for i in 0..<2000 {
            var counter = rng.bytes(16)
            switch i % 4 {
            case 0: for j in 0..<16 { counter[j] = 0xFF }; counter[15] = 0xFF &- UInt8(rng.next() % 6)   // wraps to zero
            case 1: for j in 8..<16 { counter[j] = 0xFF }; counter[15] = 0xFF &- UInt8(rng.next() % 6)  // carries into the high half
            case 2: for j in 12..<16 { counter[j] = 0xFF }                                              // crosses 32 bits
            default: break
            }
            let length = i % 10 == 0 ? Int(rng.next() % 2001) : Int(rng.next() % 300)
            cases.append(Case(key: rng.bytes([16, 24, 32][Int(rng.next() % 3)]), counter: counter, msg: rng.bytes(length)))
        }
        let requests = cases.map { ["op": "ctr", "key": $0.key.hexString, "counter": $0.counter.hexString, "msg": $0.msg.hexString] }
        guard let answers = try Self.ask(requests) else { return }
        try #require(answers.count == cases.count)
        for (i, (c, answer)) in zip(cases, answers).enumerated() {
            let key = SymmetricKey(data: c.key)
            let out = try AES.CTR.encrypt(c.msg, using: key, initialCounter: c.counter)
            #expect(out.hexString == answer["out"], "case \(i)")
            // In place through a prepared context gives the same bytes.
            let ctr = try AES.CTR(key: key)
            var buffer = c.msg
            buffer.withUnsafeMutableBytes { b in
                c.counter.withUnsafeBytes { n in #expect(throws: Never.self) { try ctr.applyKeystream(to: b, initialCounter: n) } }
            }
            #expect(buffer == out, "case \(i)")
        }
    }
}
