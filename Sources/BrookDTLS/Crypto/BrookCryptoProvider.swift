import BrookCrypto

/// The default provider: BrookCrypto's fixsliced AES-GCM, ChaCha20-Poly1305, HMAC and SHA-2,
/// X25519 and P-256 (ECDH and hedged ECDSA), all pure Swift.
public enum BrookCryptoProvider: DTLSCryptoProvider {
    public enum RecordKey: Sendable {
        case aesGCM(AES.GCM.PreparedKey)
        case chaChaPoly(ChaChaPoly.PreparedKey)
    }

    /// An ephemeral key and its encoded public share (computed once: an X25519 public key costs a
    /// scalar multiplication on every access).
    public struct KeyShare: Sendable {
        enum Key {
            case x25519(Curve25519.KeyAgreement.PrivateKey)
            case secp256r1(P256.KeyAgreement.PrivateKey)
        }

        let key: Key
        let publicKey: [UInt8]
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
        sha384 ? SHA384.hash(data: data).withUnsafeBytes { Array($0) } : SHA256.hash(data: data).withUnsafeBytes { Array($0) }
    }

    /// BrookCrypto's hashers hold their state inline: no heap, and a copy forks the computation.
    public enum TranscriptHash: Sendable {
        case sha256(SHA256)
        case sha384(SHA384)
    }

    public static func startTranscriptHash(sha384: Bool) -> TranscriptHash {
        sha384 ? .sha384(SHA384()) : .sha256(SHA256())
    }

    public static func updateTranscriptHash(_ hash: inout TranscriptHash, with bytes: UnsafeRawBufferPointer) {
        switch hash {
        case .sha256(var hasher):
            hasher.update(bufferPointer: bytes)
            hash = .sha256(hasher)
        case .sha384(var hasher):
            hasher.update(bufferPointer: bytes)
            hash = .sha384(hasher)
        }
    }

    public static func transcriptDigest(_ hash: TranscriptHash) -> [UInt8] {
        switch hash {
        case .sha256(let hasher): hasher.finalize().withUnsafeBytes { Array($0) }
        case .sha384(let hasher): hasher.finalize().withUnsafeBytes { Array($0) }
        }
    }

    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)).withUnsafeBytes { Array($0) }
    }

    public static func generateKeyShare(for group: DTLSNamedGroup, using rng: inout some RandomNumberGenerator) -> KeyShare {
        switch group {
        case .x25519:
            let key = Curve25519.KeyAgreement.PrivateKey(using: &rng)
            return KeyShare(key: .x25519(key), publicKey: key.publicKey.rawRepresentation)
        case .secp256r1:
            let key = P256.KeyAgreement.PrivateKey(using: &rng)
            return KeyShare(key: .secp256r1(key), publicKey: key.publicKey.x963Representation)
        }
    }

    public static func publicKey(of share: KeyShare) -> [UInt8] { share.publicKey }

    public static func sharedSecret(_ share: KeyShare, peerPublicKey: [UInt8]) throws(DTLSError) -> [UInt8] {
        do {
            switch share.key {
            case .x25519(let key):
                let peer = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: peerPublicKey)
                return try key.sharedSecretFromKeyAgreement(with: peer).withUnsafeBytes { Array($0) }
            case .secp256r1(let key):
                // RFC 8422 §5.1.2: uncompressed points only (the x963 parser would take others).
                guard peerPublicKey.count == 65, peerPublicKey.first == 4 else { throw CryptoKitError.invalidPublicKey }
                let peer = try P256.KeyAgreement.PublicKey(x963Representation: peerPublicKey)
                return try key.sharedSecretFromKeyAgreement(with: peer).withUnsafeBytes { Array($0) }
            }
        } catch { throw .illegalParameter("peer key share: \(error)") }
    }

    public static func sign(_ message: [UInt8], with key: P256.Signing.PrivateKey,
                            using rng: inout some RandomNumberGenerator) throws(DTLSError) -> [UInt8] {
        do { return try key.signature(for: message, hedgingWith: &rng).derRepresentation } catch {
            throw .cryptoFailure("signing: \(error)")
        }
    }

    public static func isValidSignature(_ signature: [UInt8], for message: [UInt8],
                                        publicKey: P256.Signing.PublicKey) -> Bool {
        guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return publicKey.isValidSignature(parsed, for: message)
    }

    public static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer, using rng: inout some RandomNumberGenerator) {
        SystemRandom.fill(buffer, using: &rng)
    }
}
