// 128-bit accumulation from 64×64-bit products, for Poly1305 and the X25519 field. Carries are taken
// from the overflow flag and turned into 0/1 without a branch or a select.

/// An unsigned 128-bit value as two 64-bit halves.
struct Wide128 {
    var high: UInt64
    var low: UInt64

    @inline(__always)
    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// `self += other` modulo 2^128.
    @inline(__always)
    mutating func add(_ other: Wide128) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high = high &+ other.high &+ UInt64(bit: carry)
    }

    /// The low 64 bits of `self >> shift`, for 0 < shift < 64.
    @inline(__always)
    func shiftedRight(_ shift: UInt64) -> UInt64 {
        (low >> shift) | (high << (64 &- shift))
    }
}

/// The full 128-bit product `a · b`.
@inline(__always)
func wideMultiply(_ a: UInt64, _ b: UInt64) -> Wide128 {
    let product = a.multipliedFullWidth(by: b)
    return Wide128(high: product.high, low: product.low)
}

extension UInt64 {
    /// 1 for `true`, 0 for `false`, by reinterpretation (a `Bool` is stored as the byte 0 or 1), so
    /// a secret carry never becomes a branch.
    @inline(__always)
    init(bit: Bool) {
        self = UInt64(unsafeBitCast(bit, to: UInt8.self))
    }
}
