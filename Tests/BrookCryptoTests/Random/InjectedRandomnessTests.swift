import Testing
import BrookCrypto
import BrookTestSupport

/// Every API that draws randomness also takes an injected `RandomNumberGenerator` (issue 2): the
/// same seed gives the same bytes, and the bytes are the generator's, not the system CSPRNG's.
@Suite("Injected randomness")
struct InjectedRandomnessTests {
    /// The first `count` bytes a generator yields through `SystemRandom.fill(_:using:)`:
    /// each `next()` word little-endian, the last one cut short.
    static func stream(seed: UInt64, count: Int) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        while bytes.count < count {
            withUnsafeBytes(of: rng.next().littleEndian) { bytes += $0.prefix(count - bytes.count) }
        }
        return bytes
    }

    @Test("AES.GCM.Nonce(using:) and ChaChaPoly.Nonce(using:) take the generator's next 12 bytes")
    func nonces() throws {
        var a = SeededGenerator(seed: 41), b = SeededGenerator(seed: 41)
        #expect(Array(AES.GCM.Nonce(using: &a)) == Self.stream(seed: 41, count: 12))
        #expect(Array(ChaChaPoly.Nonce(using: &b)) == Self.stream(seed: 41, count: 12))
        // The generator advanced: the next nonce is another one.
        #expect(Array(AES.GCM.Nonce(using: &a)) != Self.stream(seed: 41, count: 12))
        #expect(ChaChaPoly.Nonce(using: &b) != (try ChaChaPoly.Nonce(data: Self.stream(seed: 41, count: 12))))
        var c = SeededGenerator(seed: 42)
        #expect(Array(AES.GCM.Nonce(using: &c)) != Self.stream(seed: 41, count: 12))
    }

    @Test("AES.GCM.seal(nonceGenerator:) is deterministic for a seed and equals sealing with that nonce")
    func aesGCMSeal() throws {
        let key = SymmetricKey(data: [UInt8](repeating: 0x11, count: 16))
        let message = Array("attack at dawn".utf8), aad = Array("header".utf8)
        var first = SeededGenerator(seed: 7), second = SeededGenerator(seed: 7)
        let a = try AES.GCM.seal(message, using: key, authenticating: aad, nonceGenerator: &first)
        let b = try AES.GCM.seal(message, using: key, authenticating: aad, nonceGenerator: &second)
        #expect(a.combined == b.combined)
        #expect(Array(a.nonce) == Self.stream(seed: 7, count: 12))
        let explicit = try AES.GCM.seal(message, using: key, nonce: try AES.GCM.Nonce(data: Self.stream(seed: 7, count: 12)), authenticating: aad)
        #expect(explicit.combined == a.combined)
        #expect(try AES.GCM.open(a, using: key, authenticating: aad) == message)
        // The generator moved on: a second seal from it uses a fresh nonce.
        let c = try AES.GCM.seal(message, using: key, authenticating: aad, nonceGenerator: &first)
        #expect(Array(c.nonce) != Array(a.nonce) && c.ciphertext != a.ciphertext)
        // Without additional data too.
        var third = SeededGenerator(seed: 7)
        let d = try AES.GCM.seal(message, using: key, nonceGenerator: &third)
        #expect(Array(d.nonce) == Array(a.nonce) && d.ciphertext == a.ciphertext && d.tag != a.tag)
        #expect(try AES.GCM.open(d, using: key) == message)
    }

    @Test("ChaChaPoly.seal(nonceGenerator:) is deterministic for a seed and equals sealing with that nonce")
    func chaChaPolySeal() throws {
        let key = SymmetricKey(data: [UInt8](repeating: 0x22, count: 32))
        let message = Array("attack at dusk".utf8), aad = Array("header".utf8)
        var first = SeededGenerator(seed: 9), second = SeededGenerator(seed: 9)
        let a = try ChaChaPoly.seal(message, using: key, authenticating: aad, nonceGenerator: &first)
        let b = try ChaChaPoly.seal(message, using: key, authenticating: aad, nonceGenerator: &second)
        #expect(a.combined == b.combined)
        #expect(Array(a.combined.prefix(12)) == Self.stream(seed: 9, count: 12))
        let explicit = try ChaChaPoly.seal(message, using: key, nonce: try ChaChaPoly.Nonce(data: Self.stream(seed: 9, count: 12)), authenticating: aad)
        #expect(explicit.combined == a.combined)
        #expect(try ChaChaPoly.open(a, using: key, authenticating: aad) == message)
        let c = try ChaChaPoly.seal(message, using: key, authenticating: aad, nonceGenerator: &first)
        #expect(c.nonce != a.nonce)
        var third = SeededGenerator(seed: 9)
        let d = try ChaChaPoly.seal(message, using: key, nonceGenerator: &third)
        #expect(d.nonce == a.nonce && d.ciphertext == a.ciphertext && d.tag != a.tag)
        #expect(try ChaChaPoly.open(d, using: key) == message)
    }

    @Test("Keys drawn from a seeded generator are reproducible: SymmetricKey, P-256 (both kinds), X25519")
    func keys() {
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        #expect(SymmetricKey(size: .bits256, using: &a) == SymmetricKey(size: .bits256, using: &b))
        #expect(P256.KeyAgreement.PrivateKey(using: &a).rawRepresentation == P256.KeyAgreement.PrivateKey(using: &b).rawRepresentation)
        #expect(P256.Signing.PrivateKey(using: &a).rawRepresentation == P256.Signing.PrivateKey(using: &b).rawRepresentation)
        #expect(Curve25519.KeyAgreement.PrivateKey(using: &a).rawRepresentation == Curve25519.KeyAgreement.PrivateKey(using: &b).rawRepresentation)
        var c = SeededGenerator(seed: 4)
        #expect(SymmetricKey(size: .bits256, using: &c) != SymmetricKey(size: .bits256, using: &a))
    }
}
