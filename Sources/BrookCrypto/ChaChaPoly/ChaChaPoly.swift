// The public ChaCha20-Poly1305 namespace and its value types, shaped like CryptoKit's `ChaChaPoly`.

/// ChaCha20-Poly1305 authenticated encryption (RFC 8439 §2.8): a 256-bit key, a 96-bit nonce that
/// must never repeat under one key, and a 128-bit tag.
public enum ChaChaPoly {
    /// The key size in bytes.
    static let keyByteCount = 32
    /// The nonce size in bytes.
    static let nonceByteCount = 12
    /// The tag size in bytes.
    static let tagByteCount = 16

    /// A 12-byte nonce.
    public struct Nonce: Sendable, Hashable, Sequence {
        let bytes: [UInt8]

        /// A fresh random nonce from the system CSPRNG.
        public init() {
            var rng = SystemRandom()
            self.init(using: &rng)
        }

        /// A fresh random nonce from an injected generator (deterministic tests).
        public init(using rng: inout some RandomNumberGenerator) {
            bytes = randomBytes(count: ChaChaPoly.nonceByteCount, using: &rng)
        }

        /// A nonce holding exactly these bytes.
        /// - Throws: `CryptoKitError.incorrectParameterSize` unless `data` has exactly 12 bytes.
        public init(data: some Collection<UInt8>) throws(CryptoKitError) {
            guard data.count == ChaChaPoly.nonceByteCount else { throw .incorrectParameterSize }
            bytes = Array(data)
        }

        init(uncheckedBytes: [UInt8]) {
            bytes = uncheckedBytes
        }

        public func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

        /// Calls `body` with the nonce's 12 bytes.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try bytes.withUnsafeBytes(body)
        }
    }

    /// The output of `seal`: nonce, ciphertext and tag, stored as `combined` = nonce ‖ ciphertext ‖ tag.
    public struct SealedBox: Sendable {
        /// nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
        public let combined: [UInt8]

        /// The nonce the box was sealed with.
        public var nonce: Nonce { Nonce(uncheckedBytes: Array(combined[0..<ChaChaPoly.nonceByteCount])) }

        /// The encrypted message, as long as the plaintext.
        public var ciphertext: [UInt8] {
            Array(combined[ChaChaPoly.nonceByteCount..<(combined.count - ChaChaPoly.tagByteCount)])
        }

        /// The 16-byte authentication tag.
        public var tag: [UInt8] { Array(combined[(combined.count - ChaChaPoly.tagByteCount)...]) }

        /// A box from nonce ‖ ciphertext ‖ tag.
        /// - Throws: `CryptoKitError.incorrectParameterSize` when `combined` is shorter than 28 bytes.
        public init(combined: some Collection<UInt8>) throws(CryptoKitError) {
            guard combined.count >= ChaChaPoly.nonceByteCount + ChaChaPoly.tagByteCount else {
                throw .incorrectParameterSize
            }
            self.combined = Array(combined)
        }

        /// A box from its parts.
        /// - Throws: `CryptoKitError.incorrectParameterSize` unless `tag` has exactly 16 bytes.
        public init(nonce: Nonce, ciphertext: some Collection<UInt8>, tag: some Collection<UInt8>) throws(CryptoKitError) {
            guard tag.count == ChaChaPoly.tagByteCount else { throw .incorrectParameterSize }
            var combined = [UInt8]()
            combined.reserveCapacity(ChaChaPoly.nonceByteCount + ciphertext.count + ChaChaPoly.tagByteCount)
            combined.append(contentsOf: nonce.bytes)
            combined.append(contentsOf: ciphertext)
            combined.append(contentsOf: tag)
            self.combined = combined
        }

        init(uncheckedCombined: [UInt8]) {
            combined = uncheckedCombined
        }
    }
}
