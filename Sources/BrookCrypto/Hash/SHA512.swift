/// SHA-512 (FIPS 180-4 §6.4). A value type: copying a hasher forks it.
public struct SHA512: HashFunction {
    public typealias Digest = SHA512Digest
    public static let blockByteCount = 128

    @usableFromInline var hasher = BlockHasher(initialState: SHA512Compression.initialSHA512)

    @inlinable
    public init() {}

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA512Digest {
        SHA512Digest(words: hasher.finalState().bigEndianWords)
    }
}

/// SHA-384 (FIPS 180-4 §6.5): the SHA-512 compression function from a different initial value,
/// with the output truncated to 48 bytes.
public struct SHA384: HashFunction {
    public typealias Digest = SHA384Digest
    public static let blockByteCount = 128

    @usableFromInline var hasher = BlockHasher(initialState: SHA512Compression.initialSHA384)

    @inlinable
    public init() {}

    @inlinable
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer)
    }

    @inlinable
    public func finalize() -> SHA384Digest {
        SHA384Digest(words: hasher.finalState().bigEndianWords)
    }
}

/// A SHA-512 digest: 64 bytes held inline. Equality is constant-time.
public struct SHA512Digest: Digest {
    public static let byteCount = 64
    @usableFromInline var words: DigestWords8

    @inlinable
    init(words: DigestWords8) { self.words = words }

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

/// A SHA-384 digest: 48 bytes held inline. Equality is constant-time.
public struct SHA384Digest: Digest {
    public static let byteCount = 48
    @usableFromInline var words: DigestWords8

    @inlinable
    init(words: DigestWords8) {
        self.words = words
        // Only the first six words are the digest; keep the rest zero.
        self.words.6 = 0
        self.words.7 = 0
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
