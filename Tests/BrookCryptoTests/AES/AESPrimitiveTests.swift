import Testing

@testable import BrookCrypto
import BrookTestSupport

/// The building blocks checked against slow, obviously-correct references.
@Suite("AES building blocks")
struct AESPrimitiveTests {
    /// Reference S-box: multiplicative inverse in GF(2^8) then the affine map (FIPS 197 §5.1.1).
    static func referenceSBox(_ x: UInt8) -> UInt8 {
        func mul(_ a: UInt8, _ b: UInt8) -> UInt8 {
            var a = a, b = b, p: UInt8 = 0
            for _ in 0..<8 {
                if b & 1 != 0 { p ^= a }
                a = (a << 1) ^ (a & 0x80 != 0 ? 0x1B : 0)
                b >>= 1
            }
            return p
        }
        var inverse: UInt8 = 0
        if x != 0 { for c in 1...255 where mul(x, UInt8(c)) == 1 { inverse = UInt8(c) } }
        func rotl(_ v: UInt8, _ n: UInt8) -> UInt8 { (v << n) | (v >> (8 - n)) }
        return inverse ^ rotl(inverse, 1) ^ rotl(inverse, 2) ^ rotl(inverse, 3) ^ rotl(inverse, 4) ^ 0x63
    }

    @Test("The bit-sliced S-box circuit (plus 0x63) equals the FIPS 197 S-box on all 256 inputs")
    func sboxCircuit() {
        // Plane p, bit j holds bit p of byte j: 64 inputs per evaluation.
        for base in stride(from: 0, to: 256, by: 64) {
            var planes = [UInt64](repeating: 0, count: 8)
            for j in 0..<64 { for p in 0..<8 { planes[p] |= UInt64((base + j) >> p & 1) << UInt64(j) } }
            let s = aesSBoxCircuit(planes[7], planes[6], planes[5], planes[4], planes[3], planes[2], planes[1], planes[0])
            let out = [s.7, s.6, s.5, s.4, s.3, s.2, s.1, s.0]
            for j in 0..<64 {
                var y: UInt8 = 0
                for p in 0..<8 { y |= UInt8(truncatingIfNeeded: out[p] >> UInt64(j) & 1) << UInt8(p) }
                #expect(y ^ 0x63 == Self.referenceSBox(UInt8(base + j)), "input \(base + j)")
            }
        }
    }

    @Test("Packing into bit-planes and back is the identity; layout matches the documented one")
    func packing() {
        var rng = SeededGenerator(seed: 77)
        for _ in 0..<50 {
            let blocks = rng.bytes(64)
            var out = [UInt8](repeating: 0, count: 64)
            let state = blocks.withUnsafeBytes { FixslicedState(packing: $0.baseAddress!) }
            out.withUnsafeMutableBytes { state.unpack(into: $0.baseAddress!) }
            #expect(out == blocks)
            // Word p, bit 16r + 4c + b = bit p of byte 4c + r of block b.
            let words = [state.w0, state.w1, state.w2, state.w3, state.w4, state.w5, state.w6, state.w7]
            for b in 0..<4 { for c in 0..<4 { for r in 0..<4 { for p in 0..<8 {
                let expected = blocks[16 * b + 4 * c + r] >> p & 1
                #expect(UInt8(words[p] >> UInt64(16 * r + 4 * c + b) & 1) == expected)
            } } } }
        }
    }

    /// Carry-less product by shifts and XORs.
    static func referenceClmul(_ a: UInt64, _ b: UInt64) -> (hi: UInt64, lo: UInt64) {
        var hi: UInt64 = 0, lo: UInt64 = 0
        for i in 0..<64 where (b >> UInt64(i)) & 1 == 1 {
            lo ^= a << UInt64(i)
            if i > 0 { hi ^= a >> UInt64(64 - i) }
        }
        return (hi, lo)
    }

    @Test("Masked-multiply carry-less product equals shift-and-XOR, including dense operands")
    func carryless() {
        var rng = SeededGenerator(seed: 0xC1A5)
        var inputs: [(UInt64, UInt64)] = [(~0, ~0), (0, ~0), (1, ~0), (~0, 1 << 63), (0x8421_0842_1084_2108, ~0)]
        for _ in 0..<2000 { inputs.append((rng.next(), rng.next())) }
        for _ in 0..<500 { inputs.append((rng.next() | rng.next() | rng.next(), rng.next() | rng.next() | rng.next())) }
        for (a, b) in inputs {
            let got = carrylessMultiply(a, b), want = Self.referenceClmul(a, b)
            #expect(got.hi == want.hi && got.lo == want.lo, "\(a) × \(b)")
        }
    }

    @Test("GF(2^128) multiplication matches the bitwise algorithm of SP 800-38D §6.3")
    func fieldMultiply() {
        func reference(_ x: GFElement, _ y: GFElement) -> GFElement {
            var z = GFElement(hi: 0, lo: 0), v = y
            for i in 0..<128 {
                let bit = i < 64 ? (x.hi >> UInt64(63 - i)) & 1 : (x.lo >> UInt64(127 - i)) & 1
                if bit == 1 { z.hi ^= v.hi; z.lo ^= v.lo }
                let carry = v.lo & 1
                v.lo = (v.lo >> 1) | (v.hi << 63)
                v.hi >>= 1
                if carry == 1 { v.hi ^= 0xE100_0000_0000_0000 }
            }
            return z
        }
        var rng = SeededGenerator(seed: 0x6F128)
        for _ in 0..<300 {
            let x = GFElement(hi: rng.next(), lo: rng.next()), y = GFElement(hi: rng.next(), lo: rng.next())
            let got = x.times(y), want = reference(x, y)
            #expect(got.hi == want.hi && got.lo == want.lo)
        }
        let ones = GFElement(hi: ~0, lo: ~0)
        let got = ones.times(ones), want = reference(ones, ones)
        #expect(got.hi == want.hi && got.lo == want.lo)
    }
}
