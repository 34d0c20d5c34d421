import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("SHA incremental use and digest values")
struct SHAIncrementalTests {
    /// Feeding a message in random pieces (including empty ones and block-boundary cuts) gives the
    /// one-shot digest.
    @Test(arguments: HashAlgorithm.allCases)
    func randomSplitsMatchOneShot(_ algorithm: HashAlgorithm) {
        var rng = SeededGenerator(seed: 0x5eed_0001 &+ UInt64(algorithm.digestByteCount))
        for _ in 0..<300 {
            let length = Int.random(in: 0...700, using: &rng)
            let message = rng.bytes(length)
            let pieces = Int.random(in: 0...6, using: &rng)
            let splits = (0..<pieces).map { _ in Int.random(in: 0...length, using: &rng) }.sorted()
            #expect(algorithm.hash(message, splitAt: splits) == algorithm.hash(message), "length \(length) splits \(splits)")
        }
        // Every single cut point around the block and padding boundaries.
        let message = rng.bytes(300)
        let expected = algorithm.hash(message)
        for cut in 0...message.count {
            #expect(algorithm.hash(message, splitAt: [cut]) == expected, "cut \(cut)")
        }
        // One byte at a time.
        #expect(algorithm.hash(message, splitAt: Array(0...message.count)) == expected)
    }

    @Test func finalizeDoesNotConsumeAndCopiesFork() {
        var hasher = SHA256()
        hasher.update(data: Array("ab".utf8))
        var fork = hasher
        hasher.update(data: Array("c".utf8))
        let first = hasher.finalize()
        #expect(hasher.finalize() == first)
        #expect(first == SHA256.hash(data: Array("abc".utf8)))
        fork.update(data: Array("x".utf8))
        #expect(fork.finalize() == SHA256.hash(data: Array("abx".utf8)))
        // Feeding after finalize continues the same message.
        hasher.update(data: Array("d".utf8))
        #expect(hasher.finalize() == SHA256.hash(data: Array("abcd".utf8)))
    }

    @Test func digestValueSemantics() {
        let a = SHA384.hash(data: [1, 2, 3])
        let b = SHA384.hash(data: [1, 2, 3] as [UInt8])
        let c = SHA384.hash(data: [1, 2, 4] as [UInt8])
        #expect(a == b)
        #expect(a != c)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b, c]).count == 2)
        #expect(Array(a).count == SHA384Digest.byteCount)
        #expect(a.byteCount == 48)
        #expect(a.withUnsafeBytes { Array($0) } == Array(a))
        #expect(SHA384.byteCount == 48 && SHA512.byteCount == 64 && SHA256.byteCount == 32 && Insecure.SHA1.byteCount == 20)
        #expect(SHA384.blockByteCount == 128 && SHA512.blockByteCount == 128 && SHA256.blockByteCount == 64 && Insecure.SHA1.blockByteCount == 64)
        let empty = Insecure.SHA1.hash(data: [UInt8]())
        #expect(empty.description == "SHA1Digest: da39a3ee5e6b4b0d3255bfef95601890afd80709")
        // Digests differing only in the last byte are unequal (equality covers every byte).
        for algorithm in HashAlgorithm.allCases {
            #expect(algorithm.hash([]).count == algorithm.digestByteCount)
        }
        #expect(a == Array(a))
        #expect(!(a == Array(a).dropLast()))
        #expect(!(a == Array(c)))
        let d1 = SHA512.hash(data: [0] as [UInt8])
        var bytes = Array(d1)
        bytes[63] ^= 1
        #expect(!ConstantTime.isEqual(Array(d1), bytes))
    }

    /// A non-contiguous collection is accepted too.
    @Test func nonContiguousInput() {
        let message = Array(0..<200).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let lazy = message.lazy.map { $0 }
        #expect(SHA512.hash(data: lazy) == SHA512.hash(data: message))
        #expect(SHA256.hash(data: Set([UInt8(1)])) == SHA256.hash(data: [1] as [UInt8]))
    }
}
