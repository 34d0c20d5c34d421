/// The cipher suites Brook speaks: ECDHE with ECDSA certificates and an AEAD record cipher
/// (RFC 5289 §3.2 for AES-GCM, RFC 7905 §2 for ChaCha20-Poly1305).
public enum DTLSCipherSuite: UInt16, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case ecdheECDSAWithAES128GCMSHA256 = 0xC02B
    case ecdheECDSAWithAES256GCMSHA384 = 0xC02C
    case ecdheECDSAWithChaCha20Poly1305SHA256 = 0xCCA9

    /// The IANA name, as `brook dtls` and the TLS registry print it.
    public var ianaName: String {
        switch self {
        case .ecdheECDSAWithAES128GCMSHA256: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        case .ecdheECDSAWithAES256GCMSHA384: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"
        case .ecdheECDSAWithChaCha20Poly1305SHA256: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"
        }
    }

    public var description: String { ianaName }

    /// Record key length in bytes.
    var keyLength: Int { self == .ecdheECDSAWithAES128GCMSHA256 ? 16 : 32 }

    /// The implicit IV from the key block: 4 bytes of salt for GCM (RFC 5288 §3), 12 for
    /// ChaCha20-Poly1305 (RFC 7905 §2).
    var fixedIVLength: Int { self == .ecdheECDSAWithChaCha20Poly1305SHA256 ? 12 : 4 }

    /// Bytes a record grows by when protected: explicit nonce (GCM only) plus the 16-byte tag.
    var recordExpansion: Int { self == .ecdheECDSAWithChaCha20Poly1305SHA256 ? 16 : 8 + 16 }

    /// Whether the PRF and transcript hash are SHA-384 (RFC 5289 §3.2) rather than SHA-256.
    var usesSHA384: Bool { self == .ecdheECDSAWithAES256GCMSHA384 }
}

/// Key-exchange groups (RFC 8422 §5.1.1, RFC 7748 for X25519).
public enum DTLSNamedGroup: UInt16, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case secp256r1 = 23
    case x25519 = 29

    /// The name `brook dtls` prints (`x25519`, `secp256r1`).
    public var description: String { self == .x25519 ? "x25519" : "secp256r1" }
}

/// DTLS-SRTP protection profiles (RFC 5764 §4.1.2, RFC 7714 §14.2) and their master key and salt
/// lengths.
public enum SRTPProtectionProfile: UInt16, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case aes128CMHMACSHA1_80 = 0x0001
    case aes128CMHMACSHA1_32 = 0x0002
    case aeadAES128GCM = 0x0007
    case aeadAES256GCM = 0x0008

    /// The IANA name (`SRTP_AES128_CM_HMAC_SHA1_80`, …).
    public var ianaName: String {
        switch self {
        case .aes128CMHMACSHA1_80: "SRTP_AES128_CM_HMAC_SHA1_80"
        case .aes128CMHMACSHA1_32: "SRTP_AES128_CM_HMAC_SHA1_32"
        case .aeadAES128GCM: "SRTP_AEAD_AES_128_GCM"
        case .aeadAES256GCM: "SRTP_AEAD_AES_256_GCM"
        }
    }

    public var description: String { ianaName }

    /// Master key length in bytes.
    public var masterKeyLength: Int { self == .aeadAES256GCM ? 32 : 16 }

    /// Master salt length in bytes: 14 for AES-CM (RFC 3711), 12 for AEAD (RFC 7714 §12).
    public var masterSaltLength: Int { self == .aes128CMHMACSHA1_80 || self == .aes128CMHMACSHA1_32 ? 14 : 12 }

    /// Bytes of keying material the profile needs: 2 × (key + salt) (RFC 5764 §4.2).
    public var keyingMaterialLength: Int { 2 * (masterKeyLength + masterSaltLength) }
}
