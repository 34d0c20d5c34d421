import BrookCrypto

/// The narrow seam through which DTLS reaches its symmetric cryptography: the record AEAD (the
/// per-packet path) and the PRF and transcript hashes of the key schedule. `DTLSEndpoint` is
/// generic over it, so a provider's calls are resolved statically, not through an existential.
///
/// The default, `BrookCryptoProvider`, is pure Swift. Another provider (hardware AES through
/// swift-crypto, say, or one that counts or fault-injects calls in tests) plugs in without forking.
/// Key agreement and signatures use the BrookCrypto key types of `DTLSConfiguration`.
public protocol DTLSCryptoProvider: Sendable {
    /// An AEAD key expanded once per epoch and direction.
    associatedtype RecordKey: Sendable

    /// Prepares a record key for `suite`: AES-128/256-GCM or ChaCha20-Poly1305.
    static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> RecordKey

    /// Encrypts `buffer` in place under a 12-byte `nonce`, authenticating `aad`, and writes the
    /// 16-byte tag. Returns false if the inputs were rejected.
    static func seal(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool

    /// Verifies `tag` (constant time) and only then decrypts `buffer` in place. False when it does not verify.
    static func open(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                     authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool

    /// The TLS 1.2 PRF (RFC 5246 §5) over HMAC-SHA-384 when `sha384`, else HMAC-SHA-256.
    static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8]

    /// SHA-384 or SHA-256 of `data`.
    static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8]
}

/// The default provider: BrookCrypto's fixsliced AES-GCM, ChaCha20-Poly1305, HMAC and SHA-2.
public enum BrookCryptoProvider: DTLSCryptoProvider {
    public enum RecordKey: Sendable {
        case aesGCM(AES.GCM.PreparedKey)
        case chaChaPoly(ChaChaPoly.PreparedKey)
    }

    public static func prepareRecordKey(_ key: [UInt8], for suite: DTLSCipherSuite) throws(DTLSError) -> RecordKey {
        do {
            switch suite {
            case .ecdheECDSAWithChaCha20Poly1305SHA256:
                return .chaChaPoly(try ChaChaPoly.PreparedKey(key: SymmetricKey(data: key)))
            case .ecdheECDSAWithAES128GCMSHA256, .ecdheECDSAWithAES256GCMSHA384:
                return .aesGCM(try AES.GCM.PreparedKey(key: SymmetricKey(data: key)))
            }
        } catch { throw .cryptoFailure("record key: \(error)") }
    }

    @inlinable
    public static func seal(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                            authenticating aad: UnsafeRawBufferPointer, tag: UnsafeMutableRawBufferPointer) -> Bool {
        do throws(CryptoKitError) {
            switch key {
            case .aesGCM(let key): try key.seal(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
            case .chaChaPoly(let key): try key.seal(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
            }
            return true
        } catch { return false }
    }

    @inlinable
    public static func open(_ key: RecordKey, inPlace buffer: UnsafeMutableRawBufferPointer, nonce: UnsafeRawBufferPointer,
                            authenticating aad: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) -> Bool {
        do throws(CryptoKitError) {
            switch key {
            case .aesGCM(let key): try key.open(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
            case .chaChaPoly(let key): try key.open(inPlace: buffer, nonce: nonce, authenticating: aad, tag: tag)
            }
            return true
        } catch { return false }
    }

    public static func prf(sha384: Bool, secret: [UInt8], label: String, seed: [UInt8], count: Int) -> [UInt8] {
        sha384
            ? TLS12PRF<SHA384>.derive(secret: secret, label: label, seed: seed, byteCount: count)
            : TLS12PRF<SHA256>.derive(secret: secret, label: label, seed: seed, byteCount: count)
    }

    public static func hash(sha384: Bool, _ data: [UInt8]) -> [UInt8] {
        sha384 ? Array(SHA384.hash(data: data)) : Array(SHA256.hash(data: data))
    }
}
