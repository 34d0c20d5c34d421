/// The operations the vector runners check, as plain functions over byte arrays. `CryptoBackend.brook`
/// wires them to BrookCrypto; tests may substitute other functions to exercise the runners' own logic.
///
/// Every function throws when the implementation refuses its input; the error's description becomes
/// the case's rejection reason.
struct CryptoBackend: Sendable {
    /// An AEAD (AES-GCM, ChaCha20-Poly1305) driven through its prepared-key in-place API.
    struct AEAD: Sendable {
        /// Encrypts `message`, returning the ciphertext and a tag of `tagByteCount` bytes.
        var seal: @Sendable (_ key: [UInt8], _ nonce: [UInt8], _ aad: [UInt8], _ message: [UInt8], _ tagByteCount: Int) throws -> (ciphertext: [UInt8], tag: [UInt8])
        /// Verifies `tag` and decrypts `ciphertext`; throws when authentication fails.
        var open: @Sendable (_ key: [UInt8], _ nonce: [UInt8], _ aad: [UInt8], _ ciphertext: [UInt8], _ tag: [UInt8]) throws -> [UInt8]
    }

    /// How a received P-256 public key is encoded.
    enum PublicKeyEncoding: String, Sendable {
        /// X9.62 uncompressed point, 04‖X‖Y.
        case x963
        /// X9.62 compressed point, 02/03‖X.
        case compressed
        /// DER SubjectPublicKeyInfo (RFC 5480).
        case spki
    }

    /// How an ECDSA signature is encoded.
    enum SignatureEncoding: String, Sendable {
        /// DER `SEQUENCE { r INTEGER, s INTEGER }`.
        case der
        /// IEEE P1363: r‖s, 32 bytes each for P-256.
        case raw
    }

    /// P-256 ECDH: the x-coordinate shared with `publicKey` by the 32-byte private scalar.
    var p256SharedSecret: (@Sendable (_ privateKey: [UInt8], _ publicKey: [UInt8], _ encoding: PublicKeyEncoding) throws -> [UInt8])?
    /// ECDSA P-256 with SHA-256: whether `signature` is valid for `message` (hashed by the verifier).
    /// Throws when the key or the signature encoding is refused.
    var p256Verify: (@Sendable (_ publicKey: [UInt8], _ keyEncoding: PublicKeyEncoding, _ signature: [UInt8], _ signatureEncoding: SignatureEncoding, _ message: [UInt8]) throws -> Bool)?
    /// X25519 (RFC 7748): the shared u-coordinate; throws on an all-zero result.
    var x25519SharedSecret: (@Sendable (_ privateKey: [UInt8], _ publicKey: [UInt8]) throws -> [UInt8])?
    /// AEADs by their Wycheproof algorithm name ("AES-GCM", "CHACHA20-POLY1305").
    var aeads: [String: AEAD] = [:]
    /// Full-length HMACs by their Wycheproof algorithm name ("HMACSHA256", ...).
    var macs: [String: @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]] = [:]
}
