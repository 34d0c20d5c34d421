// Arithmetic modulo the P-256 prime p = 2²⁵⁶ − 2²²⁴ + 2¹⁹² + 2⁹⁶ − 1 (FIPS 186-5 / SP 800-186 §3.2.1.3).
// Elements are kept in Montgomery form (a·2²⁵⁶ mod p), always fully reduced. Because the low limb of p
// is 2⁶⁴ − 1, −p⁻¹ mod 2⁶⁴ = 1 and the Montgomery quotient digit is simply the low limb.

/// An element of GF(p) in Montgomery form; constant-time throughout.
@usableFromInline
struct P256FieldElement: Sendable {
    @usableFromInline var limbs: Limbs256

    @inline(__always) @usableFromInline
    init(montgomery limbs: Limbs256) { self.limbs = limbs }

    @usableFromInline static let modulus = Limbs256(0xffff_ffff_ffff_ffff, 0x0000_0000_ffff_ffff, 0, 0xffff_ffff_0000_0001)
    /// 2⁵¹² mod p, to enter Montgomery form.
    @usableFromInline static let rSquared = Limbs256(0x0000_0000_0000_0003, 0xffff_fffb_ffff_ffff, 0xffff_ffff_ffff_fffe, 0x0000_0004_ffff_fffd)

    @usableFromInline static let zero = P256FieldElement(montgomery: .zero)
    /// 1 in Montgomery form (2²⁵⁶ mod p).
    @usableFromInline static let one = P256FieldElement(montgomery: Limbs256(0x0000_0000_0000_0001, 0xffff_ffff_0000_0000, 0xffff_ffff_ffff_ffff, 0x0000_0000_ffff_fffe))
    /// The curve coefficient b in Montgomery form.
    @usableFromInline static let b = P256FieldElement(montgomery: Limbs256(0xd89c_df62_29c4_bddf, 0xacf0_05cd_7884_3090, 0xe5a2_20ab_f721_2ed6, 0xdc30_061d_0487_4834))

    /// The element whose canonical value is `value`, which must be < p.
    @inline(__always) @usableFromInline
    init(canonical value: Limbs256) {
        self.limbs = Self.montgomeryMultiply(value, Self.rSquared)
    }

    /// Reduces any 256-bit value mod p (one masked subtraction suffices since 2p > 2²⁵⁶).
    @inline(__always) @usableFromInline
    init(reducing value: Limbs256) {
        self.init(canonical: value.reducedOnce(Self.modulus))
    }

    /// Reads 32 big-endian bytes. `isCanonicalMask` is all ones when the value is < p; otherwise the
    /// element holds the value reduced mod p. Branch-free, so secret inputs are fine.
    @inline(__always) @usableFromInline
    static func fromBigEndian(_ p: UnsafeRawPointer) -> (element: P256FieldElement, isCanonicalMask: UInt64) {
        let value = Limbs256(bigEndian: p)
        return (P256FieldElement(reducing: value), value.lessThanMask(modulus))
    }

    /// The canonical value (out of Montgomery form).
    @inline(__always) @usableFromInline
    var canonical: Limbs256 {
        Self.montgomeryReduce(limbs.w0, limbs.w1, limbs.w2, limbs.w3, 0, 0, 0, 0)
    }

    /// The canonical value as 32 big-endian bytes.
    @usableFromInline
    var bigEndianBytes: [UInt8] { canonical.bigEndianBytes }

    @inline(__always) @usableFromInline
    var isZeroMask: UInt64 { limbs.isZeroMask }

    @inline(__always) @usableFromInline
    func isEqualMask(_ other: P256FieldElement) -> UInt64 {
        Limbs256(limbs.w0 ^ other.limbs.w0, limbs.w1 ^ other.limbs.w1,
                 limbs.w2 ^ other.limbs.w2, limbs.w3 ^ other.limbs.w3).isZeroMask
    }

    /// All ones when the canonical value is odd.
    @inline(__always) @usableFromInline
    var isOddMask: UInt64 { 0 &- (canonical.w0 & 1) }

    @inline(__always) @usableFromInline
    static func select(_ mask: UInt64, _ a: P256FieldElement, _ b: P256FieldElement) -> P256FieldElement {
        P256FieldElement(montgomery: Limbs256.select(mask, a.limbs, b.limbs))
    }

    // MARK: Ring operations

    @inline(__always) @usableFromInline
    static func + (a: P256FieldElement, b: P256FieldElement) -> P256FieldElement {
        P256FieldElement(montgomery: Limbs256.modularAdd(a.limbs, b.limbs, modulus))
    }

    @inline(__always) @usableFromInline
    static func - (a: P256FieldElement, b: P256FieldElement) -> P256FieldElement {
        P256FieldElement(montgomery: Limbs256.modularSubtract(a.limbs, b.limbs, modulus))
    }

    @inline(__always) @usableFromInline
    static prefix func - (a: P256FieldElement) -> P256FieldElement {
        P256FieldElement.zero - a
    }

    @inline(__always) @usableFromInline
    static func * (a: P256FieldElement, b: P256FieldElement) -> P256FieldElement {
        P256FieldElement(montgomery: montgomeryMultiply(a.limbs, b.limbs))
    }

    @inline(__always) @usableFromInline
    var squared: P256FieldElement { P256FieldElement(montgomery: Self.montgomerySquare(limbs)) }

    /// `self` squared `count` times (`count` is public).
    @inline(__always) @usableFromInline
    func squared(times count: Int) -> P256FieldElement {
        var r = self
        for _ in 0..<count { r = r.squared }
        return r
    }

    /// The powers self^(2^k − 1) for k = 30 and 32, built by the chain 1 → 2 → 3 → 6 → 12 → 15 → 30 → 32
    /// (each step squares k times and multiplies by an earlier power); the exponent chains below start here.
    @inline(__always)
    private func onesPowers() -> (x30: P256FieldElement, x32: P256FieldElement) {
        let x2 = squared * self
        let x3 = x2.squared * self
        let x6 = x3.squared(times: 3) * x3
        let x12 = x6.squared(times: 6) * x6
        let x15 = x12.squared(times: 3) * x3
        let x30 = x15.squared(times: 15) * x15
        let x32 = x30.squared(times: 2) * x2
        return (x30, x32)
    }

    /// The multiplicative inverse by Fermat, `self^(p−2)`, with a fixed addition chain (0 maps to 0).
    /// p − 2 = ffffffff 00000001 00000000 00000000 00000000 ffffffff ffffffff fffffffd (hex).
    @usableFromInline
    var inverted: P256FieldElement {
        let (x30, x32) = onesPowers()
        var r = x32.squared(times: 32) * self        // ffffffff 00000001
        r = r.squared(times: 128) * x32              // … 00000000 00000000 00000000 ffffffff
        r = r.squared(times: 32) * x32               // … ffffffff
        r = r.squared(times: 30) * x30               // … 3fffffff (the 30 leading ones of fffffffd)
        r = r.squared(times: 2) * self               // … then the bits 0, 1
        return r
    }

    /// A square root `self^((p+1)/4)` (p ≡ 3 mod 4) and a mask that is all ones when it really is one,
    /// i.e. when `self` is a quadratic residue (or zero).
    /// (p + 1)/4 = 3fffffff c0000000 40000000 00000000 00000000 40000000 00000000 00000000 (hex).
    @usableFromInline
    var squareRoot: (root: P256FieldElement, isSquareMask: UInt64) {
        let x32 = onesPowers().x32
        var r = x32.squared(times: 32) * self        // bits 253…222 ones, bit 190 set
        r = r.squared(times: 96) * self              // bit 94 set
        r = r.squared(times: 94)
        return (r, r.squared.isEqualMask(self))
    }
}
