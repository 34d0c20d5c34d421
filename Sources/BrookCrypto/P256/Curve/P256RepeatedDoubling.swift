// Repeated doubling in Jacobian coordinates, for the doubling runs of the variable-base ladder.
//
// A Jacobian point (X, Y, Z) stands for (X/Z², Y/Z³). Doubling there costs 3M + 5S with a = −3
// ("dbl-2001-b", Bernstein–Lange EFD) against 10M + 3S for the complete projective formula, and it has
// no exceptional input on P-256: the curve has odd order, so no finite point has y = 0, and Z = 0 stays
// Z = 0. The conversions in and out (2M + 1S each) are paid once per run, so the ladder's additions keep
// using the complete formulas.

extension P256Point {
    /// 2^count · P (`count` is public).
    @inline(__always) @usableFromInline
    func doubled(times count: Int) -> P256Point {
        // Projective (X : Y : Z) → Jacobian (X·Z, Y·Z², Z).
        let zz = z.squared
        var jx = x * z, jy = y * zz, jz = z
        for _ in 0..<count {
            let delta = jz.squared
            let gamma = jy.squared
            let beta = jx * gamma
            let t = (jx - delta) * (jx + delta)
            let alpha = t + t + t
            let beta4 = beta + beta + beta + beta
            let x3 = alpha.squared - (beta4 + beta4)
            let z3 = (jy + jz).squared - gamma - delta
            let gamma2 = gamma.squared
            let gamma2x8 = (gamma2 + gamma2) + (gamma2 + gamma2)
            jy = alpha * (beta4 - x3) - (gamma2x8 + gamma2x8)
            jx = x3
            jz = z3
        }
        // Jacobian → projective (X·Z, Y, Z³); the identity (Z = 0) comes back as (0 : 1 : 0).
        let out = P256Point(x: jx * jz, y: jy, z: jz.squared * jz)
        return P256Point.select(jz.isZeroMask, .identity, out)
    }
}
