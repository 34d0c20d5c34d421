import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("SHA known answers")
struct SHAKnownAnswerTests {
    /// FIPS 180-4 example messages, transcribed in Vectors/sha-fips180-examples.txt.
    @Test(arguments: HashAlgorithm.allCases)
    func fipsExamples(_ algorithm: HashAlgorithm) throws {
        let file = try #require(try VectorSupport.rsp(TestEnvironment.vectorFile("sha-fips180-examples.txt")))
        let records = file.records.filter { $0.sections.last == algorithm.fipsName }
        #expect(records.count == 4)
        for record in records {
            let message = try #require(record.bytes("Msg"))
            let expected = try #require(record.bytes("MD"))
            if let repeatCount = record.int("Repeat") {
                #expect(algorithm.hash(repeating: message, count: repeatCount) == expected, "line \(record.line)")
                // The same million bytes fed at once.
                let whole = Array([[UInt8]](repeating: message, count: repeatCount).joined())
                #expect(algorithm.hash(whole) == expected, "line \(record.line)")
            } else {
                #expect(algorithm.hash(message) == expected, "line \(record.line)")
            }
        }
    }

    /// NIST CAVP SHAVS byte-oriented ShortMsg and LongMsg files.
    @Test(arguments: [
        (HashAlgorithm.sha1, "hashes/SHA1/SHA1ShortMsg.rsp", 65), (.sha1, "hashes/SHA1/SHA1LongMsg.rsp", 64),
        (.sha256, "hashes/SHA2/SHA256ShortMsg.rsp", 65), (.sha256, "hashes/SHA2/SHA256LongMsg.rsp", 64),
        (.sha384, "hashes/SHA2/SHA384ShortMsg.rsp", 129), (.sha384, "hashes/SHA2/SHA384LongMsg.rsp", 128),
        (.sha512, "hashes/SHA2/SHA512ShortMsg.rsp", 129), (.sha512, "hashes/SHA2/SHA512LongMsg.rsp", 128),
    ])
    func cavpMessages(_ algorithm: HashAlgorithm, _ path: String, _ expectedCount: Int) throws {
        guard let file = try VectorSupport.rsp(TestEnvironment.cavpFile(path)) else { return }
        var count = 0
        for record in file.records where record.has("MD") {
            let message = try #require(VectorSupport.cavpMessage(record))
            let expected = try #require(record.bytes("MD"))
            #expect(algorithm.hash(message) == expected, "\(path) line \(record.line)")
            count += 1
        }
        #expect(count == expectedCount)
    }

    /// NIST CAVP SHAVS Monte Carlo: from a seed, each checkpoint is the 1003rd digest of the chain
    /// MD[i] = H(MD[i-3] ‖ MD[i-2] ‖ MD[i-1]) started with MD[0] = MD[1] = MD[2] = seed.
    @Test(arguments: [
        (HashAlgorithm.sha1, "hashes/SHA1/SHA1Monte.rsp"), (.sha256, "hashes/SHA2/SHA256Monte.rsp"),
        (.sha384, "hashes/SHA2/SHA384Monte.rsp"), (.sha512, "hashes/SHA2/SHA512Monte.rsp"),
    ])
    func cavpMonteCarlo(_ algorithm: HashAlgorithm, _ path: String) throws {
        guard let file = try VectorSupport.rsp(TestEnvironment.cavpFile(path)) else { return }
        var seed = try #require(file.records.first { $0.has("Seed") }?.bytes("Seed"))
        let checkpoints = file.records.filter { $0.has("MD") }
        #expect(checkpoints.count == 100)
        for checkpoint in checkpoints {
            var (md0, md1, md2) = (seed, seed, seed)
            for _ in 3..<1003 {
                let next = algorithm.hash(md0 + md1 + md2)
                (md0, md1, md2) = (md1, md2, next)
            }
            let expected = try #require(checkpoint.bytes("MD"))
            #expect(md2 == expected, "\(path) COUNT \(checkpoint["COUNT"] ?? "?")")
            guard md2 == expected else { return }
            seed = md2
        }
    }
}
