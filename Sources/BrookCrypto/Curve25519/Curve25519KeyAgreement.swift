// X25519 key agreement (RFC 7748 §6.1), shaped like CryptoKit's `Curve25519.KeyAgreement`.

/// Curve25519 (RFC 7748).
public enum Curve25519 {
    /// X25519 Diffie–Hellman key agreement.
    public enum KeyAgreement {
        static let keyByteCount = 32

        /// An X25519 public key: a 32-byte little-endian u-coordinate.
        public struct PublicKey: Sendable {
            let bytes: [UInt8]

            /// A public key from its 32-byte encoding. Every 32-byte string is accepted, as RFC 7748
            /// §5 requires: the top bit is ignored (masked) when the key is used, and values ≥ p
            /// reduce naturally. Small-order keys are caught by the all-zero check at agreement.
            /// - Throws: `CryptoKitError.incorrectKeySize` unless `rawRepresentation` has 32 bytes.
            public init(rawRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
                guard rawRepresentation.count == KeyAgreement.keyByteCount else { throw .incorrectKeySize }
                bytes = Array(rawRepresentation)
            }

            init(uncheckedBytes: [UInt8]) {
                bytes = uncheckedBytes
            }

            /// The 32 bytes this key was created from.
            public var rawRepresentation: [UInt8] { bytes }
        }

        /// An X25519 private key: 32 random bytes, clamped when used (RFC 7748 §5).
        public struct PrivateKey: Sendable {
            let bytes: [UInt8]

            /// A new random private key from the system CSPRNG.
            public init() {
                var rng = SystemRandom()
                self.init(using: &rng)
            }

            /// A new private key drawn from `rng` (inject a seeded generator for reproducible tests).
            public init(using rng: inout some RandomNumberGenerator) {
                bytes = randomBytes(count: KeyAgreement.keyByteCount, using: &rng)
            }

            /// A private key from its 32 bytes (unclamped, as generated).
            /// - Throws: `CryptoKitError.incorrectKeySize` unless `rawRepresentation` has 32 bytes.
            public init(rawRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
                guard rawRepresentation.count == KeyAgreement.keyByteCount else { throw .incorrectKeySize }
                bytes = Array(rawRepresentation)
            }

            /// The 32 private-key bytes.
            public var rawRepresentation: [UInt8] { bytes }

            /// The matching public key, X25519(k, 9), computed on each access (one scalar multiplication).
            public var publicKey: PublicKey {
                // A public key is public.
                PublicKey(uncheckedBytes: declassified(X25519.scalarMultiply(scalar: bytes, u: X25519.basePoint)))
            }

            /// The shared secret X25519(k, peer) (RFC 7748 §6.1).
            /// - Throws: `CryptoKitError.zeroSharedSecret` when the result is all zero, which happens
            ///   exactly for small-order peer keys; the check is constant-time.
            public func sharedSecretFromKeyAgreement(with publicKeyShare: PublicKey) throws(CryptoKitError) -> SharedSecret {
                let secret = X25519.scalarMultiply(scalar: bytes, u: publicKeyShare.bytes)
                // Public: an all-zero result comes from a small-order peer key (public input), and
                // the caller is told through the error.
                let isZero = declassified(secret.withUnsafeBytes { ConstantTime.isAllZero($0) })
                guard !isZero else { throw .zeroSharedSecret }
                return SharedSecret(bytes: secret)
            }
        }
    }
}
