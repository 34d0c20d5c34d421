#if canImport(Glibc)
import Glibc
#endif

/// The operating system's CSPRNG. On Linux every byte comes from `getrandom(2)` (flags 0: the
/// kernel's urandom source, blocking only until it has been seeded once at boot), called through
/// Glibc; elsewhere from the standard library's `SystemRandomNumberGenerator`. Every BrookCrypto
/// API that needs randomness also accepts any `RandomNumberGenerator`, so tests can inject a
/// seeded one.
public struct SystemRandom: RandomNumberGenerator, Sendable {
    public init() {}

    /// Eight bytes from the system CSPRNG.
    public mutating func next() -> UInt64 {
        var word: UInt64 = 0
        withUnsafeMutableBytes(of: &word) { Self.fill($0) }
        return word
    }

    /// Fills `buffer` with random bytes from the system CSPRNG.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        if let getrandom = SystemEntropy.getrandom {
            SystemEntropy.fill(buffer) { pointer, count in
                let result = getrandom(pointer, count, 0)
                return result < 0 ? .failure(errno) : .success(result)
            }
            return
        }
        #endif
        var system = SystemRandomNumberGenerator()
        fill(buffer, using: &system)
    }

    /// Fills `buffer` with bytes from `rng`.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator) {
        // One getrandom(2) call for the whole buffer rather than one per eight bytes.
        if rng is SystemRandom { return fill(buffer) }
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

#if canImport(Glibc)
/// `getrandom(2)` as Glibc exports it (glibc 2.25 and later), and the loop that fills a buffer
/// from it.
enum SystemEntropy {
    typealias GetRandom = @convention(c) (UnsafeMutableRawPointer?, Int, UInt32) -> Int

    /// Glibc's `getrandom`. Swift's Glibc module does not import <sys/random.h>, so the symbol is
    /// looked up once in the C library already loaded into the process. Nil only on a C library
    /// without it (glibc before 2.25), where `SystemRandom` uses the standard library's generator.
    static let getrandom: GetRandom? = dlsym(nil, "getrandom").map { unsafeBitCast($0, to: GetRandom.self) }

    /// What one call of the source returned: a byte count, or an `errno` value.
    enum ReadResult {
        case success(Int)
        case failure(Int32)
    }

    /// Fills `buffer` from `read(pointer, count)`, which behaves as `getrandom(2)`: it may return
    /// fewer bytes than asked for (a signal interrupted a large request), or fail with EINTR, in
    /// which case it is called again for the rest. Any other failure cannot happen with flags 0 and
    /// a valid buffer (EFAULT, EINVAL, ENOSYS); it stops the process rather than hand out bytes
    /// that are not random.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer, read: (UnsafeMutableRawPointer, Int) -> ReadResult) {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            switch read(base + done, buffer.count - done) {
            case .success(let count):
                precondition(count > 0 && count <= buffer.count - done, "getrandom(2) returned \(count) bytes")
                done += count
            case .failure(let code):
                precondition(code == EINTR, "getrandom(2) failed with errno \(code)")
            }
        }
    }
}
#endif

/// `count` bytes from `rng`.
@usableFromInline
func randomBytes(count: Int, using rng: inout some RandomNumberGenerator) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    out.withUnsafeMutableBytes { SystemRandom.fill($0, using: &rng) }
    return out
}
