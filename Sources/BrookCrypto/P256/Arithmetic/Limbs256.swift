// Fixed four-limb 256-bit integers and the Montgomery core shared by the P-256 field (mod p) and
// scalar (mod n) types. Every routine here runs the same instructions whatever the limb values:
// carries and borrows are folded into masks, never into branches.

/// A 256-bit unsigned integer as four little-endian 64-bit limbs (`w0` least significant).
@usableFromInline
struct Limbs256: Sendable, Equatable {
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    @inline(__always) @usableFromInline
    init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
    }

    @usableFromInline static let zero = Limbs256(0, 0, 0, 0)

    /// Reads 32 big-endian bytes at `p`.
    @inline(__always) @usableFromInline
    init(bigEndian p: UnsafeRawPointer) {
        self.init(loadBigEndianUInt64(p, 24), loadBigEndianUInt64(p, 16),
                  loadBigEndianUInt64(p, 8), loadBigEndianUInt64(p, 0))
    }

    /// Writes the value as 32 big-endian bytes at `p`.
    @inline(__always) @usableFromInline
    func store(bigEndian p: UnsafeMutableRawPointer) {
        storeBigEndian(w3, p, 0); storeBigEndian(w2, p, 8)
        storeBigEndian(w1, p, 16); storeBigEndian(w0, p, 24)
    }

    /// The value as 32 big-endian bytes.
    @usableFromInline
    var bigEndianBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        out.withUnsafeMutableBytes { store(bigEndian: $0.baseAddress!) }
        return out
    }

    /// All ones when the value is zero.
    @inline(__always) @usableFromInline
    var isZeroMask: UInt64 { ConstantTime.isZeroMask(w0 | w1 | w2 | w3) }

    /// `mask` all ones selects `a`, zero selects `b`.
    @inline(__always) @usableFromInline
    static func select(_ mask: UInt64, _ a: Limbs256, _ b: Limbs256) -> Limbs256 {
        Limbs256(b.w0 ^ (mask & (a.w0 ^ b.w0)), b.w1 ^ (mask & (a.w1 ^ b.w1)),
                 b.w2 ^ (mask & (a.w2 ^ b.w2)), b.w3 ^ (mask & (a.w3 ^ b.w3)))
    }
}

// MARK: - Carry arithmetic

/// 1 for true, 0 for false, with no branch even in an unoptimised build (where `flag ? 1 : 0` on a
/// secret carry is a conditional jump; the secret-taint check flags it at -Onone).
@inline(__always) @usableFromInline
func carryBit(_ flag: Bool) -> UInt64 { UInt64(truncatingIfNeeded: unsafeBitCast(flag, to: UInt8.self)) }

@inline(__always) @usableFromInline
func addCarry(_ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let (s1, c1) = a.addingReportingOverflow(b)
    let (s2, c2) = s1.addingReportingOverflow(carry)
    carry = carryBit(c1) | carryBit(c2)
    return s2
}

@inline(__always) @usableFromInline
func subBorrow(_ a: UInt64, _ b: UInt64, _ borrow: inout UInt64) -> UInt64 {
    let (d1, b1) = a.subtractingReportingOverflow(b)
    let (d2, b2) = d1.subtractingReportingOverflow(borrow)
    borrow = carryBit(b1) | carryBit(b2)
    return d2
}

/// `acc + a·b + carry` as a two-limb value: returns the low limb, leaves the high limb in `carry`.
/// Never overflows: (2⁶⁴−1)² + 2·(2⁶⁴−1) = 2¹²⁸ − 1.
@inline(__always) @usableFromInline
func multiplyAccumulate(_ acc: UInt64, _ a: UInt64, _ b: UInt64, _ carry: inout UInt64) -> UInt64 {
    let t = UInt128(a) &* UInt128(b) &+ UInt128(acc) &+ UInt128(carry)
    carry = UInt64(truncatingIfNeeded: t >> 64)
    return UInt64(truncatingIfNeeded: t)
}

extension Limbs256 {
    /// `a + b` and the carry out (0 or 1).
    @inline(__always) @usableFromInline
    static func add(_ a: Limbs256, _ b: Limbs256) -> (sum: Limbs256, carry: UInt64) {
        var c: UInt64 = 0
        let r0 = addCarry(a.w0, b.w0, &c), r1 = addCarry(a.w1, b.w1, &c)
        let r2 = addCarry(a.w2, b.w2, &c), r3 = addCarry(a.w3, b.w3, &c)
        return (Limbs256(r0, r1, r2, r3), c)
    }

    /// `a − b` and the borrow out (0 or 1).
    @inline(__always) @usableFromInline
    static func subtract(_ a: Limbs256, _ b: Limbs256) -> (difference: Limbs256, borrow: UInt64) {
        var c: UInt64 = 0
        let r0 = subBorrow(a.w0, b.w0, &c), r1 = subBorrow(a.w1, b.w1, &c)
        let r2 = subBorrow(a.w2, b.w2, &c), r3 = subBorrow(a.w3, b.w3, &c)
        return (Limbs256(r0, r1, r2, r3), c)
    }

    /// All ones when `self < m`.
    @inline(__always) @usableFromInline
    func lessThanMask(_ m: Limbs256) -> UInt64 {
        0 &- Limbs256.subtract(self, m).borrow
    }

    /// `(a + b) mod m` for `a, b < m`.
    @inline(__always) @usableFromInline
    static func modularAdd(_ a: Limbs256, _ b: Limbs256, _ m: Limbs256) -> Limbs256 {
        let (s, carry) = add(a, b)
        let (d, borrow) = subtract(s, m)
        // Keep s only when a + b < m: no carry out of the sum and a borrow from the subtraction.
        let keep = (0 &- borrow) & ~(0 &- carry)
        return select(keep, s, d)
    }

    /// `(a − b) mod m` for `a, b < m`.
    @inline(__always) @usableFromInline
    static func modularSubtract(_ a: Limbs256, _ b: Limbs256, _ m: Limbs256) -> Limbs256 {
        let (d, borrow) = subtract(a, b)
        let mask = 0 &- borrow
        let correction = Limbs256(m.w0 & mask, m.w1 & mask, m.w2 & mask, m.w3 & mask)
        return add(d, correction).sum
    }

    /// `self mod m` for any 256-bit value when `2m > 2²⁵⁶` (true of both p and n): one masked subtraction.
    @inline(__always) @usableFromInline
    func reducedOnce(_ m: Limbs256) -> Limbs256 {
        let (d, borrow) = Limbs256.subtract(self, m)
        return Limbs256.select(0 &- borrow, self, d)
    }
}

// MARK: - Montgomery multiplication

extension Limbs256 {
    /// `a·b·2⁻²⁵⁶ mod m` for `a, b < m` (word-by-word Montgomery, CIOS), where `mPrime = −m⁻¹ mod 2⁶⁴`.
    /// Inlined into the field and scalar types so the modulus limbs become constants.
    @inline(__always) @usableFromInline
    static func montgomeryMultiply(_ a: Limbs256, _ b: Limbs256, _ m: Limbs256, _ mPrime: UInt64) -> Limbs256 {
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0, t4: UInt64 = 0
        @inline(__always) func round(_ bi: UInt64) {
            // t += a·bi
            var c: UInt64 = 0
            t0 = multiplyAccumulate(t0, a.w0, bi, &c)
            t1 = multiplyAccumulate(t1, a.w1, bi, &c)
            t2 = multiplyAccumulate(t2, a.w2, bi, &c)
            t3 = multiplyAccumulate(t3, a.w3, bi, &c)
            let (s4, o4) = t4.addingReportingOverflow(c)
            let t5 = carryBit(o4)
            // t = (t + q·m) / 2⁶⁴ with q chosen so the low limb vanishes.
            let q = t0 &* mPrime
            var d: UInt64 = 0
            _ = multiplyAccumulate(t0, q, m.w0, &d)
            t0 = multiplyAccumulate(t1, q, m.w1, &d)
            t1 = multiplyAccumulate(t2, q, m.w2, &d)
            t2 = multiplyAccumulate(t3, q, m.w3, &d)
            let (s3, o3) = s4.addingReportingOverflow(d)
            t3 = s3
            t4 = t5 &+ carryBit(o3)
        }
        round(b.w0); round(b.w1); round(b.w2); round(b.w3)
        // t < 2m: subtract m once unless that borrows past the fifth limb.
        let t = Limbs256(t0, t1, t2, t3)
        let (d, borrow) = subtract(t, m)
        let keep = (0 &- borrow) & ~(0 &- t4)   // t4 = 1 means t ≥ 2²⁵⁶ > m
        return select(keep, t, d)
    }
}
