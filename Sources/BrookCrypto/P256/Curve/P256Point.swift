// Points of P-256, y² = x³ − 3x + b, in homogeneous projective coordinates (X : Y : Z) with x = X/Z,
// y = Y/Z; the identity is (0 : 1 : 0). Addition and doubling use the complete formulas of
// Renes, Costello and Batina, "Complete addition formulas for prime order elliptic curves"
// (EUROCRYPT 2016, Algorithms 4, 5 and 6 for a = −3): they are correct for every pair of inputs,
// including P + P, P + (−P) and the identity, so no input takes a different code path.

/// A P-256 point in projective coordinates.
@usableFromInline
struct P256Point: Sendable {
    @usableFromInline var x: P256FieldElement
    @usableFromInline var y: P256FieldElement
    @usableFromInline var z: P256FieldElement

    @inline(__always) @usableFromInline
    init(x: P256FieldElement, y: P256FieldElement, z: P256FieldElement) {
        self.x = x; self.y = y; self.z = z
    }

    @inline(__always) @usableFromInline
    init(_ affine: P256AffinePoint) {
        self.init(x: affine.x, y: affine.y, z: .one)
    }

    @usableFromInline static let identity = P256Point(x: .zero, y: .one, z: .zero)

    /// The generator G (SP 800-186 §3.2.1.3).
    @usableFromInline static let generator = P256Point(P256AffinePoint.generator)

    /// All ones when this is the identity (Z = 0).
    @inline(__always) @usableFromInline
    var isIdentityMask: UInt64 { z.isZeroMask }

    /// `mask` all ones selects `a`, zero selects `b`. The mask passes a value barrier: otherwise LLVM
    /// compiles the table scans' selections by a digit comparison into jumps (ValueBarrier.swift).
    @inline(__always) @usableFromInline
    static func select(_ mask: UInt64, _ a: P256Point, _ b: P256Point) -> P256Point {
        let mask = valueBarrier(mask)
        return P256Point(x: .select(mask, a.x, b.x), y: .select(mask, a.y, b.y), z: .select(mask, a.z, b.z))
    }

    @inline(__always) @usableFromInline
    var negated: P256Point { P256Point(x: x, y: -y, z: z) }

    /// The affine coordinates; all-zero coordinates with `isIdentityMask` set for the identity.
    @usableFromInline
    var affine: (point: P256AffinePoint, isIdentityMask: UInt64) {
        let zInverse = z.inverted
        return (P256AffinePoint(x: x * zInverse, y: y * zInverse), isIdentityMask)
    }

    /// P + Q — RCB16 Algorithm 4 (complete, a = −3): 12M + 2 multiplications by b.
    @inline(__always) @usableFromInline
    static func + (p: P256Point, q: P256Point) -> P256Point {
        let b = P256FieldElement.b
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t2 = p.z * q.z
        var t3 = p.x + p.y
        var t4 = q.x + q.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = p.y + p.z
        var x3 = q.y + q.z
        t4 = t4 * x3
        x3 = t1 + t2
        t4 = t4 - x3
        x3 = p.x + p.z
        var y3 = q.x + q.z
        x3 = x3 * y3
        y3 = t0 + t2
        y3 = x3 - y3
        var z3 = b * t2
        x3 = y3 - z3
        z3 = x3 + x3
        x3 = x3 + z3
        z3 = t1 - x3
        x3 = t1 + x3
        y3 = b * y3
        t1 = t2 + t2
        t2 = t1 + t2
        y3 = y3 - t2
        y3 = y3 - t0
        t1 = y3 + y3
        y3 = t1 + y3
        t1 = t0 + t0
        t0 = t1 + t0
        t0 = t0 - t2
        t1 = t4 * y3
        t2 = t0 * y3
        y3 = x3 * z3
        y3 = y3 + t2
        x3 = t3 * x3
        x3 = x3 - t1
        z3 = t4 * z3
        t1 = t3 * t0
        z3 = z3 + t1
        return P256Point(x: x3, y: y3, z: z3)
    }

    /// P + Q for an affine Q (never the identity) — RCB16 Algorithm 5 (a = −3): 11M + 2 by b.
    /// Complete in P: P may be the identity or equal to ±Q.
    @inline(__always) @usableFromInline
    static func + (p: P256Point, q: P256AffinePoint) -> P256Point {
        let b = P256FieldElement.b
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t3 = q.x + q.y
        var t4 = p.x + p.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = q.y * p.z
        t4 = t4 + p.y
        var y3 = q.x * p.z
        y3 = y3 + p.x
        var z3 = b * p.z
        var x3 = y3 - z3
        z3 = x3 + x3
        x3 = x3 + z3
        z3 = t1 - x3
        x3 = t1 + x3
        y3 = b * y3
        t1 = p.z + p.z
        var t2 = t1 + p.z
        y3 = y3 - t2
        y3 = y3 - t0
        t1 = y3 + y3
        y3 = t1 + y3
        t1 = t0 + t0
        t0 = t1 + t0
        t0 = t0 - t2
        t1 = t4 * y3
        t2 = t0 * y3
        y3 = x3 * z3
        y3 = y3 + t2
        x3 = t3 * x3
        x3 = x3 - t1
        z3 = t4 * z3
        t1 = t3 * t0
        z3 = z3 + t1
        return P256Point(x: x3, y: y3, z: z3)
    }

    /// 2P — RCB16 Algorithm 6 (complete, a = −3): 8M + 3S + 2 by b.
    @inline(__always) @usableFromInline
    var doubled: P256Point {
        let b = P256FieldElement.b
        var t0 = x.squared
        let t1 = y.squared
        var t2 = z.squared
        var t3 = x * y
        t3 = t3 + t3
        var z3 = x * z
        z3 = z3 + z3
        var y3 = b * t2
        y3 = y3 - z3
        var x3 = y3 + y3
        y3 = x3 + y3
        x3 = t1 - y3
        y3 = t1 + y3
        y3 = x3 * y3
        x3 = x3 * t3
        t3 = t2 + t2
        t2 = t2 + t3
        z3 = b * z3
        z3 = z3 - t2
        z3 = z3 - t0
        t3 = z3 + z3
        z3 = z3 + t3
        t3 = t0 + t0
        t0 = t3 + t0
        t0 = t0 - t2
        t0 = t0 * z3
        y3 = y3 + t0
        t0 = y * z
        t0 = t0 + t0
        z3 = t0 * z3
        x3 = x3 - z3
        z3 = t0 * t1
        z3 = z3 + z3
        z3 = z3 + z3
        return P256Point(x: x3, y: y3, z: z3)
    }

    /// All ones when both represent the same point (X1·Z2 = X2·Z1 and Y1·Z2 = Y2·Z1).
    @usableFromInline
    func isEqualMask(_ other: P256Point) -> UInt64 {
        (x * other.z).isEqualMask(other.x * z) & (y * other.z).isEqualMask(other.y * z)
    }
}

/// A finite P-256 point in affine coordinates (Montgomery-form field elements).
@usableFromInline
struct P256AffinePoint: Sendable {
    @usableFromInline var x: P256FieldElement
    @usableFromInline var y: P256FieldElement

    @inline(__always) @usableFromInline
    init(x: P256FieldElement, y: P256FieldElement) { self.x = x; self.y = y }

    @usableFromInline static let generator = P256AffinePoint(
        x: P256FieldElement(montgomery: Limbs256(0x79e7_30d4_18a9_143c, 0x75ba_95fc_5fed_b601, 0x79fb_732b_7762_2510, 0x1890_5f76_a537_55c6)),
        y: P256FieldElement(montgomery: Limbs256(0xddf2_5357_ce95_560a, 0x8b4a_b8e4_ba19_e45c, 0xd2e8_8688_dd21_f325, 0x8571_ff18_2588_5d85)))

    /// `mask` all ones selects `a`, zero selects `b`, through a value barrier as `P256Point.select`.
    @inline(__always) @usableFromInline
    static func select(_ mask: UInt64, _ a: P256AffinePoint, _ b: P256AffinePoint) -> P256AffinePoint {
        let mask = valueBarrier(mask)
        return P256AffinePoint(x: .select(mask, a.x, b.x), y: .select(mask, a.y, b.y))
    }

    /// x³ − 3x + b, the right-hand side of the curve equation.
    @inline(__always) @usableFromInline
    static func curveRightHandSide(_ x: P256FieldElement) -> P256FieldElement {
        let x3 = x.squared * x
        return x3 - (x + x + x) + .b
    }

    /// All ones when (x, y) satisfies y² = x³ − 3x + b.
    @inline(__always) @usableFromInline
    var isOnCurveMask: UInt64 { y.squared.isEqualMask(Self.curveRightHandSide(x)) }
}
