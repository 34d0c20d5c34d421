// Arithmetic in GF(p), p = 2^255 − 19 (RFC 7748 §4.1), for X25519. An element is five 51-bit limbs
// (value = Σ limb_i · 2^(51·i)); limbs may run a few bits over 51 between operations ("loose" form),
// and products are 64×64→128-bit with the 2^255 ≡ 19 fold applied to the cross terms. Nothing
// branches on or indexes by a limb value.

private typealias Wide = LimbArithmetic.Wide

@inline(__always) private func product(_ a: UInt64, _ b: UInt64) -> Wide { LimbArithmetic.product(a, b) }

/// An element of GF(2^255 − 19) in five 51-bit limbs.
struct Field25519 {
    var l0, l1, l2, l3, l4: UInt64

    static let mask51: UInt64 = (1 << 51) - 1

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
        self.l0 = l0
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
        self.l4 = l4
    }

    static let zero = Field25519(0, 0, 0, 0, 0)
    static let one = Field25519(1, 0, 0, 0, 0)

    /// Decodes 32 little-endian bytes, ignoring the top bit (RFC 7748 §5). Values ≥ p are accepted
    /// as they are and reduce naturally in the arithmetic.
    init(bytes p: UnsafeRawPointer) {
        let w0 = loadLittleEndianUInt64(p, 0)
        let w1 = loadLittleEndianUInt64(p, 8)
        let w2 = loadLittleEndianUInt64(p, 16)
        let w3 = loadLittleEndianUInt64(p, 24) & 0x7fff_ffff_ffff_ffff
        self.init(
            w0 & Self.mask51,
            ((w0 >> 51) | (w1 << 13)) & Self.mask51,
            ((w1 >> 38) | (w2 << 26)) & Self.mask51,
            ((w2 >> 25) | (w3 << 39)) & Self.mask51,
            w3 >> 12)
    }

    /// Writes the canonical (fully reduced, < p) 32-byte little-endian encoding.
    func encode(into out: UnsafeMutableRawPointer) {
        var t = self
        t.carry()
        t.carry()  // now every limb < 2^51 except that l0 may be just above; value < 2^255 + 2^13·19
        // q = 1 exactly when t ≥ p, found by propagating the carry of t + 19 up to bit 255.
        var q = (t.l0 &+ 19) >> 51
        q = (t.l1 &+ q) >> 51
        q = (t.l2 &+ q) >> 51
        q = (t.l3 &+ q) >> 51
        q = (t.l4 &+ q) >> 51
        // t − q·p = t + 19·q − q·2^255: add 19q, carry, and drop bit 255.
        t.l0 = t.l0 &+ 19 &* q
        t.l1 = t.l1 &+ (t.l0 >> 51); t.l0 &= Self.mask51
        t.l2 = t.l2 &+ (t.l1 >> 51); t.l1 &= Self.mask51
        t.l3 = t.l3 &+ (t.l2 >> 51); t.l2 &= Self.mask51
        t.l4 = t.l4 &+ (t.l3 >> 51); t.l3 &= Self.mask51
        t.l4 &= Self.mask51
        storeLittleEndian(t.l0 | (t.l1 << 51), out, 0)
        storeLittleEndian((t.l1 >> 13) | (t.l2 << 38), out, 8)
        storeLittleEndian((t.l2 >> 26) | (t.l3 << 25), out, 16)
        storeLittleEndian((t.l3 >> 39) | (t.l4 << 12), out, 24)
    }

    /// One carry pass: limbs back to 51 bits, the carry out of limb 4 folded into limb 0 as ×19.
    @inline(__always)
    mutating func carry() {
        l1 = l1 &+ (l0 >> 51); l0 &= Self.mask51
        l2 = l2 &+ (l1 >> 51); l1 &= Self.mask51
        l3 = l3 &+ (l2 >> 51); l2 &= Self.mask51
        l4 = l4 &+ (l3 >> 51); l3 &= Self.mask51
        l0 = l0 &+ 19 &* (l4 >> 51); l4 &= Self.mask51
    }

    /// `a + b` without reduction (limbs grow by one bit).
    @inline(__always)
    static func + (a: Field25519, b: Field25519) -> Field25519 {
        Field25519(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4)
    }

    /// `a − b`, computed as a + 2p − b so no limb goes negative; needs b's limbs below 2^52 − 38
    /// (true for any product, square or carried value).
    @inline(__always)
    static func - (a: Field25519, b: Field25519) -> Field25519 {
        Field25519(
            (a.l0 &+ 0xf_ffff_ffff_ffda) &- b.l0,
            (a.l1 &+ 0xf_ffff_ffff_fffe) &- b.l1,
            (a.l2 &+ 0xf_ffff_ffff_fffe) &- b.l2,
            (a.l3 &+ 0xf_ffff_ffff_fffe) &- b.l3,
            (a.l4 &+ 0xf_ffff_ffff_fffe) &- b.l4)
    }

    /// Brings five 128-bit column sums back to loose 51-bit limbs. Each column must be < 2^115.
    @inline(__always)
    private static func reduce(_ r0: Wide, _ r1: Wide, _ r2: Wide, _ r3: Wide, _ r4: Wide) -> Field25519 {
        var r1 = r1, r2 = r2, r3 = r3, r4 = r4
        let c0 = r0.shiftedRight(51)
        var l0 = r0.low & mask51
        r1.add(Wide(high: 0, low: c0))
        let l1 = r1.low & mask51
        r2.add(Wide(high: 0, low: r1.shiftedRight(51)))
        let l2 = r2.low & mask51
        r3.add(Wide(high: 0, low: r2.shiftedRight(51)))
        let l3 = r3.low & mask51
        r4.add(Wide(high: 0, low: r3.shiftedRight(51)))
        let l4 = r4.low & mask51
        // The carry out of the top column (< 2^64) re-enters at the bottom times 19; split it so the
        // products stay within 64 bits.
        let top = r4.shiftedRight(51)
        l0 = l0 &+ (top & mask51) &* 19
        var m1 = l1 &+ (top >> 51) &* 19
        m1 = m1 &+ (l0 >> 51)
        l0 &= mask51
        return Field25519(l0, m1, l2, l3, l4)
    }

    /// `a · b` (RFC 7748 §5 field multiplication). Limbs of both inputs below 2^54.
    @inline(__always)
    static func * (a: Field25519, b: Field25519) -> Field25519 {
        let b1x19 = b.l1 &* 19, b2x19 = b.l2 &* 19, b3x19 = b.l3 &* 19, b4x19 = b.l4 &* 19
        var r0 = product(a.l0, b.l0)
        r0.add(product(a.l1, b4x19))
        r0.add(product(a.l2, b3x19))
        r0.add(product(a.l3, b2x19))
        r0.add(product(a.l4, b1x19))
        var r1 = product(a.l0, b.l1)
        r1.add(product(a.l1, b.l0))
        r1.add(product(a.l2, b4x19))
        r1.add(product(a.l3, b3x19))
        r1.add(product(a.l4, b2x19))
        var r2 = product(a.l0, b.l2)
        r2.add(product(a.l1, b.l1))
        r2.add(product(a.l2, b.l0))
        r2.add(product(a.l3, b4x19))
        r2.add(product(a.l4, b3x19))
        var r3 = product(a.l0, b.l3)
        r3.add(product(a.l1, b.l2))
        r3.add(product(a.l2, b.l1))
        r3.add(product(a.l3, b.l0))
        r3.add(product(a.l4, b4x19))
        var r4 = product(a.l0, b.l4)
        r4.add(product(a.l1, b.l3))
        r4.add(product(a.l2, b.l2))
        r4.add(product(a.l3, b.l1))
        r4.add(product(a.l4, b.l0))
        return reduce(r0, r1, r2, r3, r4)
    }

    /// `a²`, with the symmetric cross products computed once. Limbs below 2^53.
    @inline(__always)
    func squared() -> Field25519 {
        let d0 = l0 &* 2, d1 = l1 &* 2, d2 = l2 &* 2, d3 = l3 &* 2
        let l3x19 = l3 &* 19, l4x19 = l4 &* 19
        var r0 = product(l0, l0)
        r0.add(product(d1, l4x19))
        r0.add(product(d2, l3x19))
        var r1 = product(d0, l1)
        r1.add(product(d2, l4x19))
        r1.add(product(l3, l3x19))
        var r2 = product(d0, l2)
        r2.add(product(l1, l1))
        r2.add(product(d3, l4x19))
        var r3 = product(d0, l3)
        r3.add(product(d1, l2))
        r3.add(product(l4, l4x19))
        var r4 = product(d0, l4)
        r4.add(product(d1, l3))
        r4.add(product(l2, l2))
        return Self.reduce(r0, r1, r2, r3, r4)
    }

    /// `a^(2^n)`: `n` successive squarings.
    func squared(times n: Int) -> Field25519 {
        var x = self
        for _ in 0..<n { x = x.squared() }
        return x
    }

    /// `a · k` for a small constant `k` (< 2^32), such as a24 = 121665 in the ladder.
    @inline(__always)
    func multiplied(bySmall k: UInt64) -> Field25519 {
        Self.reduce(
            product(l0, k), product(l1, k), product(l2, k),
            product(l3, k), product(l4, k))
    }

    /// Swaps `a` and `b` when `mask` is all ones, leaves them when it is zero, touching both either way.
    @inline(__always)
    static func conditionalSwap(_ a: inout Field25519, _ b: inout Field25519, mask: UInt64) {
        var t = mask & (a.l0 ^ b.l0); a.l0 ^= t; b.l0 ^= t
        t = mask & (a.l1 ^ b.l1); a.l1 ^= t; b.l1 ^= t
        t = mask & (a.l2 ^ b.l2); a.l2 ^= t; b.l2 ^= t
        t = mask & (a.l3 ^ b.l3); a.l3 ^= t; b.l3 ^= t
        t = mask & (a.l4 ^ b.l4); a.l4 ^= t; b.l4 ^= t
    }

    /// `a^(p−2) = a^−1` (and 0 for 0), by a fixed chain of 254 squarings and 11 multiplications:
    /// p − 2 = 2^255 − 21.
    func inverted() -> Field25519 {
        let x1 = self
        let x2 = x1.squared()                          // 2
        let x9 = x2.squared(times: 2) * x1             // 9
        let x11 = x9 * x2                              // 11
        let x5_0 = x11.squared() * x9                  // 2^5 − 1
        let x10_0 = x5_0.squared(times: 5) * x5_0      // 2^10 − 1
        let x20_0 = x10_0.squared(times: 10) * x10_0   // 2^20 − 1
        let x40_0 = x20_0.squared(times: 20) * x20_0   // 2^40 − 1
        let x50_0 = x40_0.squared(times: 10) * x10_0   // 2^50 − 1
        let x100_0 = x50_0.squared(times: 50) * x50_0  // 2^100 − 1
        let x200_0 = x100_0.squared(times: 100) * x100_0  // 2^200 − 1
        let x250_0 = x200_0.squared(times: 50) * x50_0    // 2^250 − 1
        return x250_0.squared(times: 5) * x11          // 2^255 − 32 + 11 = 2^255 − 21
    }
}
