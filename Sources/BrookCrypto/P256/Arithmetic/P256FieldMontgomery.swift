// Montgomery multiplication and squaring specialised to p = 2²⁵⁶ − 2²²⁴ + 2¹⁹² + 2⁹⁶ − 1.
//
// The 512-bit product is formed first (16 word products, or 10 for a square), then reduced by four
// word-level Montgomery steps. With −p⁻¹ ≡ 1 (mod 2⁶⁴) each step's quotient digit q is the current low
// limb, and adding q·p needs only one word multiplication: in limbs, p = (2⁶⁴−1, 2³²−1, 0, p₃), so
//   t₀ + q·(2⁶⁴−1) = q·2⁶⁴ exactly, which with q·(2³²−1) at the next limb makes q·2³² there, and only
//   q·p₃ (p₃ = 2⁶⁴ − 2³² + 1) is a real product.

extension P256FieldElement {
    @usableFromInline static let p3: UInt64 = 0xffff_ffff_0000_0001

    /// Adds q·p·2^(64i) to the running value, given its limbs i+1 … i+4 and the carry the previous step
    /// left at limb i+4 (limb i becomes zero and is dropped). Returns the carry into limb i+5.
    @inline(__always) @usableFromInline
    static func reductionStep(_ q: UInt64, _ a1: inout UInt64, _ a2: inout UInt64, _ a3: inout UInt64,
                              _ a4: inout UInt64, carryIn: UInt64) -> UInt64 {
        var c: UInt64 = 0
        a1 = addCarry(a1, q << 32, &c)
        a2 = addCarry(a2, q >> 32, &c)
        let (hi, lo) = q.multipliedFullWidth(by: p3)
        a3 = addCarry(a3, lo, &c)
        a4 = addCarry(a4, hi, &c)
        var c2: UInt64 = 0
        a4 = addCarry(a4, carryIn, &c2)
        return c | c2          // never both: see the bound on q·p₃'s high word
    }

    /// Montgomery reduction of the 512-bit value (t0 … t7) < p·2²⁵⁶: returns t·2⁻²⁵⁶ mod p, fully reduced.
    @inline(__always) @usableFromInline
    static func montgomeryReduce(_ t0: UInt64, _ t1: UInt64, _ t2: UInt64, _ t3: UInt64,
                                 _ t4: UInt64, _ t5: UInt64, _ t6: UInt64, _ t7: UInt64) -> Limbs256 {
        var t1 = t1, t2 = t2, t3 = t3, t4 = t4, t5 = t5, t6 = t6, t7 = t7
        var carry = reductionStep(t0, &t1, &t2, &t3, &t4, carryIn: 0)
        carry = reductionStep(t1, &t2, &t3, &t4, &t5, carryIn: carry)
        carry = reductionStep(t2, &t3, &t4, &t5, &t6, carryIn: carry)
        carry = reductionStep(t3, &t4, &t5, &t6, &t7, carryIn: carry)
        // (carry, t7 … t4) < 2p: subtract p once unless that borrows past the carry word.
        let t = Limbs256(t4, t5, t6, t7)
        let (d, borrow) = Limbs256.subtract(t, modulus)
        let keep = (0 &- borrow) & ~(0 &- carry)
        return Limbs256.select(keep, t, d)
    }

    /// a·b·2⁻²⁵⁶ mod p.
    @inline(__always) @usableFromInline
    static func montgomeryMultiply(_ a: Limbs256, _ b: Limbs256) -> Limbs256 {
        var c: UInt64 = 0
        // Row 0: a·b0
        let t0 = multiplyAccumulate(0, a.w0, b.w0, &c)
        var t1 = multiplyAccumulate(0, a.w1, b.w0, &c)
        var t2 = multiplyAccumulate(0, a.w2, b.w0, &c)
        var t3 = multiplyAccumulate(0, a.w3, b.w0, &c)
        var t4 = c
        // Row 1: a·b1 at limb 1
        c = 0
        t1 = multiplyAccumulate(t1, a.w0, b.w1, &c)
        t2 = multiplyAccumulate(t2, a.w1, b.w1, &c)
        t3 = multiplyAccumulate(t3, a.w2, b.w1, &c)
        t4 = multiplyAccumulate(t4, a.w3, b.w1, &c)
        var t5 = c
        // Row 2
        c = 0
        t2 = multiplyAccumulate(t2, a.w0, b.w2, &c)
        t3 = multiplyAccumulate(t3, a.w1, b.w2, &c)
        t4 = multiplyAccumulate(t4, a.w2, b.w2, &c)
        t5 = multiplyAccumulate(t5, a.w3, b.w2, &c)
        var t6 = c
        // Row 3
        c = 0
        t3 = multiplyAccumulate(t3, a.w0, b.w3, &c)
        t4 = multiplyAccumulate(t4, a.w1, b.w3, &c)
        t5 = multiplyAccumulate(t5, a.w2, b.w3, &c)
        t6 = multiplyAccumulate(t6, a.w3, b.w3, &c)
        let t7 = c
        return montgomeryReduce(t0, t1, t2, t3, t4, t5, t6, t7)
    }

    /// a²·2⁻²⁵⁶ mod p: the six cross products once, doubled, plus the four squares.
    @inline(__always) @usableFromInline
    static func montgomerySquare(_ a: Limbs256) -> Limbs256 {
        var c: UInt64 = 0
        // Cross products a_i·a_j, i < j, at limb i + j.
        let t1 = multiplyAccumulate(0, a.w1, a.w0, &c)
        let t2 = multiplyAccumulate(0, a.w2, a.w0, &c)
        var t3 = multiplyAccumulate(0, a.w3, a.w0, &c)
        var t4 = c
        c = 0
        t3 = multiplyAccumulate(t3, a.w2, a.w1, &c)
        t4 = multiplyAccumulate(t4, a.w3, a.w1, &c)
        var t5 = c
        c = 0
        t5 = multiplyAccumulate(t5, a.w3, a.w2, &c)
        let t6 = c
        // Double them (a left shift by one bit across the limbs).
        let d7 = t6 >> 63
        let d6 = (t6 << 1) | (t5 >> 63)
        let d5 = (t5 << 1) | (t4 >> 63)
        let d4 = (t4 << 1) | (t3 >> 63)
        let d3 = (t3 << 1) | (t2 >> 63)
        let d2 = (t2 << 1) | (t1 >> 63)
        let d1 = t1 << 1
        // Add the squares a_i² at limb 2i.
        let (h0, l0) = a.w0.multipliedFullWidth(by: a.w0)
        let (h1, l1) = a.w1.multipliedFullWidth(by: a.w1)
        let (h2, l2) = a.w2.multipliedFullWidth(by: a.w2)
        let (h3, l3) = a.w3.multipliedFullWidth(by: a.w3)
        c = 0
        let r1 = addCarry(d1, h0, &c)
        let r2 = addCarry(d2, l1, &c)
        let r3 = addCarry(d3, h1, &c)
        let r4 = addCarry(d4, l2, &c)
        let r5 = addCarry(d5, h2, &c)
        let r6 = addCarry(d6, l3, &c)
        let r7 = addCarry(d7, h3, &c)
        return montgomeryReduce(l0, r1, r2, r3, r4, r5, r6, r7)
    }
}
