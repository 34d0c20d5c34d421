import BrookVectors
import Foundation
@testable import BrookCrypto
import BrookTestSupport

/// Conversions between 32-byte big-endian strings and the internal P-256 types, for tests.
enum P256TestHelpers {
    static func field(_ bytes: [UInt8]) -> (element: P256FieldElement, canonical: Bool) {
        precondition(bytes.count == 32)
        let (e, mask) = bytes.withUnsafeBytes { P256FieldElement.fromBigEndian($0.baseAddress!) }
        return (e, mask == .max)
    }

    static func scalar(_ bytes: [UInt8]) -> (scalar: P256Scalar, canonical: Bool) {
        precondition(bytes.count == 32)
        let (s, mask) = bytes.withUnsafeBytes { P256Scalar.fromBigEndian($0.baseAddress!) }
        return (s, mask == .max)
    }

    static func limbs(_ bytes: [UInt8]) -> Limbs256 {
        precondition(bytes.count == 32)
        return bytes.withUnsafeBytes { Limbs256(bigEndian: $0.baseAddress!) }
    }

    /// Affine (x, y) bytes of a projective point, or nil for the identity.
    static func affineBytes(_ point: P256Point) -> (x: [UInt8], y: [UInt8])? {
        let (a, identity) = point.affine
        return identity != 0 ? nil : (a.x.bigEndianBytes, a.y.bigEndianBytes)
    }

    static func affinePoint(x: [UInt8], y: [UInt8]) -> P256AffinePoint {
        P256AffinePoint(x: field(x).element, y: field(y).element)
    }

    /// Random 32-byte values biased towards edge cases: small numbers, values just below and above
    /// `modulus`, all-ones words, and plain uniform bytes.
    static func interestingValue(_ rng: inout SeededGenerator, modulus: GMPInteger) -> [UInt8] {
        switch rng.next() % 8 {
        case 0: return GMPInteger(Int(rng.next() % 4)).bytes()
        case 1: return (modulus - GMPInteger(Int(rng.next() % 4) + 1)).bytes()
        case 2:
            let above = modulus + GMPInteger(Int(rng.next() % 4))
            return above < GMPInteger(hex: "1" + String(repeating: "0", count: 64)) ? above.bytes() : rng.bytes(32)
        case 3:
            // Words of all ones or zeros mixed with random ones.
            return (0..<4).flatMap { _ -> [UInt8] in
                switch rng.next() % 3 {
                case 0: return [UInt8](repeating: 0xff, count: 8)
                case 1: return [UInt8](repeating: 0, count: 8)
                default: return rng.bytes(8)
                }
            }
        case 4: return [UInt8](repeating: 0xff, count: 32)
        default: return rng.bytes(32)
        }
    }
}

extension P256TestHelpers {
    /// A hex integer (any length, odd digit counts allowed) as exactly 32 big-endian bytes, or nil when
    /// its value needs more than 256 bits.
    static func fixed32(hex: String) -> [UInt8]? {
        var digits = Substring(hex)
        while digits.first == "0" { digits = digits.dropFirst() }
        guard digits.count <= 64 else { return nil }
        let padded = String(repeating: "0", count: 64 - digits.count) + digits
        return [UInt8](hex: padded)
    }

    /// The digest of `message` under a hash named as in the CAVP and RFC files ("SHA-256", "SHA256").
    static func withHash<R>(named name: String, _ body: (any HashFunction.Type) -> R) -> R? {
        switch name.replacingOccurrences(of: "-", with: "") {
        case "SHA1": return body(Insecure.SHA1.self)
        case "SHA256": return body(SHA256.self)
        case "SHA384": return body(SHA384.self)
        case "SHA512": return body(SHA512.self)
        default: return nil
        }
    }

    static func digest(_ hash: any HashFunction.Type, _ message: [UInt8]) -> [UInt8] {
        func run<H: HashFunction>(_ h: H.Type) -> [UInt8] { Array(H.hash(data: message)) }
        return run(hash)
    }

    /// Signs a digest with a deterministic RFC 6979 nonce drawn with HMAC over `hash`.
    static func sign(_ hash: any HashFunction.Type, digest: [UInt8], privateKey: [UInt8]) -> P256.Signing.ECDSASignature {
        func run<H: HashFunction>(_ h: H.Type) -> P256.Signing.ECDSASignature {
            digest.withUnsafeBytes { ECDSA.sign(digest: $0, privateKey: limbs(privateKey), hash: H.self, extraEntropy: []) }
        }
        return run(hash)
    }

    /// The first RFC 6979 nonce for a digest.
    static func nonce(_ hash: any HashFunction.Type, digest: [UInt8], privateKey: [UInt8]) -> [UInt8] {
        func run<H: HashFunction>(_ h: H.Type) -> [UInt8] {
            var generator = digest.withUnsafeBytes {
                RFC6979NonceGenerator<H>(privateKey: privateKey, digest: $0, additionalData: [])
            }
            return generator.next().bigEndianBytes
        }
        return run(hash)
    }
}
