// GHASH (NIST SP 800-38D §6.4): multiplication in GF(2^128) by the hash key H, in constant time.
//
// There is no carry-less multiply in portable Swift, so it is emulated with ordinary integer
// multiplies on operands with "holes" (the idea of BearSSL's ghash_ctmul): each operand is split
// into four masks keeping every fourth bit, and a full-width product a_i·b_j then sums its one-bit
// terms in columns four bits apart. A column sum must stay below 16 to keep its carries out of the
// next kept column, so the fixed operand (a power of H) keeps only its bits 0...59 in the masked
// products (at most 15 terms per column) and its top four bits are applied as four masked shifts
// of the other operand. 16 full-width multiplies give one 64×64 → 128 product; Karatsuba gives
// 128×128 from three; four blocks share one reduction (aggregated with H, H^2, H^3, H^4). The
// split of each power of H is computed once per key.
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
        times(GHashFactor128(other))
    }

    /// Field multiplication by a prepared factor (one reduction).
    @inline(__always) @usableFromInline
    func times(_ other: GHashFactor128) -> GFElement {
        var acc = UnreducedProduct()
        acc.accumulate(self, other)
        return acc.reduced()
    }
}

/// A 64-bit multiplier split for `carrylessMultiply`: bits 0...59 in four masks of every fourth
/// bit, and all-ones/all-zeros masks for each of bits 60...63.
@usableFromInline
struct GHashFactor: Sendable {
    @usableFromInline var b0: UInt64, b1: UInt64, b2: UInt64, b3: UInt64
    @usableFromInline var n0: UInt64, n1: UInt64, n2: UInt64, n3: UInt64

    @inline(__always) @usableFromInline
    init(_ b: UInt64) {
        let low = b & 0x0FFF_FFFF_FFFF_FFFF
        b0 = low & 0x1111_1111_1111_1111; b1 = low & 0x2222_2222_2222_2222
        b2 = low & 0x4444_4444_4444_4444; b3 = low & 0x8888_8888_8888_8888
        n0 = 0 &- ((b >> 60) & 1); n1 = 0 &- ((b >> 61) & 1)
        n2 = 0 &- ((b >> 62) & 1); n3 = 0 &- (b >> 63)
    }
}

/// A GF(2^128) multiplier prepared for Karatsuba: its halves and their XOR, each split.
@usableFromInline
struct GHashFactor128: Sendable {
    @usableFromInline var hi: GHashFactor, lo: GHashFactor, folded: GHashFactor

    @inline(__always) @usableFromInline
    init(_ x: GFElement) {
        hi = GHashFactor(x.hi)
        lo = GHashFactor(x.lo)
        folded = GHashFactor(x.hi ^ x.lo)
    }
}

/// A sum of carry-less 64×64 products before the hole masks are applied. Each product's kept
/// columns are exact and XOR is linear, so products that share a Karatsuba part are summed raw
/// and masked once (see the file comment).
@usableFromInline
struct CarrylessSum {
    // z_r collects the products whose kept columns are ≡ r (mod 4); top_t the multiplicands
    // a whose factor has bit 60 + t set, to be shifted into place once.
    @usableFromInline var z0: (UInt64, UInt64) = (0, 0), z1: (UInt64, UInt64) = (0, 0)
    @usableFromInline var z2: (UInt64, UInt64) = (0, 0), z3: (UInt64, UInt64) = (0, 0)
    @usableFromInline var top0: UInt64 = 0, top1: UInt64 = 0, top2: UInt64 = 0, top3: UInt64 = 0

    @inline(__always) @usableFromInline
    init() {}

    /// Adds a·b.
    @inline(__always) @usableFromInline
    mutating func add(_ a: UInt64, _ b: GHashFactor) {
        let a0 = a & 0x1111_1111_1111_1111, a1 = a & 0x2222_2222_2222_2222
        let a2 = a & 0x4444_4444_4444_4444, a3 = a & 0x8888_8888_8888_8888
        @inline(__always) func mul(_ x: UInt64, _ y: UInt64) -> (UInt64, UInt64) {
            let p = x.multipliedFullWidth(by: y)
            return (p.high, p.low)
        }
        @inline(__always) func sum4(_ z: inout (UInt64, UInt64), _ p: (UInt64, UInt64), _ q: (UInt64, UInt64), _ r: (UInt64, UInt64), _ s: (UInt64, UInt64)) {
            z = (z.0 ^ p.0 ^ q.0 ^ r.0 ^ s.0, z.1 ^ p.1 ^ q.1 ^ r.1 ^ s.1)
        }
        // 64 ≡ 0 (mod 4), so the same masks serve both halves.
        sum4(&z0, mul(a0, b.b0), mul(a1, b.b3), mul(a2, b.b2), mul(a3, b.b1))
        sum4(&z1, mul(a0, b.b1), mul(a1, b.b0), mul(a2, b.b3), mul(a3, b.b2))
        sum4(&z2, mul(a0, b.b2), mul(a1, b.b1), mul(a2, b.b0), mul(a3, b.b3))
        sum4(&z3, mul(a0, b.b3), mul(a1, b.b2), mul(a2, b.b1), mul(a3, b.b0))
        // Bits 60...63 of b: a·x^(60+t) where bit 60 + t is set, shifted in `value`.
        top0 ^= b.n0 & a; top1 ^= b.n1 & a; top2 ^= b.n2 & a; top3 ^= b.n3 & a
    }

    /// The sum as a 128-bit carry-less value.
    @inline(__always) @usableFromInline
    var value: (hi: UInt64, lo: UInt64) {
        let m0: UInt64 = 0x1111_1111_1111_1111, m1: UInt64 = 0x2222_2222_2222_2222
        let m2: UInt64 = 0x4444_4444_4444_4444, m3: UInt64 = 0x8888_8888_8888_8888
        let hi = (z0.0 & m0) | (z1.0 & m1) | (z2.0 & m2) | (z3.0 & m3)
        let lo = (z0.1 & m0) | (z1.1 & m1) | (z2.1 & m2) | (z3.1 & m3)
        let topHi = (top0 >> 4) ^ (top1 >> 3) ^ (top2 >> 2) ^ (top3 >> 1)
        let topLo = (top0 << 60) ^ (top1 << 61) ^ (top2 << 62) ^ (top3 << 63)
        return (hi ^ topHi, lo ^ topLo)
    }
}

/// Carry-less 64×64 → 128 product, constant time (see the file comment).
@inline(__always) @usableFromInline
func carrylessMultiply(_ a: UInt64, _ b: GHashFactor) -> (hi: UInt64, lo: UInt64) {
    var sum = CarrylessSum()
    sum.add(a, b)
    return sum.value
}

/// Carry-less 64×64 → 128 product of two plain words.
@inline(__always) @usableFromInline
func carrylessMultiply(_ a: UInt64, _ b: UInt64) -> (hi: UInt64, lo: UInt64) {
    carrylessMultiply(a, GHashFactor(b))
}

/// A sum of 128×128 carry-less products before reduction, kept as Karatsuba parts.
@usableFromInline
struct UnreducedProduct {
    @usableFromInline var lowHi: UInt64 = 0, lowLo: UInt64 = 0     // Σ a.lo·b.lo
    @usableFromInline var highHi: UInt64 = 0, highLo: UInt64 = 0   // Σ a.hi·b.hi
    @usableFromInline var midHi: UInt64 = 0, midLo: UInt64 = 0     // Σ (a.hi⊕a.lo)·(b.hi⊕b.lo)

    @inline(__always) @usableFromInline
    init() {}

    /// Adds a·b.
    @inline(__always) @usableFromInline
    mutating func accumulate(_ a: GFElement, _ b: GHashFactor128) {
        let l = carrylessMultiply(a.lo, b.lo)
        let h = carrylessMultiply(a.hi, b.hi)
        let m = carrylessMultiply(a.hi ^ a.lo, b.folded)
        lowHi ^= l.hi; lowLo ^= l.lo
        highHi ^= h.hi; highLo ^= h.lo
        midHi ^= m.hi; midLo ^= m.lo
    }

    /// Adds a0·b0 ⊕ a1·b1 ⊕ a2·b2 ⊕ a3·b3, one Karatsuba part at a time so that each part's
    /// sixteen-product sums are masked once rather than four times.
    @inline(__always) @usableFromInline
    mutating func accumulate(
        _ a0: GFElement, _ b0: GHashFactor128, _ a1: GFElement, _ b1: GHashFactor128,
        _ a2: GFElement, _ b2: GHashFactor128, _ a3: GFElement, _ b3: GHashFactor128
    ) {
        var l = CarrylessSum()
        l.add(a0.lo, b0.lo); l.add(a1.lo, b1.lo); l.add(a2.lo, b2.lo); l.add(a3.lo, b3.lo)
        let lv = l.value
        lowHi ^= lv.hi; lowLo ^= lv.lo
        var h = CarrylessSum()
        h.add(a0.hi, b0.hi); h.add(a1.hi, b1.hi); h.add(a2.hi, b2.hi); h.add(a3.hi, b3.hi)
        let hv = h.value
        highHi ^= hv.hi; highLo ^= hv.lo
        var m = CarrylessSum()
        m.add(a0.hi ^ a0.lo, b0.folded); m.add(a1.hi ^ a1.lo, b1.folded)
        m.add(a2.hi ^ a2.lo, b2.folded); m.add(a3.hi ^ a3.lo, b3.folded)
        let mv = m.value
        midHi ^= mv.hi; midLo ^= mv.lo
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

/// The GHASH key H and its powers H^2, H^3, H^4, each split for multiplication. Immutable after
/// init; the storage is wiped when the last reference goes away.
@usableFromInline
final class GHashKey: @unchecked Sendable {
    /// H^1...H^4 at indices 0...3.
    @usableFromInline let powers: UnsafeMutablePointer<GHashFactor128>

    /// H = AES_K(0^128), given as its 16 bytes.
    @usableFromInline
    init(h p: UnsafeRawPointer) {
        let h1 = GFElement(loading: p)
        let h2 = h1.times(h1), h3 = h2.times(h1), h4 = h3.times(h1)
        powers = .allocate(capacity: 4)
        powers.initialize(to: GHashFactor128(h1))
        (powers + 1).initialize(to: GHashFactor128(h2))
        (powers + 2).initialize(to: GHashFactor128(h3))
        (powers + 3).initialize(to: GHashFactor128(h4))
    }

    deinit {
        UnsafeMutableRawPointer(powers).initializeMemory(as: UInt8.self, repeating: 0, count: 4 * MemoryLayout<GHashFactor128>.stride)
        powers.deallocate()
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
        let h = UnsafePointer(key.powers)
        var offset = 0
        while offset &+ 64 <= count {
            let x0 = GFElement(loading: p + offset), x1 = GFElement(loading: p + offset + 16)
            let x2 = GFElement(loading: p + offset + 32), x3 = GFElement(loading: p + offset + 48)
            var acc = UnreducedProduct()
            acc.accumulate(GFElement(hi: y.hi ^ x0.hi, lo: y.lo ^ x0.lo), h[3], x1, h[2], x2, h[1], x3, h[0])
            y = acc.reduced()
            offset &+= 64
        }
        // The last 1...4 blocks (the final one zero-padded) share one reduction as well.
        let remaining = count &- offset
        if remaining > 0 {
            var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &tail) { b in
                let t = b.baseAddress!
                t.copyMemory(from: p + offset, byteCount: remaining)
                let blocks = (remaining &+ 15) >> 4
                var acc = UnreducedProduct()
                let x0 = GFElement(loading: t)
                acc.accumulate(GFElement(hi: y.hi ^ x0.hi, lo: y.lo ^ x0.lo), h[blocks &- 1])
                var i = 1
                while i < blocks {
                    acc.accumulate(GFElement(loading: t + 16 &* i), h[blocks &- 1 &- i])
                    i &+= 1
                }
                y = acc.reduced()
            }
        }
    }

    /// Absorbs the final length block [len(A)]_64 ‖ [len(C)]_64, lengths in bits.
    @inline(__always) @usableFromInline
    mutating func finish(_ key: GHashKey, aadBytes: Int, textBytes: Int) {
        let x = GFElement(hi: UInt64(aadBytes) &* 8, lo: UInt64(textBytes) &* 8)
        y = GFElement(hi: y.hi ^ x.hi, lo: y.lo ^ x.lo).times(key.powers[0])
    }
}
