import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// Curve25519.KeyAgreement's contracts and the field arithmetic's edge cases.
@Suite("X25519 API")
struct X25519APITests {
    typealias KA = Curve25519.KeyAgreement

    @Test func wrongLengthsAreTypedErrors() {
        for size in [0, 1, 31, 33, 64] {
            let bytes = [UInt8](repeating: 5, count: size)
            #expect(throws: CryptoKitError.incorrectKeySize) { try KA.PrivateKey(rawRepresentation: bytes) }
            #expect(throws: CryptoKitError.incorrectKeySize) { try KA.PublicKey(rawRepresentation: bytes) }
        }
    }

    @Test func keysRoundTripAndAgree() throws {
        var rng = SeededGenerator(seed: 9)
        let a = KA.PrivateKey(using: &rng)
        var again = SeededGenerator(seed: 9)
        #expect(KA.PrivateKey(using: &again).rawRepresentation == a.rawRepresentation)
        let b = KA.PrivateKey()
        #expect(b.rawRepresentation != KA.PrivateKey().rawRepresentation)
        let restored = try KA.PrivateKey(rawRepresentation: a.rawRepresentation)
        #expect(restored.publicKey.rawRepresentation == a.publicKey.rawRepresentation)
        let peer = try KA.PublicKey(rawRepresentation: b.publicKey.rawRepresentation)
        let s1 = try a.sharedSecretFromKeyAgreement(with: peer)
        let s2 = try b.sharedSecretFromKeyAgreement(with: a.publicKey)
        #expect(s1 == s2)
        #expect(s1.byteCount == 32)
    }

    /// RFC 7748 §5: the top bit of u is ignored, so u and u | 2^255 give the same secret; and
    /// PublicKey keeps the bytes it was given.
    @Test func topBitOfPeerIsMasked() throws {
        var rng = SeededGenerator(seed: 10)
        for _ in 0..<20 {
            let a = KA.PrivateKey(using: &rng)
            var u = rng.bytes(32)
            u[31] &= 0x7f
            var high = u
            high[31] |= 0x80
            let peerHigh = try KA.PublicKey(rawRepresentation: high)
            #expect(peerHigh.rawRepresentation == high)
            #expect(try a.sharedSecretFromKeyAgreement(with: KA.PublicKey(rawRepresentation: u))
                    == a.sharedSecretFromKeyAgreement(with: peerHigh))
        }
    }

    /// The small-order points (u = 0, 1, and the others of order 8) give the all-zero secret and the
    /// typed error, for any private key.
    @Test func smallOrderPeersAreRejected() throws {
        let smallOrder: [[UInt8]] = [
            [UInt8](repeating: 0, count: 32),
            [1] + [UInt8](repeating: 0, count: 31),
            [UInt8](hex: "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
            [UInt8](hex: "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
            [UInt8](hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),  // p − 1
            [UInt8](hex: "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),  // p ≡ 0
            [UInt8](hex: "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),  // p + 1 ≡ 1
        ]
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            let a = KA.PrivateKey(using: &rng)
            for u in smallOrder {
                #expect(throws: CryptoKitError.zeroSharedSecret, "u = \(u.hexString)") {
                    try a.sharedSecretFromKeyAgreement(with: KA.PublicKey(rawRepresentation: u))
                }
            }
        }
    }

    /// Field encoding is canonical: values in [p, 2^255) decode and re-encode reduced.
    @Test func fieldEncodingIsCanonical() {
        func roundTrip(_ bytes: [UInt8]) -> [UInt8] {
            let element = bytes.withUnsafeBytes { Field25519(bytes: $0.baseAddress!) }
            return [UInt8](unsafeUninitializedCapacity: 32) { out, n in
                element.encode(into: out.baseAddress!)
                n = 32
            }
        }
        let p = [UInt8](hex: "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
        #expect(roundTrip(p) == [UInt8](repeating: 0, count: 32))
        var pPlus5 = p
        pPlus5[0] &+= 5
        #expect(roundTrip(pPlus5) == [5] + [UInt8](repeating: 0, count: 31))
        let max = [UInt8](repeating: 0xff, count: 32)  // 2^256 − 1: top bit masked, then 2^255 − 1 ≡ 18
        #expect(roundTrip(max) == [18] + [UInt8](repeating: 0, count: 31))
        let pMinus1 = [UInt8](hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
        #expect(roundTrip(pMinus1) == pMinus1)

        // (p − 1)² = 1, and x · x⁻¹ = 1 for a few x.
        let minusOne = pMinus1.withUnsafeBytes { Field25519(bytes: $0.baseAddress!) }
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { minusOne.squared().encode(into: $0.baseAddress!) }
        #expect(out == [1] + [UInt8](repeating: 0, count: 31))
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<10 {
            let x = rng.bytes(32).withUnsafeBytes { Field25519(bytes: $0.baseAddress!) }
            out.withUnsafeMutableBytes { (x * x.inverted()).encode(into: $0.baseAddress!) }
            #expect(out == [1] + [UInt8](repeating: 0, count: 31))
        }
    }
}
