// Arithmetic modulo the P-256 group order n (FIPS 186-5 / SP 800-186 §3.2.1.3), in Montgomery form.
// Private keys, nonces and ECDSA values live here; every operation is constant-time.

/// An integer modulo the group order n, in Montgomery form (a·2²⁵⁶ mod n).
@usableFromInline
struct P256Scalar: Sendable {
    @usableFromInline var limbs: Limbs256

    @inline(__always) @usableFromInline
    init(montgomery limbs: Limbs256) { self.limbs = limbs }

    @usableFromInline static let modulus = Limbs256(0xf3b9_cac2_fc63_2551, 0xbce6_faad_a717_9e84, 0xffff_ffff_ffff_ffff, 0xffff_ffff_0000_0000)
    /// −n⁻¹ mod 2⁶⁴.
    @usableFromInline static let mPrime: UInt64 = 0xccd1_c8aa_ee00_bc4f
    /// 2⁵¹² mod n.
    @usableFromInline static let rSquared = Limbs256(0x8324_4c95_be79_eea2, 0x4699_799c_49bd_6fa6, 0x2845_b239_2b6b_ec59, 0x66e1_2d94_f3d9_5620)
    @usableFromInline static let zero = P256Scalar(montgomery: .zero)
    /// 1 in Montgomery form (2²⁵⁶ mod n).
    @usableFromInline static let one = P256Scalar(montgomery: Limbs256(0x0c46_353d_039c_daaf, 0x4319_0552_58e8_617b, 0, 0x0000_0000_ffff_ffff))

    /// The scalar whose canonical value is `value`, which must be < n.
    @inline(__always) @usableFromInline
    init(canonical value: Limbs256) {
        self.limbs = Limbs256.montgomeryMultiply(value, Self.rSquared, Self.modulus, Self.mPrime)
    }

    /// Reduces any 256-bit value mod n (one masked subtraction suffices since 2n > 2²⁵⁶).
    @inline(__always) @usableFromInline
    init(reducing value: Limbs256) {
        self.init(canonical: value.reducedOnce(Self.modulus))
    }

    /// Reads 32 big-endian bytes. `isCanonicalMask` is all ones when the value is < n; otherwise the
    /// scalar holds the value reduced mod n.
    @inline(__always) @usableFromInline
    static func fromBigEndian(_ p: UnsafeRawPointer) -> (scalar: P256Scalar, isCanonicalMask: UInt64) {
        let value = Limbs256(bigEndian: p)
        return (P256Scalar(reducing: value), value.lessThanMask(modulus))
    }

    /// The canonical value (out of Montgomery form).
    @inline(__always) @usableFromInline
    var canonical: Limbs256 {
        Limbs256.montgomeryMultiply(limbs, Limbs256(1, 0, 0, 0), Self.modulus, Self.mPrime)
    }

    @usableFromInline
    var bigEndianBytes: [UInt8] { canonical.bigEndianBytes }

    @inline(__always) @usableFromInline
    var isZeroMask: UInt64 { limbs.isZeroMask }

    @inline(__always) @usableFromInline
    static func + (a: P256Scalar, b: P256Scalar) -> P256Scalar {
        P256Scalar(montgomery: Limbs256.modularAdd(a.limbs, b.limbs, modulus))
    }

    @inline(__always) @usableFromInline
    static func - (a: P256Scalar, b: P256Scalar) -> P256Scalar {
        P256Scalar(montgomery: Limbs256.modularSubtract(a.limbs, b.limbs, modulus))
    }

    @inline(__always) @usableFromInline
    static func * (a: P256Scalar, b: P256Scalar) -> P256Scalar {
        P256Scalar(montgomery: Limbs256.montgomeryMultiply(a.limbs, b.limbs, modulus, mPrime))
    }

    /// n − 2, the Fermat exponent, as 64 four-bit digits from the most significant.
    private static let inversionExponentNibbles: [UInt8] = {
        let e = Limbs256.subtract(modulus, Limbs256(2, 0, 0, 0)).difference
        return (0..<64).map { i in
            let shift = (63 - i) * 4
            let word = [e.w0, e.w1, e.w2, e.w3][shift >> 6]
            return UInt8((word >> UInt64(shift & 63)) & 0xf)
        }
    }()

    /// The inverse `self^(n−2)` (0 maps to 0). The exponent is public, so the fixed 4-bit window below
    /// indexes its small table by exponent digits only; the run time does not depend on `self`.
    @usableFromInline
    var inverted: P256Scalar {
        // powers[i] = self^i for i in 0..<16
        var powers = (P256Scalar.one, self, P256Scalar.one, P256Scalar.one, P256Scalar.one, P256Scalar.one,
                      P256Scalar.one, P256Scalar.one, P256Scalar.one, P256Scalar.one, P256Scalar.one,
                      P256Scalar.one, P256Scalar.one, P256Scalar.one, P256Scalar.one, P256Scalar.one)
        return withUnsafeMutableBytes(of: &powers) { raw -> P256Scalar in
            let table = raw.bindMemory(to: P256Scalar.self)
            for i in 2..<16 { table[i] = table[i - 1] * self }
            var r = P256Scalar.one
            for digit in Self.inversionExponentNibbles {
                r = r * r; r = r * r; r = r * r; r = r * r
                r = r * table[Int(digit)]
            }
            return r
        }
    }
}
