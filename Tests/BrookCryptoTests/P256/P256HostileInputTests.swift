import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// Malformed and hostile inputs must give typed errors (or `false`), never a trap or a wrong answer.
@Suite("P256 hostile inputs")
struct P256HostileInputTests {
    typealias H = P256TestHelpers
    static let p = GMPCurve.p.bytes(), n = GMPCurve.n.bytes()
    static let gx = GMPCurve.gx.bytes(), gy = GMPCurve.gy.bytes()

    static func rejectsPublicKey(raw bytes: [UInt8]) -> Bool {
        do { _ = try P256.KeyAgreement.PublicKey(rawRepresentation: bytes); return false } catch { return error == .invalidPublicKey }
    }
    static func rejectsPublicKey(x963 bytes: [UInt8]) -> Bool {
        do { _ = try P256.Signing.PublicKey(x963Representation: bytes); return false } catch { return error == .invalidPublicKey }
    }
    static func rejectsPublicKey(compressed bytes: [UInt8]) -> Bool {
        do { _ = try P256.KeyAgreement.PublicKey(compressedRepresentation: bytes); return false } catch { return error == .invalidPublicKey }
    }

    @Test func publicKeyEncodings() throws {
        let g = Self.gx + Self.gy
        #expect(try P256.KeyAgreement.PublicKey(rawRepresentation: g).x963Representation == [0x04] + g)
        #expect(try P256.KeyAgreement.PublicKey(x963Representation: [0x04] + g).rawRepresentation == g)
        #expect(try P256.KeyAgreement.PublicKey(compressedRepresentation: [0x02 | (Self.gy[31] & 1)] + Self.gx).rawRepresentation == g)
        // Wrong lengths.
        for length in [0, 1, 32, 33, 63, 65, 96, 128] where length != 64 {
            #expect(Self.rejectsPublicKey(raw: [UInt8](g.prefix(length)) + [UInt8](repeating: 1, count: max(0, length - 64))))
        }
        for length in [0, 1, 33, 64, 66, 97] {
            #expect(Self.rejectsPublicKey(x963: [0x04] + [UInt8](repeating: 0x11, count: max(0, length - 1))))
        }
        for length in [0, 1, 32, 34, 65] {
            #expect(Self.rejectsPublicKey(compressed: [0x02] + [UInt8](repeating: 0x11, count: max(0, length - 1))))
        }
        // Encodings of the point at infinity.
        #expect(Self.rejectsPublicKey(x963: [0x00]))
        #expect(Self.rejectsPublicKey(x963: [0x04] + [UInt8](repeating: 0, count: 64)))
        #expect(Self.rejectsPublicKey(raw: [UInt8](repeating: 0, count: 64)))
        #expect(Self.rejectsPublicKey(compressed: [0x02] + [UInt8](repeating: 0, count: 32)) == !Self.isX(GMPInteger(0)))
        // Wrong prefixes, including the hybrid forms 06/07.
        for prefix: UInt8 in [0x00, 0x02, 0x03, 0x05, 0x06, 0x07, 0xff] {
            #expect(Self.rejectsPublicKey(x963: [prefix] + g))
        }
        for prefix: UInt8 in [0x00, 0x01, 0x04, 0x05, 0x06, 0x07] {
            #expect(Self.rejectsPublicKey(compressed: [prefix] + Self.gx))
        }
        // Off the curve.
        var offCurve = g
        offCurve[63] ^= 1
        #expect(Self.rejectsPublicKey(raw: offCurve))
        // Coordinates ≥ p.
        #expect(Self.rejectsPublicKey(raw: Self.p + Self.gy))
        #expect(Self.rejectsPublicKey(raw: Self.gx + Self.p))
        #expect(Self.rejectsPublicKey(raw: [UInt8](repeating: 0xff, count: 64)))
        #expect(Self.rejectsPublicKey(compressed: [0x02] + Self.p))
        #expect(Self.rejectsPublicKey(compressed: [0x03] + [UInt8](repeating: 0xff, count: 32)))
        // x + p for a point with a small x: the same point mod p, but not a canonical encoding.
        let (smallX, smallY) = Self.pointWithSmallX()
        #expect((smallY * smallY) % GMPCurve.p == (smallX * smallX * smallX - GMPInteger(3) * smallX + GMPCurve.b) % GMPCurve.p)
        #expect(!Self.rejectsPublicKey(raw: smallX.bytes() + smallY.bytes()), "(\(smallX), \(smallY))")
        #expect(Self.rejectsPublicKey(raw: (smallX + GMPCurve.p).bytes() + smallY.bytes()))
        #expect(Self.rejectsPublicKey(compressed: [0x02] + (smallX + GMPCurve.p).bytes()))
        // An x with no point on the curve, in compressed form.
        var x = GMPInteger(1)
        while Self.isX(x) { x = x + GMPInteger(1) }
        #expect(Self.rejectsPublicKey(compressed: [0x02] + x.bytes()))
        #expect(Self.rejectsPublicKey(compressed: [0x03] + x.bytes()))
    }

    /// True when x³ − 3x + b is a square mod p.
    static func isX(_ x: GMPInteger) -> Bool {
        let p = GMPCurve.p
        let rhs = (x * x * x - GMPInteger(3) * x + GMPCurve.b) % p
        return rhs.isZero || rhs.jacobi(p) == 1
    }

    /// The curve point with the smallest x (so that x + p still fits in 256 bits).
    static func pointWithSmallX() -> (GMPInteger, GMPInteger) {
        var x = GMPInteger(0)
        while !isX(x) { x = x + GMPInteger(1) }
        let p = GMPCurve.p
        let rhs = (x * x * x - GMPInteger(3) * x + GMPCurve.b) % p
        let y = rhs.power(Self.sqrtExponent, modulo: p)     // (p + 1)/4
        return (x, y)
    }
    static let sqrtExponent = GMPInteger(hex: "3fffffffc0000000400000000000000000000000400000000000000000000000")

    @Test func privateKeys() throws {
        func rejects(_ bytes: [UInt8]) -> Bool {
            do { _ = try P256.Signing.PrivateKey(rawRepresentation: bytes); return false } catch { return error == .invalidPrivateKey }
        }
        #expect(rejects([UInt8](repeating: 0, count: 32)))
        #expect(rejects(Self.n))
        #expect(rejects((GMPCurve.n + GMPInteger(1)).bytes()))
        #expect(rejects([UInt8](repeating: 0xff, count: 32)))
        #expect(rejects([UInt8](repeating: 1, count: 31)))
        #expect(rejects([UInt8](repeating: 1, count: 33)))
        #expect(rejects([]))
        let top = try P256.Signing.PrivateKey(rawRepresentation: (GMPCurve.n - GMPInteger(1)).bytes())
        // (n − 1)·G = −G
        #expect(top.publicKey.rawRepresentation == Self.gx + (GMPCurve.p - GMPCurve.gy).bytes())
        let one = try P256.Signing.PrivateKey(rawRepresentation: GMPInteger(1).bytes())
        #expect(one.publicKey.rawRepresentation == Self.gx + Self.gy)
        // x963 private keys: the point must belong to the scalar.
        #expect(try P256.Signing.PrivateKey(x963Representation: one.x963Representation).rawRepresentation == one.rawRepresentation)
        var mismatched = top.publicKey.x963Representation + one.rawRepresentation
        #expect(throws: CryptoKitError.invalidPrivateKey) { try P256.Signing.PrivateKey(x963Representation: mismatched) }
        mismatched = Array(one.x963Representation.dropLast())
        #expect(throws: CryptoKitError.invalidPrivateKey) { try P256.KeyAgreement.PrivateKey(x963Representation: mismatched) }
        var badPoint = one.x963Representation
        badPoint[0] = 0x05
        #expect(throws: CryptoKitError.self) { try P256.KeyAgreement.PrivateKey(x963Representation: badPoint) }
    }

    @Test func signatureValues() throws {
        var rng = SeededGenerator(seed: 0x9256_0301)
        let key = P256.Signing.PrivateKey(using: &rng)
        let message: [UInt8] = Array("hostile".utf8)
        let good = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(good, for: message))
        #expect(try P256.Signing.ECDSASignature(rawRepresentation: good.rawRepresentation) == good)
        for length in [0, 32, 63, 65, 72] {
            #expect(throws: CryptoKitError.invalidSignatureEncoding) {
                try P256.Signing.ECDSASignature(rawRepresentation: [UInt8](repeating: 1, count: length))
            }
        }
        let r = Array(good.rawRepresentation.prefix(32)), s = Array(good.rawRepresentation.suffix(32))
        let zero = [UInt8](repeating: 0, count: 32)
        let nPlusR = (GMPCurve.n + GMPInteger(bytes: r))
        var hostile: [[UInt8]] = [zero + s, r + zero, zero + zero, Self.n + s, r + Self.n,
                                  [UInt8](repeating: 0xff, count: 64)]
        if nPlusR < GMPInteger(hex: "1" + String(repeating: "0", count: 64)) { hostile.append(nPlusR.bytes() + s) }
        let sPlusN = GMPCurve.n + GMPInteger(bytes: s)
        if sPlusN < GMPInteger(hex: "1" + String(repeating: "0", count: 64)) { hostile.append(r + sPlusN.bytes()) }
        for raw in hostile {
            let signature = try P256.Signing.ECDSASignature(rawRepresentation: raw)
            #expect(!key.publicKey.isValidSignature(signature, for: message), "\(raw.hexString)")
        }
        // ECDSA is malleable: (r, n − s) verifies too (FIPS 186-5 does not forbid high s; Wycheproof agrees).
        let negated = try P256.Signing.ECDSASignature(rawRepresentation: r + (GMPCurve.n - GMPInteger(bytes: s)).bytes())
        #expect(key.publicKey.isValidSignature(negated, for: message))
        // Another key, or the same signature for another digest, fails.
        #expect(!P256.Signing.PrivateKey(using: &rng).publicKey.isValidSignature(good, for: message))
        #expect(!key.publicKey.isValidSignature(good, forDigest: SHA256.hash(data: message + [1])))
        #expect(key.publicKey.isValidSignature(good, forDigest: SHA256.hash(data: message)))
    }
}
