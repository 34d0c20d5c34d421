/// The size of a symmetric key, as in CryptoKit.
public struct SymmetricKeySize: Hashable, Sendable {
    public let bitCount: Int
    public init(bitCount: Int) {
        precondition(bitCount > 0 && bitCount % 8 == 0, "a key size is a positive whole number of bytes")
        self.bitCount = bitCount
    }
    public static let bits128 = SymmetricKeySize(bitCount: 128)
    public static let bits192 = SymmetricKeySize(bitCount: 192)
    public static let bits256 = SymmetricKeySize(bitCount: 256)
}

/// A symmetric key: an immutable byte string. Equality is constant-time.
public struct SymmetricKey: Sendable, Equatable {
    @usableFromInline let bytes: [UInt8]

    /// A new random key from the system CSPRNG.
    public init(size: SymmetricKeySize) {
        var rng = SystemRandom()
        self.init(size: size, using: &rng)
    }

    /// A new random key from an injected generator (deterministic tests).
    public init(size: SymmetricKeySize, using rng: inout some RandomNumberGenerator) {
        self.bytes = randomBytes(count: size.bitCount / 8, using: &rng)
    }

    /// A key holding exactly these bytes.
    public init(data: some Sequence<UInt8>) {
        self.bytes = Array(data)
    }

    public var bitCount: Int { bytes.count * 8 }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    public static func == (lhs: SymmetricKey, rhs: SymmetricKey) -> Bool {
        ConstantTime.isEqual(lhs.bytes, rhs.bytes)
    }
}
