// GHASH (NIST SP 800-38D §6.4): multiplication in GF(2^128) by the hash key H, in constant time.
//
// There is no carry-less multiply in portable Swift, so it is emulated with ordinary integer
// multiplies on operands with "holes" (the idea of BearSSL's ghash_ctmul): each operand is split
// into five masks keeping every fifth bit. Within one product a_i·b_j a result column sums at most
// 13 one-bit terms, which fits in the five bits up to the next kept column, so the kept columns hold
// exact parities: the carry-less product. 25 full-width multiplies give one 64×64 → 128 product;
// Karatsuba gives 128×128 from three; four blocks share one reduction (aggregated with H..H^4).
//
// Bit order (SP 800-38D §6.3): a block is read as a 128-bit big-endian integer whose most
// significant bit is the coefficient of x^0, i.e. the polynomial bit-reflected.

/// A GF(2^128) element as a big-endian 128-bit integer (`hi` = bytes 0..<8).
@usableFromInline
struct GFElement: Sendable {
    @usableFromInline var hi: UInt64
    @usableFromInline var lo: UInt64

    @inline(__always) @usableFromInline
    init(hi: UInt64, lo: UInt64) { self.hi = hi; self.lo = lo }

    @inline(__always) @usableFromInline
    init(loading p: UnsafeRawPointer) {
        hi = loadBigEndianUInt64(p, 0)
        lo = loadBigEndianUInt64(p, 8)
    }

    @inline(__always) @usableFromInline
    func store(to p: UnsafeMutableRawPointer) {
        storeBigEndian(hi, p, 0)
        storeBigEndian(lo, p, 8)
    }

    /// Field multiplication (one reduction).
    @inline(__always) @usableFromInline
    func times(_ other: GFElement) -> GFElement {
        var acc = UnreducedProduct()
        acc.accumulate(self, other, other.hi ^ other.lo)
        return acc.reduced()
    }
}

/// Carry-less 64×64 → 128 product, constant time (see the file comment).
@inline(__always) @usableFromInline
func carrylessMultiply(_ a: UInt64, _ b: UInt64) -> (hi: UInt64, lo: UInt64) {
    let m0: UInt64 = 0x1084_2108_4210_8421, m1: UInt64 = 0x2108_4210_8421_0842
    let m2: UInt64 = 0x4210_8421_0842_1084, m3: UInt64 = 0x8421_0842_1084_2108
    let m4: UInt64 = 0x0842_1084_2108_4210
    let a0 = a & m0, a1 = a & m1, a2 = a & m2, a3 = a & m3, a4 = a & m4
    let b0 = b & m0, b1 = b & m1, b2 = b & m2, b3 = b & m3, b4 = b & m4

    @inline(__always) func mul(_ x: UInt64, _ y: UInt64) -> (UInt64, UInt64) {
        let p = x.multipliedFullWidth(by: y)
        return (p.high, p.low)
    }
    @inline(__always) func sum5(
        _ p: (UInt64, UInt64), _ q: (UInt64, UInt64), _ r: (UInt64, UInt64), _ s: (UInt64, UInt64), _ t: (UInt64, UInt64)
    ) -> (UInt64, UInt64) {
        (p.0 ^ q.0 ^ r.0 ^ s.0 ^ t.0, p.1 ^ q.1 ^ r.1 ^ s.1 ^ t.1)
    }
    // z_r collects the products whose kept columns are ≡ r (mod 5).
    let z0 = sum5(mul(a0, b0), mul(a1, b4), mul(a2, b3), mul(a3, b2), mul(a4, b1))
    let z1 = sum5(mul(a0, b1), mul(a1, b0), mul(a2, b4), mul(a3, b3), mul(a4, b2))
    let z2 = sum5(mul(a0, b2), mul(a1, b1), mul(a2, b0), mul(a3, b4), mul(a4, b3))
    let z3 = sum5(mul(a0, b3), mul(a1, b2), mul(a2, b1), mul(a3, b0), mul(a4, b4))
    let z4 = sum5(mul(a0, b4), mul(a1, b3), mul(a2, b2), mul(a3, b1), mul(a4, b0))
    // Column 64 + k of the high word is ≡ k + 4 (mod 5): the high word uses the masks shifted by one.
    let lo = (z0.1 & m0) | (z1.1 & m1) | (z2.1 & m2) | (z3.1 & m3) | (z4.1 & m4)
    let hi = (z0.0 & m1) | (z1.0 & m2) | (z2.0 & m3) | (z3.0 & m4) | (z4.0 & m0)
    return (hi, lo)
}

/// A sum of 128×128 carry-less products before reduction, kept as Karatsuba parts.
@usableFromInline
struct UnreducedProduct {
    @usableFromInline var lowHi: UInt64 = 0, lowLo: UInt64 = 0     // Σ a.lo·b.lo
    @usableFromInline var highHi: UInt64 = 0, highLo: UInt64 = 0   // Σ a.hi·b.hi
    @usableFromInline var midHi: UInt64 = 0, midLo: UInt64 = 0     // Σ (a.hi⊕a.lo)·(b.hi⊕b.lo)

    @inline(__always) @usableFromInline
    init() {}

    /// Adds a·b; `bFolded` is b.hi ⊕ b.lo (precomputed for the powers of H).
    @inline(__always) @usableFromInline
    mutating func accumulate(_ a: GFElement, _ b: GFElement, _ bFolded: UInt64) {
        let l = carrylessMultiply(a.lo, b.lo)
        let h = carrylessMultiply(a.hi, b.hi)
        let m = carrylessMultiply(a.hi ^ a.lo, bFolded)
        lowHi ^= l.hi; lowLo ^= l.lo
        highHi ^= h.hi; highLo ^= h.lo
        midHi ^= m.hi; midLo ^= m.lo
    }

    /// Reduces modulo x^128 + x^7 + x^2 + x + 1 (in the reflected representation).
    @inline(__always) @usableFromInline
    func reduced() -> GFElement {
        let middleHi = midHi ^ lowHi ^ highHi, middleLo = midLo ^ lowLo ^ highLo
        // 255-bit integer product v3:v2:v1:v0; x^k sits at bit 254 − k.
        var v3 = highHi, v2 = highLo ^ middleHi, v1 = lowHi ^ middleLo, v0 = lowLo
        // Shift left by one so x^k sits at bit 255 − k: the top half holds x^0...x^127.
        v3 = (v3 << 1) | (v2 >> 63)
        v2 = (v2 << 1) | (v1 >> 63)
        v1 = (v1 << 1) | (v0 >> 63)
        v0 <<= 1
        // Fold x^(128+m) = x^m·(1 + x + x^2 + x^7): v0 into v2:v1, then v1 into v3:v2.
        v2 ^= v0 ^ (v0 >> 1) ^ (v0 >> 2) ^ (v0 >> 7)
        v1 ^= (v0 << 63) ^ (v0 << 62) ^ (v0 << 57)
        v3 ^= v1 ^ (v1 >> 1) ^ (v1 >> 2) ^ (v1 >> 7)
        v2 ^= (v1 << 63) ^ (v1 << 62) ^ (v1 << 57)
        return GFElement(hi: v3, lo: v2)
    }
}

/// The GHASH key H and its powers H^2, H^3, H^4, for four-block aggregation.
@usableFromInline
struct GHashKey: Sendable {
    @usableFromInline var h1: GFElement, h2: GFElement, h3: GFElement, h4: GFElement
    @usableFromInline var f1: UInt64, f2: UInt64, f3: UInt64, f4: UInt64   // hi ⊕ lo of each power

    /// H = AES_K(0^128), given as its 16 bytes.
    @usableFromInline
    init(h p: UnsafeRawPointer) {
        h1 = GFElement(loading: p)
        h2 = h1.times(h1)
        h3 = h2.times(h1)
        h4 = h3.times(h1)
        f1 = h1.hi ^ h1.lo; f2 = h2.hi ^ h2.lo; f3 = h3.hi ^ h3.lo; f4 = h4.hi ^ h4.lo
    }
}

/// A running GHASH value Y (SP 800-38D Algorithm 2).
@usableFromInline
struct GHash {
    @usableFromInline var y = GFElement(hi: 0, lo: 0)

    @inline(__always) @usableFromInline
    init() {}

    /// Absorbs `count` bytes, zero-padding the last partial block (GCM pads A and C separately).
    @inline(__always) @usableFromInline
    mutating func update(_ key: GHashKey, _ p: UnsafeRawPointer, count: Int) {
        var offset = 0
        while offset &+ 64 <= count {
            let x0 = GFElement(loading: p + offset), x1 = GFElement(loading: p + offset + 16)
            let x2 = GFElement(loading: p + offset + 32), x3 = GFElement(loading: p + offset + 48)
            var acc = UnreducedProduct()
            acc.accumulate(GFElement(hi: y.hi ^ x0.hi, lo: y.lo ^ x0.lo), key.h4, key.f4)
            acc.accumulate(x1, key.h3, key.f3)
            acc.accumulate(x2, key.h2, key.f2)
            acc.accumulate(x3, key.h1, key.f1)
            y = acc.reduced()
            offset &+= 64
        }
        while offset &+ 16 <= count {
            let x = GFElement(loading: p + offset)
            y = GFElement(hi: y.hi ^ x.hi, lo: y.lo ^ x.lo).times(key.h1)
            offset &+= 16
        }
        if offset < count {
            var last: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &last) { b in
                b.baseAddress!.copyMemory(from: p + offset, byteCount: count &- offset)
                let x = GFElement(loading: b.baseAddress!)
                y = GFElement(hi: y.hi ^ x.hi, lo: y.lo ^ x.lo).times(key.h1)
            }
        }
    }

    /// Absorbs the final length block [len(A)]_64 ‖ [len(C)]_64, lengths in bits.
    @inline(__always) @usableFromInline
    mutating func finish(_ key: GHashKey, aadBytes: Int, textBytes: Int) {
        let x = GFElement(hi: UInt64(aadBytes) &* 8, lo: UInt64(textBytes) &* 8)
        y = GFElement(hi: y.hi ^ x.hi, lo: y.lo ^ x.lo).times(key.h1)
    }
}
