extension P256.Signing {
    /// A P-256 ECDSA public key. Every initialiser validates the point.
    public struct PublicKey: Sendable {
        @usableFromInline let material: P256PublicKeyMaterial

        @usableFromInline init(material: P256PublicKeyMaterial) { self.material = material }

        /// From X ‖ Y (64 bytes).
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PublicKeyMaterial(rawRepresentation: rawRepresentation)
        }

        /// From 04 ‖ X ‖ Y (65 bytes).
        public init(x963Representation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PublicKeyMaterial(x963Representation: x963Representation)
        }

        /// From 02/03 ‖ X (33 bytes).
        public init(compressedRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
            material = try P256PublicKeyMaterial(compressedRepresentation: compressedRepresentation)
        }

        /// X ‖ Y (64 bytes).
        public var rawRepresentation: [UInt8] { material.rawBytes }
        /// 04 ‖ X ‖ Y (65 bytes).
        public var x963Representation: [UInt8] { material.x963Bytes }
        /// 02/03 ‖ X (33 bytes).
        public var compressedRepresentation: [UInt8] { material.compressedBytes }

        /// True when `signature` is a valid ECDSA signature of SHA-256(`data`) under this key.
        public func isValidSignature(_ signature: ECDSASignature, for data: some Collection<UInt8>) -> Bool {
            isValidSignature(signature, forDigest: SHA256.hash(data: data))
        }

        /// True when `signature` is valid for `digest` (FIPS 186-5 §6.4.2). Any digest length is
        /// accepted; it is converted with bits2int (leftmost 256 bits).
        public func isValidSignature<D: Digest>(_ signature: ECDSASignature, forDigest digest: D) -> Bool {
            digest.withUnsafeBytes { ECDSA.verify(r: signature.r, s: signature.s, digest: $0, publicKey: material.point) }
        }
    }

    /// A P-256 ECDSA private key.
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

        /// A deterministic ECDSA signature of SHA-256(`data`) (nonce per RFC 6979 §3.2).
        public func signature(for data: some Collection<UInt8>) throws(CryptoKitError) -> ECDSASignature {
            try signature(forDigest: SHA256.hash(data: data))
        }

        /// A deterministic ECDSA signature of `digest` (RFC 6979 §3.2, HMAC-DRBG over the digest's hash).
        public func signature(forDigest digest: SHA256Digest) throws(CryptoKitError) -> ECDSASignature {
            ECDSA.sign(digest: digest, privateKey: material.value, hash: SHA256.self, extraEntropy: [])
        }

        /// An ECDSA signature of SHA-256(`data`) whose nonce mixes 32 fresh bytes from `rng` into the
        /// RFC 6979 derivation (§3.6 additional data k′): still safe if `rng` is weak, and no longer a
        /// fixed function of the message, which hedges against fault attacks.
        public func signature(for data: some Collection<UInt8>, hedgingWith rng: inout some RandomNumberGenerator) throws(CryptoKitError) -> ECDSASignature {
            try signature(forDigest: SHA256.hash(data: data), hedgingWith: &rng)
        }

        /// The hedged signature of a SHA-256 digest; see `signature(for:hedgingWith:)`.
        public func signature(forDigest digest: SHA256Digest, hedgingWith rng: inout some RandomNumberGenerator) throws(CryptoKitError) -> ECDSASignature {
            ECDSA.sign(digest: digest, privateKey: material.value, hash: SHA256.self,
                       extraEntropy: randomBytes(count: 32, using: &rng))
        }
    }

    /// An ECDSA signature (r, s), each an integer in [1, n − 1].
    public struct ECDSASignature: Sendable, Equatable {
        @usableFromInline let r: [UInt8]
        @usableFromInline let s: [UInt8]

        @usableFromInline init(r: [UInt8], s: [UInt8]) { self.r = r; self.s = s }

        /// From r ‖ s, 32 bytes each (IEEE P1363). Values outside [1, n − 1] are accepted here and
        /// make verification fail, as a signature that does not verify is not an encoding error.
        public init(rawRepresentation: some Collection<UInt8>) throws(CryptoKitError) {
            let bytes = Array(rawRepresentation)
            guard bytes.count == 64 else { throw .invalidSignatureEncoding }
            self.init(r: Array(bytes[0..<32]), s: Array(bytes[32...]))
        }

        /// r ‖ s (64 bytes).
        public var rawRepresentation: [UInt8] { r + s }
    }
}
