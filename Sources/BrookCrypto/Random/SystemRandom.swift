/// The operating system's CSPRNG. On Linux the Swift runtime draws it from `getrandom(2)`
/// (falling back to /dev/urandom only on kernels without the call); on Darwin from
/// `arc4random_buf`. Every BrookCrypto API that needs randomness also accepts any
/// `RandomNumberGenerator`, so tests can inject a seeded one.
public struct SystemRandom: RandomNumberGenerator, Sendable {
    public init() {}

    @inlinable
    public mutating func next() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }

    /// Fills `buffer` with random bytes from the system CSPRNG.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var rng = SystemRandom()
        fill(buffer, using: &rng)
    }

    /// Fills `buffer` with bytes from `rng`.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator) {
        var i = 0
        while i < buffer.count {
            var word = rng.next()
            for _ in 0..<min(8, buffer.count - i) {
                buffer[i] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                i += 1
            }
        }
    }
}

/// `count` bytes from `rng`.
@usableFromInline
func randomBytes(count: Int, using rng: inout some RandomNumberGenerator) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    out.withUnsafeMutableBytes { SystemRandom.fill($0, using: &rng) }
    return out
}
