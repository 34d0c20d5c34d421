// Constant-time scalar multiplication on P-256.
//
// Scalars are recoded into 52 signed 5-bit digits in [−16, 16] (Booth recoding): digit i is
//   d_i = b(5i−1) + b(5i) + 2·b(5i+1) + 4·b(5i+2) + 8·b(5i+3) − 16·b(5i+4),
// and Σ d_i·32^i = k for any k < 2²⁵⁶. Negative digits cost only a conditional negation of y, so a
// table of 16 multiples serves 33 digit values. Digits are derived with shifts and masks, and table
// entries are chosen by reading every entry and keeping one with a mask, so neither branches nor
// memory addresses depend on the scalar.

extension Limbs256 {
    /// The six bits at positions 5i−1 … 5i+4 (a bit below 0 or above 255 reads as 0). `i` is public.
    @inline(__always) @usableFromInline
    func boothWindow(_ i: Int) -> UInt64 {
        if i == 0 { return (w0 & 0x1f) << 1 }
        let position = 5 * i - 1
        let wordIndex = position >> 6, shift = position & 63
        let words = (w0, w1, w2, w3)
        @inline(__always) func word(_ j: Int) -> UInt64 {
            switch j {
            case 0: return words.0
            case 1: return words.1
            case 2: return words.2
            case 3: return words.3
            default: return 0
            }
        }
        var bits = word(wordIndex) >> UInt64(shift)
        if shift > 58 { bits |= word(wordIndex + 1) << UInt64(64 - shift) }
        return bits & 0x3f
    }

    /// Signed digit `i` of the Booth recoding, as (magnitude 0…16, all-ones mask when negative).
    @inline(__always) @usableFromInline
    func boothDigit(_ i: Int) -> (magnitude: UInt64, negativeMask: UInt64) {
        let v = boothWindow(i)
        let d = (v & 1) &+ ((v >> 1) & 0xf) &- ((v >> 5) << 4)     // two's complement in UInt64
        let negativeMask = 0 &- (d >> 63)
        return ((d ^ negativeMask) &- negativeMask, negativeMask)
    }
}

extension P256Point {
    /// The number of signed 5-bit digits covering a 256-bit scalar.
    @usableFromInline static let windowCount = 52

    /// k·P for a secret k (canonical value < 2²⁵⁶) and any point P, in constant time.
    @usableFromInline
    func multiplied(by k: Limbs256) -> P256Point {
        // table[j] = (j + 1)·P
        var storage = (self, self, self, self, self, self, self, self,
                       self, self, self, self, self, self, self, self)
        return withUnsafeMutableBytes(of: &storage) { raw -> P256Point in
            let table = raw.bindMemory(to: P256Point.self)
            table[1] = self.doubled
            for j in 2..<16 { table[j] = table[j - 1] + self }
            var result = P256Point.identity
            for i in stride(from: P256Point.windowCount - 1, through: 0, by: -1) {
                if i != P256Point.windowCount - 1 {
                    result = result.doubled(times: 5)
                }
                let (magnitude, negative) = k.boothDigit(i)
                var chosen = P256Point.identity
                for j in 0..<16 {
                    chosen = P256Point.select(ConstantTime.isEqualMask(magnitude, UInt64(j + 1)), table[j], chosen)
                }
                chosen.y = .select(negative, -chosen.y, chosen.y)
                result = result + chosen
            }
            return result
        }
    }

    /// k·G for a secret k, from the precomputed table of multiples of G, in constant time.
    @usableFromInline
    static func generatorMultiplied(by k: Limbs256) -> P256Point {
        P256GeneratorTable.entries.withUnsafeBufferPointer { table -> P256Point in
            var result = P256Point.identity
            for i in 0..<P256Point.windowCount {
                let (magnitude, negative) = k.boothDigit(i)
                var chosen = table[16 * i]
                for j in 1..<16 {
                    chosen = P256AffinePoint.select(ConstantTime.isEqualMask(magnitude, UInt64(j + 1)), table[16 * i + j], chosen)
                }
                chosen.y = .select(negative, -chosen.y, chosen.y)
                // The affine table cannot hold the identity: a zero digit keeps the previous sum.
                let sum = result + chosen
                result = P256Point.select(ConstantTime.isZeroMask(magnitude), result, sum)
            }
            return result
        }
    }

    /// u1·G + u2·Q, for ECDSA verification (public inputs). It reuses the constant-time multiplications:
    /// u1·G costs no doublings with the generator table, so an interleaved variable-time ladder would
    /// save little over the doubling chain of u2·Q that both need.
    @usableFromInline
    static func linearCombination(generatorScalar u1: Limbs256, point q: P256Point, pointScalar u2: Limbs256) -> P256Point {
        generatorMultiplied(by: u1) + q.multiplied(by: u2)
    }
}

/// The table for fixed-base multiplication: for each window i (0…51) and j (1…16), the affine point
/// j·32^i·G, stored at index 16·i + (j − 1). Built once on first use (832 points, one field inversion).
@usableFromInline
enum P256GeneratorTable {
    @usableFromInline static let entries: [P256AffinePoint] = {
        var projective: [P256Point] = []
        projective.reserveCapacity(16 * P256Point.windowCount)
        var base = P256Point.generator
        for _ in 0..<P256Point.windowCount {
            var multiple = base
            for j in 0..<16 {
                projective.append(multiple)
                if j < 15 { multiple = multiple + base }
            }
            base = multiple.doubled              // 32·base
        }
        // Batch normalisation (Montgomery's trick): one inversion for all the Z coordinates.
        // No entry is the identity: j·2^(5i) is never a multiple of the prime n.
        var prefix = [P256FieldElement](repeating: .one, count: projective.count)
        var running = P256FieldElement.one
        for (index, point) in projective.enumerated() {
            prefix[index] = running
            running = running * point.z
        }
        var inverse = running.inverted
        var affine = [P256AffinePoint](repeating: .generator, count: projective.count)
        for index in stride(from: projective.count - 1, through: 0, by: -1) {
            let zInverse = inverse * prefix[index]
            inverse = inverse * projective[index].z
            affine[index] = P256AffinePoint(x: projective[index].x * zInverse, y: projective[index].y * zInverse)
        }
        return affine
    }()
}
