// 128-bit accumulation from 64×64-bit products, for Poly1305 and the X25519 field. Carries are taken
// from the overflow flag and turned into 0/1 without a branch or a select.

/// Multi-limb helpers shared by Poly1305 and Field25519.
enum LimbArithmetic {
    /// An unsigned 128-bit value as two 64-bit halves.
    struct Wide {
        var high: UInt64
        var low: UInt64

        @inline(__always)
        init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        /// `self += other` modulo 2^128.
        @inline(__always)
        mutating func add(_ other: Wide) {
            let (sum, carry) = low.addingReportingOverflow(other.low)
            low = sum
            high = high &+ other.high &+ LimbArithmetic.bit(carry)
        }

        /// The low 64 bits of `self >> shift`, for 0 < shift < 64.
        @inline(__always)
        func shiftedRight(_ shift: UInt64) -> UInt64 {
            (low >> shift) | (high << (64 &- shift))
        }
    }

    /// The full 128-bit product `a · b`.
    @inline(__always)
    static func product(_ a: UInt64, _ b: UInt64) -> Wide {
        let p = a.multipliedFullWidth(by: b)
        return Wide(high: p.high, low: p.low)
    }

    /// 1 for `true`, 0 for `false`, by reinterpretation (a `Bool` is stored as the byte 0 or 1), so
    /// a secret carry never becomes a branch.
    @inline(__always)
    static func bit(_ flag: Bool) -> UInt64 {
        UInt64(unsafeBitCast(flag, to: UInt8.self))
    }
}
