/// The output of a key agreement (P-256 ECDH x-coordinate, or X25519 u-coordinate).
/// Equality is constant-time. Use `withUnsafeBytes` or `Array(secret)` to feed it into a KDF.
public struct SharedSecret: Sendable, Equatable, Sequence {
    @usableFromInline let bytes: [UInt8]

    @usableFromInline init(bytes: [UInt8]) { self.bytes = bytes }

    public var byteCount: Int { bytes.count }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

    public var underestimatedCount: Int { bytes.count }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try bytes.withUnsafeBufferPointer(body)
    }

    public static func == (lhs: SharedSecret, rhs: SharedSecret) -> Bool {
        ConstantTime.isEqual(lhs.bytes, rhs.bytes)
    }
}
