// The X25519 function (RFC 7748 §5): scalar clamping, the Montgomery ladder over the u-coordinate with
// mask-driven conditional swaps, and the final x/z by a fixed inversion chain. The same sequence of
// field operations and memory accesses runs for every scalar and every u.

enum X25519 {
    /// (A − 2) / 4 for curve25519's A = 486662 (RFC 7748 §5).
    static let a24: UInt64 = 121_665

    /// The base point's u-coordinate, 9 (RFC 7748 §4.1).
    static let basePoint: [UInt8] = [9] + [UInt8](repeating: 0, count: 31)

    /// Writes X25519(scalar, u) to `out`; all three point at 32 bytes. The scalar is clamped here
    /// (RFC 7748 §5 decodeScalar25519) and the top bit of u is ignored.
    static func scalarMultiply(scalar: UnsafeRawPointer, u: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
        // decodeScalar25519: clear the low three bits and bit 255, set bit 254.
        let k0 = loadLittleEndianUInt64(scalar, 0) & ~7
        let k1 = loadLittleEndianUInt64(scalar, 8)
        let k2 = loadLittleEndianUInt64(scalar, 16)
        let k3 = (loadLittleEndianUInt64(scalar, 24) & 0x7fff_ffff_ffff_ffff) | 0x4000_0000_0000_0000
        let x1 = Field25519(bytes: u)
        var x2 = Field25519.one, z2 = Field25519.zero
        var x3 = x1, z3 = Field25519.one
        var swap: UInt64 = 0

        // Bit t of the scalar, for t from 254 down to 0. The word and shift depend on t only.
        @inline(__always) func bit(_ t: Int) -> UInt64 {
            let word = t < 64 ? k0 : (t < 128 ? k1 : (t < 192 ? k2 : k3))
            return (word >> UInt64(t & 63)) & 1
        }

        var t = 254
        while t >= 0 {
            let kt = bit(t)
            swap ^= kt
            Field25519.conditionalSwap(&x2, &x3, mask: 0 &- swap)
            Field25519.conditionalSwap(&z2, &z3, mask: 0 &- swap)
            swap = kt

            let a = x2 + z2
            let aa = a.squared()
            let b = x2 - z2
            let bb = b.squared()
            let e = aa - bb
            let c = x3 + z3
            let d = x3 - z3
            let da = d * a
            let cb = c * b
            x3 = (da + cb).squared()
            z3 = x1 * (da - cb).squared()
            x2 = aa * bb
            z2 = e * (aa + e.multiplied(bySmall: a24))
            t -= 1
        }
        Field25519.conditionalSwap(&x2, &x3, mask: 0 &- swap)
        Field25519.conditionalSwap(&z2, &z3, mask: 0 &- swap)

        (x2 * z2.inverted()).encode(into: out)
    }

    /// X25519(scalar, u) for 32-byte arrays (tests and the RFC vectors).
    static func scalarMultiply(scalar: [UInt8], u: [UInt8]) -> [UInt8] {
        precondition(scalar.count == 32 && u.count == 32, "X25519 takes a 32-byte scalar and a 32-byte u")
        return [UInt8](unsafeUninitializedCapacity: 32) { out, initialized in
            scalar.withUnsafeBytes { k in
                u.withUnsafeBytes { p in scalarMultiply(scalar: k.baseAddress!, u: p.baseAddress!, into: out.baseAddress!) }
            }
            initialized = 32
        }
    }
}
