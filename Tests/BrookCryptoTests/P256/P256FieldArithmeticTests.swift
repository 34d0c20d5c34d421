import Testing
@testable import BrookCrypto
import BrookTestSupport

/// GF(p) and Z/nZ arithmetic against GMP on thousands of seeded values, edge cases included.
@Suite("P256 field and scalar arithmetic vs GMP")
struct P256FieldArithmeticTests {
    typealias H = P256TestHelpers
    let p = GMPCurve.p, n = GMPCurve.n

    @Test func fieldReductionAndCanonicalCheck() {
        var rng = SeededGenerator(seed: 0x9256_0001)
        for _ in 0..<3000 {
            let bytes = H.interestingValue(&rng, modulus: p)
            let (element, canonical) = H.field(bytes)
            let big = GMPInteger(bytes: bytes)
            #expect(canonical == (big < p), "canonical flag for \(big)")
            #expect(element.bigEndianBytes == (big % p).bytes(), "reduction of \(big)")
            // Limbs round trip
            #expect(H.limbs(bytes).bigEndianBytes == bytes)
        }
    }

    @Test func fieldRingOperations() {
        var rng = SeededGenerator(seed: 0x9256_0002)
        for _ in 0..<3000 {
            let aBytes = H.interestingValue(&rng, modulus: p), bBytes = H.interestingValue(&rng, modulus: p)
            let a = H.field(aBytes).element, b = H.field(bBytes).element
            let ga = GMPInteger(bytes: aBytes) % p, gb = GMPInteger(bytes: bBytes) % p
            #expect((a * b).bigEndianBytes == (ga * gb % p).bytes(), "\(ga) * \(gb)")
            #expect(a.squared.bigEndianBytes == (ga * ga % p).bytes(), "\(ga)²")
            #expect((a + b).bigEndianBytes == ((ga + gb) % p).bytes(), "\(ga) + \(gb)")
            #expect((a - b).bigEndianBytes == ((ga - gb) % p).bytes(), "\(ga) − \(gb)")
            #expect((-a).bigEndianBytes == ((GMPInteger(0) - ga) % p).bytes(), "−\(ga)")
            #expect((a.isEqualMask(b) != 0) == (ga == gb))
            #expect((a.isZeroMask != 0) == ga.isZero)
            #expect((a.isOddMask != 0) == ga.bit(0))
        }
    }

    @Test func fieldInversion() {
        var rng = SeededGenerator(seed: 0x9256_0003)
        for _ in 0..<1000 {
            let bytes = H.interestingValue(&rng, modulus: p)
            let a = H.field(bytes).element
            let ga = GMPInteger(bytes: bytes) % p
            let expected = ga.isZero ? GMPInteger(0) : ga.inverse(modulo: p)!
            #expect(a.inverted.bigEndianBytes == expected.bytes(), "1/\(ga)")
        }
    }

    @Test func fieldSquareRoots() {
        var rng = SeededGenerator(seed: 0x9256_0004)
        var residues = 0, nonResidues = 0
        for _ in 0..<1000 {
            let bytes = H.interestingValue(&rng, modulus: p)
            let a = H.field(bytes).element
            let ga = GMPInteger(bytes: bytes) % p
            let (root, isSquare) = a.squareRoot
            let isResidue = ga.isZero || ga.jacobi(p) == 1
            #expect((isSquare != 0) == isResidue, "residuosity of \(ga)")
            if isResidue {
                residues += 1
                let gr = GMPInteger(bytes: root.bigEndianBytes)
                #expect(gr * gr % p == ga, "√\(ga)")
            } else {
                nonResidues += 1
            }
            // Squares always have a root.
            let (root2, isSquare2) = a.squared.squareRoot
            #expect(isSquare2 != 0)
            #expect(root2.squared.isEqualMask(a.squared) != 0)
        }
        #expect(residues > 300 && nonResidues > 300)
    }

    @Test func scalarReductionAndCanonicalCheck() {
        var rng = SeededGenerator(seed: 0x9256_0005)
        for _ in 0..<3000 {
            let bytes = H.interestingValue(&rng, modulus: n)
            let (s, canonical) = H.scalar(bytes)
            let big = GMPInteger(bytes: bytes)
            #expect(canonical == (big < n), "canonical flag for \(big)")
            #expect(s.bigEndianBytes == (big % n).bytes(), "reduction of \(big)")
        }
    }

    @Test func scalarOperations() {
        var rng = SeededGenerator(seed: 0x9256_0006)
        for i in 0..<3000 {
            let aBytes = H.interestingValue(&rng, modulus: n), bBytes = H.interestingValue(&rng, modulus: n)
            let a = H.scalar(aBytes).scalar, b = H.scalar(bBytes).scalar
            let ga = GMPInteger(bytes: aBytes) % n, gb = GMPInteger(bytes: bBytes) % n
            #expect((a * b).bigEndianBytes == (ga * gb % n).bytes(), "\(ga) * \(gb)")
            #expect((a + b).bigEndianBytes == ((ga + gb) % n).bytes(), "\(ga) + \(gb)")
            #expect((a - b).bigEndianBytes == ((ga - gb) % n).bytes(), "\(ga) − \(gb)")
            if i % 3 == 0 {
                let expected = ga.isZero ? GMPInteger(0) : ga.inverse(modulo: n)!
                #expect(a.inverted.bigEndianBytes == expected.bytes(), "1/\(ga) mod n")
            }
        }
    }

    @Test func boothRecodingReconstructsTheScalar() {
        var rng = SeededGenerator(seed: 0x9256_0007)
        for _ in 0..<500 {
            let bytes = H.interestingValue(&rng, modulus: n)
            let k = H.limbs(bytes)
            var sum = GMPInteger(0)
            for i in stride(from: P256Point.windowCount - 1, through: 0, by: -1) {
                let (magnitude, negative) = k.boothDigit(i)
                #expect(magnitude <= 16)
                #expect(negative == 0 || negative == .max)
                let digit = GMPInteger(Int(magnitude))
                sum = sum * GMPInteger(32) + (negative != 0 ? GMPInteger(0) - digit : digit)
            }
            #expect(sum == GMPInteger(bytes: bytes))
        }
    }
}
