/// A message authentication code, as in CryptoKit: a fixed-length byte sequence whose equality
/// is constant-time.
public protocol MessageAuthenticationCode: Hashable, Sendable, Sequence, CustomStringConvertible
where Element == UInt8 {
    /// The length in bytes.
    var byteCount: Int { get }
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

/// The output of `HMAC<H>`: the hash function's digest, held inline. Equality is constant-time.
public struct HashedAuthenticationCode<H: HashFunction>: MessageAuthenticationCode {
    @usableFromInline let digest: H.Digest

    @inlinable
    init(digest: H.Digest) { self.digest = digest }

    /// The length in bytes: the digest length of `H`.
    @inlinable
    public var byteCount: Int { H.Digest.byteCount }

    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try digest.withUnsafeBytes(body)
    }

    @inlinable
    public func makeIterator() -> H.Digest.Iterator { digest.makeIterator() }

    /// Exact, so `Array(code)` allocates once.
    @inlinable
    public var underestimatedCount: Int { H.Digest.byteCount }

    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try digest.withContiguousStorageIfAvailable(body)
    }

    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.digest == rhs.digest }

    /// Compares with raw bytes in constant time; false when the lengths differ.
    @inlinable
    public static func == (lhs: Self, rhs: some Collection<UInt8>) -> Bool {
        lhs.withUnsafeBytes { mac in
            withContiguousBytes(of: rhs) { other in ConstantTime.isEqual(mac, other) }
        }
    }

    @inlinable
    public func hash(into hasher: inout Hasher) { digest.hash(into: &hasher) }

    public var description: String {
        let hex = withUnsafeBytes { bytes in
            bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        }
        return "HMAC<\(H.self)>: \(hex)"
    }
}
