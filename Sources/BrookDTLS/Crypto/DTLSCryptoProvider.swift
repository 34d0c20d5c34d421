import BrookCrypto

/// The narrow seam through which DTLS reaches all of its cryptography: the record AEAD (the
/// per-packet path), the PRF and hashes of the key schedule, the HMAC of HelloVerifyRequest
/// cookies, ECDHE key shares, ECDSA signatures and random bytes. `DTLSEndpoint` and
/// `DTLSCookieGate` are generic over it, so a provider's calls are resolved statically, never
/// through an existential.
///
/// Randomness comes from the generator the caller injects (Sans-IO: nothing here reads the OS
/// CSPRNG on its own); the provider turns it into bytes, key shares and signature hedging, so a
/// test provider can count, replace or fault-inject every source of randomness too.
///
/// The default, `BrookCryptoProvider`, is pure Swift. Another provider (hardware AES through
/// swift-crypto, say, or one that counts or fault-injects calls in tests) plugs in without forking.
/// The configuration keeps its identity as BrookCrypto key types (`P256.Signing.PrivateKey`); a
/// provider converts them with their raw representations if it needs its own.
public protocol DTLSCryptoProvider: Sendable {
    /// An AEAD key expanded once per epoch and direction.
    associatedtype RecordKey: Sendable
    /// An ephemeral ECDHE private key for one handshake, with its public share.
    associatedtype KeyShare
    /// A running hash of the handshake transcript. A provider that has none keeps the default,
    /// which buffers the messages and hashes them whole with `hash(sha384:_:)` at each digest.
    associatedtype TranscriptHash = BufferedTranscriptHash

    // MARK: Record protection (RFC 5246 §6.2.3.3)

    /// Prepares a record key for `suite`: AES-128/256-GCM or ChaCha20-Poly1305.
    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> RecordKey

    /// Encrypts `buffer` in place under a 12-byte `nonce`, authenticating `aad`, and writes the
    /// 16-byte tag. Returns false if the inputs were rejected.
    static func seal(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool

    /// Verifies `tag` (constant time) and only then decrypts `buffer` in place. False when it does not verify.
    static func open(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool

    // MARK: Key schedule and cookies

    /// The TLS 1.2 PRF (RFC 5246 §5) over HMAC-SHA-384 when `sha384`, else HMAC-SHA-256.
    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8]

    /// SHA-384 or SHA-256 of `data`.
    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8]

    /// A running SHA-384 (when `sha384`) or SHA-256 of the handshake transcript (RFC 5246 §7.4.9:
    /// Finished, and RFC 7627 §3: the session hash, each hash every handshake message so far).
    static func startTranscriptHash(sha384: Bool) -> TranscriptHash

    /// Adds `bytes` to the running hash.
    static func updateTranscriptHash(_ hash: inout TranscriptHash, with bytes: UnsafeRawBufferPointer)

    /// The digest of everything added so far; the running hash goes on from there.
    static func transcriptDigest(_ hash: TranscriptHash) -> [UInt8]

    /// HMAC-SHA-256 of `message` under `key` (the stateless cookie of RFC 6347 §4.2.1).
    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8]

    // MARK: Key exchange (RFC 8422 §5.4, §5.7; RFC 7748)

    /// A fresh ephemeral key for `group`.
    static func generateKeyShare(for group: DTLSNamedGroup, using rng: inout some RandomNumberGenerator) -> KeyShare

    /// The public share as it goes on the wire: X25519's 32-byte u-coordinate, or P-256's 65-byte
    /// uncompressed point (the only format RFC 8422 §5.1.2 leaves).
    static func publicKey(of share: KeyShare) -> [UInt8]

    /// The premaster secret with the peer's public share: the X25519 output or the P-256
    /// x-coordinate (RFC 8422 §5.10). Throws `.illegalParameter` for a share that is malformed, not
    /// on the curve, the point at infinity, or of small order (an all-zero X25519 output, RFC 7748 §6.1).
    static func sharedSecret(_ share: KeyShare, peerPublicKey: [UInt8]) throws(DTLSError) -> [UInt8]

    // MARK: Signatures (ecdsa_secp256r1_sha256, RFC 8422 §5.4 and RFC 5246 §7.4.8)

    /// The DER-encoded ECDSA P-256 signature of SHA-256(`message`), hedged with `rng`.
    static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey,
                     using rng: inout some RandomNumberGenerator) throws(DTLSError) -> [UInt8]

    /// Whether `signature` (DER) is a valid ECDSA P-256 signature of SHA-256(`message`) under `publicKey`.
    static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKey: P256.Signing.PublicKey) -> Bool

    // MARK: Randomness

    /// Fills `buffer` with random bytes drawn from `rng` (hello randoms, cookie secrets).
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator)
}

/// The transcript hash of a provider without a running one: the bytes, hashed whole at each digest.
public struct BufferedTranscriptHash: Sendable {
    let sha384: Bool
    var bytes: [UInt8] = []
}

extension DTLSCryptoProvider where TranscriptHash == BufferedTranscriptHash {
    public static func startTranscriptHash(sha384: Bool) -> TranscriptHash { BufferedTranscriptHash(sha384: sha384) }

    public static func updateTranscriptHash(_ hash: inout TranscriptHash, with bytes: UnsafeRawBufferPointer) {
        hash.bytes.append(contentsOf: bytes)
    }

    public static func transcriptDigest(_ hash: TranscriptHash) -> [UInt8] { Self.hash(sha384: hash.sha384, hash.bytes) }
}

extension DTLSCryptoProvider {
    /// `count` random bytes from `rng`.
    static func randomBytes(_ count: Int, using rng: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { fillRandom($0, using: &rng) }
        return bytes
    }
}
