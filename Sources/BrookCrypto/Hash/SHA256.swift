/// SHA-256 (FIPS 180-4 §6.2). A value type: copying a hasher forks it.
public struct SHA256: HashFunction {
    public typealias Digest = SHA256Digest
    public static let blockByteCount = 64

    @usableFromInline var hasher = BlockHasher(initialState: SHA256Compression.initial)

    @inlinable
    public init() {}

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA256Digest {
        SHA256Digest(hasher.finalState())
    }
}

/// A SHA-256 digest: 32 bytes held inline. Equality is constant-time.
public struct SHA256Digest: Digest {
    public static let byteCount = 32
    @usableFromInline var words: DigestWords4 = (0, 0, 0, 0)

    @inlinable
    init(_ state: SHA256Compression) {
        withUnsafeMutableBytes(of: &words) { out in
            let p = out.baseAddress!
            storeBigEndian(state.h0, p, 0); storeBigEndian(state.h1, p, 4)
            storeBigEndian(state.h2, p, 8); storeBigEndian(state.h3, p, 12)
            storeBigEndian(state.h4, p, 16); storeBigEndian(state.h5, p, 20)
            storeBigEndian(state.h6, p, 24); storeBigEndian(state.h7, p, 28)
        }
    }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withPrefixBytes(of: words, count: Self.byteCount, body)
    }

    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        prefixBytesEqual(lhs.words, rhs.words, count: byteCount)
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hashPrefixBytes(words, count: Self.byteCount, into: &hasher)
    }
}
