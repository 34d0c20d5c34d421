// Marking values secret (undefined to memcheck) or public (defined), and keeping results alive.
import CValgrind

/// Marks the bytes of `array` secret: from here on memcheck reports any conditional jump or memory
/// address computed from them.
func markSecret(_ array: inout [UInt8]) {
    array.withUnsafeMutableBytes { brook_ct_mark_secret($0.baseAddress, $0.count) }
}

/// Marks the bytes of `array` in `range` secret (the scalar inside a DER key document, say).
func markSecret(_ array: inout [UInt8], range: Range<Int>) {
    array.withUnsafeMutableBytes { brook_ct_mark_secret($0.baseAddress! + range.lowerBound, range.count) }
}

/// A copy of `bytes`, marked secret.
func secret(_ bytes: [UInt8]) -> [UInt8] {
    var copy = bytes
    markSecret(&copy)
    return copy
}

/// Marks the bytes of `array` public again (for a value that is public by design).
func markPublic(_ array: inout [UInt8]) {
    array.withUnsafeMutableBytes { brook_ct_mark_public($0.baseAddress, $0.count) }
}

/// Keeps `value` alive and its computation observable, without branching on it: its address goes
/// to an opaque client request (a no-op that marks nothing, since the length is zero).
@inline(never)
func keep<T>(_ value: T) {
    withUnsafeBytes(of: value) { brook_ct_mark_public($0.baseAddress, 0) }
}

/// A deterministic generator for the check's inputs (splitmix64); its outputs are public.
struct InputGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

/// A random number generator whose every output is secret, as a CSPRNG's output is when it
/// becomes a key or a nonce.
struct SecretRandom: RandomNumberGenerator {
    var inner: InputGenerator
    mutating func next() -> UInt64 {
        var value = inner.next()
        withUnsafeMutableBytes(of: &value) { brook_ct_mark_secret($0.baseAddress, $0.count) }
        return value
    }
}
