import BrookVectors
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// Point formulas and scalar multiplication against a plain affine double-and-add over GMP: a thousand
/// or more seeded cases per test (GMP's affine ladder, about 1-3 ms a case, is the cost).
@Suite("P256 point arithmetic vs GMP")
struct P256PointArithmeticTests {
    typealias H = P256TestHelpers

    static func oracle(_ k: [UInt8], _ point: GMPCurve.Point) -> (x: [UInt8], y: [UInt8])? {
        GMPCurve.multiply(GMPInteger(bytes: k), point).map { ($0.x.bytes(), $0.y.bytes()) }
    }

    static func same(_ a: (x: [UInt8], y: [UInt8])?, _ b: (x: [UInt8], y: [UInt8])?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return a.x == b.x && a.y == b.y
        default: return false
        }
    }

    /// A random curve point with its GMP twin, found in GMP alone: a random x whose x³ − 3x + b is a
    /// square mod p, and one of its two square roots as y (p ≡ 3 mod 4: y = rhs^((p+1)/4)). No
    /// scalar multiplication, so the oracle's cost is the operation under test.
    static func randomPoint(_ rng: inout SeededGenerator) -> (P256Point, GMPCurve.Point) {
        let p = GMPCurve.p
        while true {
            let x = GMPInteger(bytes: rng.bytes(32)) % p
            let rhs = (x * x * x - GMPInteger(3) * x + GMPCurve.b) % p
            guard !rhs.isZero, rhs.jacobi(p) == 1 else { continue }
            var y = rhs.power(P256HostileInputTests.sqrtExponent, modulo: p)
            if rng.next() & 1 == 1 { y = (p - y) % p }
            return (P256Point(H.affinePoint(x: x.bytes(), y: y.bytes())), (x, y))
        }
    }

    @Test func generatorIsOnTheCurve() {
        #expect(P256AffinePoint.generator.isOnCurveMask == .max)
        #expect(P256AffinePoint.generator.x.bigEndianBytes == GMPCurve.gx.bytes())
        #expect(P256AffinePoint.generator.y.bigEndianBytes == GMPCurve.gy.bytes())
        #expect(P256FieldElement.b.bigEndianBytes == GMPCurve.b.bytes())
    }

    @Test func completeFormulasOnExceptionalInputs() {
        var rng = SeededGenerator(seed: 0x9256_0101)
        for _ in 0..<200 {
            let (q, oq) = Self.randomPoint(&rng)
            let o = P256Point.identity
            let twoQ = GMPCurve.add(oq, oq).map { ($0.x.bytes(), $0.y.bytes()) }
            let qBytes = oq.map { ($0.x.bytes(), $0.y.bytes()) }
            #expect(Self.same(H.affineBytes(q + q), twoQ))                 // P + P through the adder
            #expect(Self.same(H.affineBytes(q.doubled), twoQ))
            #expect(H.affineBytes(q + q.negated) == nil)                     // P + (−P)
            #expect(Self.same(H.affineBytes(q + o), qBytes))                 // P + O
            #expect(Self.same(H.affineBytes(o + q), qBytes))
            #expect(H.affineBytes(o + o) == nil)
            #expect(H.affineBytes(o.doubled) == nil)
            let qAffine = q.affine.point
            #expect(Self.same(H.affineBytes(o + qAffine), qBytes))           // mixed: O + Q
            #expect(Self.same(H.affineBytes(q + qAffine), twoQ))             // mixed: Q + Q
            #expect(H.affineBytes(q.negated + qAffine) == nil)               // mixed: −Q + Q
            // A non-normalised Z must not matter.
            let z = H.field(rng.bytes(32)).element
            let scaled = P256Point(x: q.x * z, y: q.y * z, z: q.z * z)
            #expect(Self.same(H.affineBytes(scaled + qAffine), twoQ))
            #expect(scaled.isEqualMask(q) == .max)
        }
    }

    @Test func additionMatchesOracle() {
        var rng = SeededGenerator(seed: 0x9256_0102)
        for _ in 0..<1000 {
            let (p, op) = Self.randomPoint(&rng), (q, oq) = Self.randomPoint(&rng)
            let expected = GMPCurve.add(op, oq).map { ($0.x.bytes(), $0.y.bytes()) }
            #expect(Self.same(H.affineBytes(p + q), expected))
            #expect(Self.same(H.affineBytes(p + q.affine.point), expected))
        }
    }

    @Test func generatorMultiplication() {
        var rng = SeededGenerator(seed: 0x9256_0103)
        let n = GMPCurve.n
        var scalars: [[UInt8]] = [GMPInteger(0).bytes(), GMPInteger(1).bytes(), GMPInteger(2).bytes(),
                                  (n - GMPInteger(1)).bytes(), (n - GMPInteger(2)).bytes(), n.bytes(),
                                  [UInt8](repeating: 0xff, count: 32), GMPInteger(16).bytes(), GMPInteger(17).bytes(),
                                  GMPInteger(31).bytes(), GMPInteger(32).bytes(), GMPInteger(33).bytes()]
        for _ in 0..<1500 { scalars.append(H.interestingValue(&rng, modulus: n)) }
        for k in scalars {
            let expected = Self.oracle(k, (GMPCurve.gx, GMPCurve.gy))
            #expect(Self.same(H.affineBytes(P256Point.generatorMultiplied(by: H.limbs(k))), expected), "k = \(k.hexString)")
            #expect(Self.same(H.affineBytes(P256Point.generator.multiplied(by: H.limbs(k))), expected), "k = \(k.hexString)")
        }
    }

    @Test func variablePointMultiplication() {
        var rng = SeededGenerator(seed: 0x9256_0104)
        for _ in 0..<1000 {
            let (q, oq) = Self.randomPoint(&rng)
            let k = H.interestingValue(&rng, modulus: GMPCurve.n)
            #expect(Self.same(H.affineBytes(q.multiplied(by: H.limbs(k))), Self.oracle(k, oq)), "k = \(k.hexString)")
        }
    }

    @Test func linearCombination() {
        var rng = SeededGenerator(seed: 0x9256_0105)
        for _ in 0..<1000 {
            let (q, oq) = Self.randomPoint(&rng)
            let u1 = H.interestingValue(&rng, modulus: GMPCurve.n), u2 = H.interestingValue(&rng, modulus: GMPCurve.n)
            let expected = GMPCurve.add(GMPCurve.multiply(GMPInteger(bytes: u1), (GMPCurve.gx, GMPCurve.gy)),
                                        GMPCurve.multiply(GMPInteger(bytes: u2), oq)).map { ($0.x.bytes(), $0.y.bytes()) }
            let got = P256Point.linearCombination(generatorScalar: H.limbs(u1), point: q, pointScalar: H.limbs(u2))
            #expect(Self.same(H.affineBytes(got), expected))
        }
    }
}

extension P256PointArithmeticTests {
    @Test func jacobianRepeatedDoublingMatchesCompleteDoubling() {
        var rng = SeededGenerator(seed: 0x9256_0106)
        var points = [P256Point.identity, P256Point.generator, P256Point.generator.negated]
        for _ in 0..<20 { points.append(Self.randomPoint(&rng).0) }
        for p in points {
            var expected = p
            for count in 0...6 {
                #expect(p.doubled(times: count).isEqualMask(expected) == .max, "2^\(count)·P")
                #expect((p.doubled(times: count).isIdentityMask != 0) == (p.isIdentityMask != 0))
                expected = expected.doubled
            }
        }
        // The identity comes back in the form the complete adder needs.
        let back = P256Point.identity.doubled(times: 5) + P256Point.generator
        #expect(back.isEqualMask(.generator) == .max)
    }
}

extension P256PointArithmeticTests {
    /// The inversion-free x-coordinate check of verification, including x ≥ n (where r = x − n).
    @Test func xCoordinateCongruence() {
        var rng = SeededGenerator(seed: 0x9256_0107)
        let n = GMPCurve.n
        for i in 0..<1000 {
            let (point, oracle) = Self.randomPoint(&rng)
            let x = oracle!.x
            let z = H.field(rng.bytes(32)).element
            let scaled = P256Point(x: point.x * z, y: point.y * z, z: point.z * z)
            let r = (x % n).bytes()
            #expect(ECDSA.hasXCoordinate(scaled, congruentTo: H.limbs(r)), "case \(i)")
            #expect(!ECDSA.hasXCoordinate(scaled, congruentTo: H.limbs(((x + GMPInteger(1)) % n).bytes())))
        }
        // A point whose x lies in [n, p): r = x − n must match through the r + n branch.
        var x = n
        while !P256HostileInputTests.isX(x) { x = x + GMPInteger(1) }
        let rhs = (x * x * x - GMPInteger(3) * x + GMPCurve.b) % GMPCurve.p
        let y = rhs.power(P256HostileInputTests.sqrtExponent, modulo: GMPCurve.p)
        let large = P256Point(H.affinePoint(x: x.bytes(), y: y.bytes()))
        #expect(ECDSA.hasXCoordinate(large, congruentTo: H.limbs((x - n).bytes())))
        #expect(!ECDSA.hasXCoordinate(large, congruentTo: H.limbs((x - n + GMPInteger(1)).bytes())))
    }
}
