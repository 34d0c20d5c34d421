import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("SHA and HMAC against Python hashlib/hmac")
struct SHADifferentialTests {
    /// Random messages of 0–2000 bytes, 1500 per hash, checked in one Python call.
    @Test func hashesMatchHashlib() throws {
        var rng = SeededGenerator(seed: 0xD1FF_0001)
        var requests: [[String: String]] = []
        var ours: [String] = []
        for algorithm in HashAlgorithm.allCases {
            for _ in 0..<1500 {
                let message = rng.bytes(Int.random(in: 0...2000, using: &rng))
                requests.append(["op": "hash", "alg": algorithm.rawValue, "msg": message.hexString])
                ours.append(algorithm.hash(message).hexString)
            }
        }
        guard let answers = try VectorSupport.oracle("hash.py", requests) else { return }
        try #require(answers.count == requests.count)
        var mismatches = 0
        for (index, answer) in answers.enumerated() where answer["out"] != ours[index] {
            mismatches += 1
            if mismatches <= 5 { Issue.record("mismatch for \(requests[index])") }
        }
        #expect(mismatches == 0)
    }

    /// Random keys of 0–200 bytes (below, at and above each block size) and messages of 0–2000 bytes.
    @Test func hmacsMatchPython() throws {
        var rng = SeededGenerator(seed: 0xD1FF_0002)
        var requests: [[String: String]] = []
        var ours: [String] = []
        for algorithm in HashAlgorithm.allCases {
            for _ in 0..<1000 {
                let key = rng.bytes(Int.random(in: 0...200, using: &rng))
                let message = rng.bytes(Int.random(in: 0...2000, using: &rng))
                requests.append(["op": "hmac", "alg": algorithm.rawValue, "key": key.hexString, "msg": message.hexString])
                ours.append(algorithm.hmac(key: key, message: message).hexString)
            }
        }
        guard let answers = try VectorSupport.oracle("hash.py", requests) else { return }
        try #require(answers.count == requests.count)
        var mismatches = 0
        for (index, answer) in answers.enumerated() where answer["out"] != ours[index] {
            mismatches += 1
            if mismatches <= 5 { Issue.record("mismatch for \(requests[index])") }
        }
        #expect(mismatches == 0)
    }
}
