/// Comparisons and selections whose running time and memory accesses do not depend on the values
/// compared (only on their public lengths). Used for MAC/tag checks and secret-dependent choices.
public enum ConstantTime {
    /// True when both byte strings are equal. Lengths are public: unequal lengths return false
    /// at once; equal lengths are compared in full, with no early exit.
    @inlinable
    public static func isEqual<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        return withContiguousBytes(of: a) { pa in
            withContiguousBytes(of: b) { pb in isEqual(pa, pb) }
        }
    }

    /// True when both buffers are equal; see `isEqual(_:_:)`.
    @inlinable
    public static func isEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return isZeroMask(UInt64(difference)) != 0
    }

    /// All ones when `x == 0`, else zero; branch-free.
    @inline(__always) @inlinable
    public static func isZeroMask(_ x: UInt64) -> UInt64 {
        // (x | -x) has its top bit set exactly when x != 0.
        ((x | (0 &- x)) >> 63) &- 1
    }

    /// All ones when `a == b`, else zero; branch-free.
    @inline(__always) @inlinable
    public static func isEqualMask(_ a: UInt64, _ b: UInt64) -> UInt64 {
        isZeroMask(a ^ b)
    }

    /// `mask` all ones selects `a`, all zeros selects `b`.
    @inline(__always) @inlinable
    public static func select(_ mask: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        b ^ (mask & (a ^ b))
    }

    /// All ones when the bytes are all zero.
    @inlinable
    public static func isAllZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var acc: UInt8 = 0
        for byte in bytes { acc |= byte }
        return isZeroMask(UInt64(acc)) != 0
    }
}
