// Inline storage and shared behaviour for the fixed-size digests. A digest is at most 64 bytes;
// it lives in a tuple of words, never on the heap.

/// 32 bytes of inline storage (SHA-1 uses the first 20, SHA-256 all 32).
@usableFromInline
typealias DigestWords4 = (UInt64, UInt64, UInt64, UInt64)

/// 64 bytes of inline storage (SHA-384 uses the first 48, SHA-512 all 64).
@usableFromInline
typealias DigestWords8 = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

/// Iterates over the bytes of a digest or authentication code without copying it to the heap.
public struct DigestIterator<Bytes: Digest>: IteratorProtocol {
    @usableFromInline let bytes: Bytes
    @usableFromInline var offset = 0

    @inlinable
    init(_ bytes: Bytes) { self.bytes = bytes }

    @inlinable
    public mutating func next() -> UInt8? {
        guard offset < Bytes.byteCount else { return nil }
        defer { offset += 1 }
        return bytes.withUnsafeBytes { $0[offset] }
    }
}

extension Digest {
    @inlinable
    public func makeIterator() -> DigestIterator<Self> { DigestIterator(self) }

    /// Exact, so `Array(digest)` allocates once instead of growing byte by byte.
    @inlinable
    public var underestimatedCount: Int { Self.byteCount }

    /// The bytes as one buffer, so code that takes any byte sequence copies them at once.
    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withUnsafeBytes { try body($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The number of bytes, as on a CryptoKit digest.
    @inlinable
    public var byteCount: Int { Self.byteCount }

    /// Compares with raw bytes in constant time; false when the lengths differ.
    @inlinable
    public static func == (lhs: Self, rhs: some Collection<UInt8>) -> Bool {
        lhs.withUnsafeBytes { digest in
            withContiguousBytes(of: rhs) { other in ConstantTime.isEqual(digest, other) }
        }
    }
}

/// Runs `body` over the first `count` bytes of `words`.
@inlinable @inline(__always)
func withPrefixBytes<Words, R>(
    of words: Words, count: Int, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    try withUnsafeBytes(of: words) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
}

/// Constant-time equality of the first `count` bytes of two inline word tuples.
@inlinable @inline(__always)
func prefixBytesEqual<Words>(_ a: Words, _ b: Words, count: Int) -> Bool {
    withPrefixBytes(of: a, count: count) { pa in
        withPrefixBytes(of: b, count: count) { pb in ConstantTime.isEqual(pa, pb) }
    }
}

/// Feeds the first `count` bytes of `words` to a `Hasher`.
@inlinable @inline(__always)
func hashPrefixBytes<Words>(_ words: Words, count: Int, into hasher: inout Hasher) {
    withPrefixBytes(of: words, count: count) { hasher.combine(bytes: $0) }
}
