import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("HMAC behaviour")
struct HMACBehaviourTests {
    @Test func incrementalEqualsOneShot() {
        var rng = SeededGenerator(seed: 0x4D41_4301)
        for _ in 0..<200 {
            let key = SymmetricKey(data: rng.bytes(Int.random(in: 0...150, using: &rng)))
            let message = rng.bytes(Int.random(in: 0...600, using: &rng))
            let cuts = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Int.random(in: 0...message.count, using: &rng) }.sorted()
            var hmac = HMAC<SHA384>(key: key)
            var start = 0
            for cut in cuts + [message.count] {
                if Bool.random(using: &rng) {
                    hmac.update(data: message[start..<cut])
                } else {
                    message[start..<cut].withUnsafeBytes { hmac.update(bufferPointer: $0) }
                }
                start = cut
            }
            #expect(hmac.finalize() == HMAC<SHA384>.authenticationCode(for: message, using: key))
        }
    }

    /// A keyed value reused for many messages gives the same MACs as keying each time.
    @Test func keyedStateIsReusable() {
        let key = SymmetricKey(data: Array(repeating: 0x42, count: 100))
        let keyed = HMAC<Insecure.SHA1>(key: key)
        for length in [0, 1, 55, 56, 64, 200] {
            let message = [UInt8](repeating: UInt8(length & 0xFF), count: length)
            var copy = keyed
            copy.update(data: message)
            #expect(copy.finalize() == HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
            #expect(copy.finalize() == copy.finalize())
        }
    }

    @Test func verificationAndValueSemantics() {
        let key = SymmetricKey(data: Array("key".utf8))
        let message = Array("The quick brown fox jumps over the lazy dog".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        #expect(Array(mac).hexString == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        #expect(mac.byteCount == 32)
        #expect(mac.withUnsafeBytes { Array($0) } == Array(mac))
        #expect(HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key))
        #expect(HMAC<SHA256>.isValidAuthenticationCode(Array(mac), authenticating: message, using: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message + [0], using: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(Array(mac.dropLast()), authenticating: message, using: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(Array(mac) + [0], authenticating: message, using: key))
        #expect(!HMAC<SHA256>.isValidAuthenticationCode([UInt8](), authenticating: message, using: key))
        for index in 0..<32 {
            var flipped = Array(mac)
            flipped[index] ^= 0x80
            #expect(!HMAC<SHA256>.isValidAuthenticationCode(flipped, authenticating: message, using: key))
        }
        let other = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array("kez".utf8)))
        #expect(mac != other)
        #expect(mac == HMAC<SHA256>.authenticationCode(for: message, using: key))
        #expect(mac == Array(mac))
        #expect(Set([mac, other, mac]).count == 2)
        #expect(mac.description.hasSuffix("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"))
    }

    /// Keys of exactly one block are used as is; one byte more and they are hashed first.
    @Test func blockBoundaryKeys() {
        for algorithm in HashAlgorithm.allCases {
            let block = algorithm == .sha384 || algorithm == .sha512 ? 128 : 64
            let longKey = [UInt8](repeating: 7, count: block + 1)
            let hashedKey = algorithm.hash(longKey)
            #expect(algorithm.hmac(key: longKey, message: [1, 2]) == algorithm.hmac(key: hashedKey, message: [1, 2]))
            // Zero padding: a short key and the same key with trailing zeros up to the block agree.
            let shortKey: [UInt8] = [9, 9, 9]
            #expect(algorithm.hmac(key: shortKey, message: [3]) == algorithm.hmac(key: shortKey + [UInt8](repeating: 0, count: block - 3), message: [3]))
            #expect(algorithm.hmac(key: shortKey, message: [3]) != algorithm.hmac(key: shortKey + [UInt8](repeating: 0, count: block - 2), message: [3]))
        }
    }
}
