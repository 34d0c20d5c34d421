/// The four DTLS-SRTP protection profiles Brook implements (RFC 5764 §4.1.2, RFC 7714 §14.2), with
/// the lengths each one fixes.
public enum SRTPProfile: UInt16, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// AES-128 in counter mode, HMAC-SHA1 with an 80-bit tag (RFC 3711 §4, RFC 5764 §4.1.2).
    case aes128CmHmacSha1_80 = 0x0001
    /// AES-128 in counter mode, HMAC-SHA1 with a 32-bit SRTP tag; SRTCP keeps the 80-bit tag
    /// (RFC 5764 §4.1.2).
    case aes128CmHmacSha1_32 = 0x0002
    /// AES-128-GCM with a 16-byte tag (RFC 7714).
    case aeadAes128Gcm = 0x0007
    /// AES-256-GCM with a 16-byte tag (RFC 7714).
    case aeadAes256Gcm = 0x0008

    /// The DTLS `use_srtp` protection-profile identifier (RFC 5764 §4.1.2, RFC 7714 §14.2).
    public var identifier: UInt16 { rawValue }

    /// The profile with this `use_srtp` identifier, or nil for one Brook does not implement.
    public init?(identifier: UInt16) { self.init(rawValue: identifier) }

    /// The name used by RFC 5764, RFC 7714 and libsrtp (`AES_CM_128_HMAC_SHA1_80`, …).
    public var description: String {
        switch self {
        case .aes128CmHmacSha1_80: "AES_CM_128_HMAC_SHA1_80"
        case .aes128CmHmacSha1_32: "AES_CM_128_HMAC_SHA1_32"
        case .aeadAes128Gcm: "AEAD_AES_128_GCM"
        case .aeadAes256Gcm: "AEAD_AES_256_GCM"
        }
    }

    /// True for the AEAD (GCM) profiles of RFC 7714.
    public var isAEAD: Bool { self == .aeadAes128Gcm || self == .aeadAes256Gcm }

    /// Master (and session) key length in bytes: 16, or 32 for AEAD_AES_256_GCM.
    public var masterKeyLength: Int { self == .aeadAes256Gcm ? 32 : 16 }

    /// Master (and session) salt length in bytes: 14 for AES-CM (RFC 3711 §8.2), 12 for GCM (RFC 7714 §12).
    public var masterSaltLength: Int { isAEAD ? 12 : 14 }

    /// Session authentication key length: 20 bytes for HMAC-SHA1 (RFC 3711 §8.2), none for AEAD.
    public var authenticationKeyLength: Int { isAEAD ? 0 : 20 }

    /// Bytes appended to an RTP packet: the SRTP authentication tag, or the GCM tag.
    public var rtpTagLength: Int {
        switch self {
        case .aes128CmHmacSha1_80: 10
        case .aes128CmHmacSha1_32: 4
        case .aeadAes128Gcm, .aeadAes256Gcm: 16
        }
    }

    /// The SRTCP tag length: 10 bytes under both HMAC profiles (RFC 5764 §4.1.2), 16 for GCM.
    public var rtcpTagLength: Int { isAEAD ? 16 : 10 }

    /// Bytes `protectRTP` adds to a packet.
    public var rtpOverhead: Int { rtpTagLength }

    /// Bytes `protectRTCP` adds to a packet: the tag and the 4-byte E flag and SRTCP index.
    public var rtcpOverhead: Int { rtcpTagLength + 4 }

    /// The DTLS-SRTP exporter output this profile needs: 2 × (key + salt) (RFC 5764 §4.2).
    public var keyingMaterialLength: Int { 2 * (masterKeyLength + masterSaltLength) }
}
