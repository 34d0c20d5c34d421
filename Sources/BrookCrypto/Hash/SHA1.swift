extension Insecure {
    /// SHA-1 (FIPS 180-4 §6.1). Broken for collision resistance; provided for HMAC-SHA1 (SRTP,
    /// STUN) and legacy interoperability. A value type: copying a hasher forks it.
    public struct SHA1: HashFunction {
        public typealias Digest = SHA1Digest
        public static let blockByteCount = 64

        @usableFromInline var hasher = BlockHasher(initialState: SHA1Compression.initial)

        @inlinable
        public init() {}

        @inlinable
        public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer)
        }

        @inlinable
        public func finalize() -> SHA1Digest {
            SHA1Digest(hasher.finalState())
        }
    }

    /// A SHA-1 digest: 20 bytes held inline. Equality is constant-time.
    public struct SHA1Digest: BrookCrypto.Digest {
        public static let byteCount = 20
        @usableFromInline var words: DigestWords4 = (0, 0, 0, 0)

        @inlinable
        init(_ state: SHA1Compression) {
            withUnsafeMutableBytes(of: &words) { out in
                let p = out.baseAddress!
                storeBigEndian(state.h0, p, 0); storeBigEndian(state.h1, p, 4)
                storeBigEndian(state.h2, p, 8); storeBigEndian(state.h3, p, 12)
                storeBigEndian(state.h4, p, 16)
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
}
