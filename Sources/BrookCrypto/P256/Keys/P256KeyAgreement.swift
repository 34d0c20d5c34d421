extension P256.KeyAgreement {
    /// A P-256 public key for key agreement. Every initialiser validates the point.
    public struct PublicKey: Sendable {
        @usableFromInline let material: P256PublicKeyMaterial

        @usableFromInline init(material: P256PublicKeyMaterial) { self.material = material }

        /// From X ‖ Y (64 bytes).
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PublicKeyMaterial(rawRepresentation: rawRepresentation)
        }

        /// From the ANSI X9.63 / SEC 1 uncompressed form 04 ‖ X ‖ Y (65 bytes).
        public init(x963Representation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PublicKeyMaterial(x963Representation: x963Representation)
        }

        /// From the SEC 1 compressed form 02/03 ‖ X (33 bytes).
        public init(compressedRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PublicKeyMaterial(compressedRepresentation: compressedRepresentation)
        }

        /// X ‖ Y (64 bytes).
        public var rawRepresentation: [UInt8] { material.rawBytes }
        /// 04 ‖ X ‖ Y (65 bytes).
        public var x963Representation: [UInt8] { material.x963Bytes }
        /// 02/03 ‖ X (33 bytes).
        public var compressedRepresentation: [UInt8] { material.compressedBytes }
    }

    /// A P-256 private key for key agreement.
    public struct PrivateKey: Sendable {
        @usableFromInline let material: P256PrivateKeyMaterial

        @usableFromInline init(material: P256PrivateKeyMaterial) { self.material = material }

        /// A new random key from the system CSPRNG.
        public init() {
            var rng = SystemRandom()
            self.init(using: &rng)
        }

        /// A new key whose scalar is drawn uniformly from [1, n − 1] using `rng`.
        public init(using rng: inout some RandomNumberGenerator) {
            material = P256PrivateKeyMaterial(using: &rng)
        }

        /// From the 32-byte big-endian scalar d; `.invalidPrivateKey` unless 1 ≤ d < n.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PrivateKeyMaterial(rawRepresentation: rawRepresentation)
        }

        /// From 04 ‖ X ‖ Y ‖ d (97 bytes); the point must match d.
        public init(x963Representation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PrivateKeyMaterial(x963Representation: x963Representation)
        }

        /// The scalar d, 32 bytes big-endian.
        public var rawRepresentation: [UInt8] { material.rawBytes }
        /// 04 ‖ X ‖ Y ‖ d (97 bytes).
        public var x963Representation: [UInt8] { material.x963Bytes }
        /// The matching public key d·G.
        public var publicKey: PublicKey { PublicKey(material: material.publicKey) }

        /// ECDH: the x-coordinate of d·Q as 32 bytes (SEC 1 §3.3.1). The peer's key was validated
        /// when it was constructed.
        public func sharedSecretFromKeyAgreement(with publicKeyShare: PublicKey) throws(CryptoKitError) -> SharedSecret {
            try material.sharedSecret(with: publicKeyShare.material)
        }
    }
}
