@testable import BrookCrypto

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
