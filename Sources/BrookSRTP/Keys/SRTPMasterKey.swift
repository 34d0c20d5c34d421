import BrookCrypto

/// An SRTP master key and master salt for one direction of one profile (RFC 3711 §3.2.1), as
/// DTLS-SRTP exports them (RFC 5764 §4.2) or as SDES would carry them.
public struct SRTPMasterKey: Sendable {
    /// The profile whose lengths the key and salt have.
    public let profile: SRTPProfile
    /// The key-derivation PRF: AES-CM keyed with the master key (16 bytes, or 32 for AEAD_AES_256_GCM).
    let prf: AES.CTR
    /// The master salt: 14 bytes for AES-CM profiles, 12 for GCM (RFC 7714 §12).
    let salt: [UInt8]

    /// Checks the lengths against the profile.
    /// - Throws: `.invalidKeyLength` when the key or the salt has the wrong length.
    public init(profile: SRTPProfile, key: some Collection<UInt8>, salt: some Collection<UInt8>) throws(SRTPError) {
        guard key.count == profile.masterKeyLength else {
            throw .invalidKeyLength(expected: profile.masterKeyLength, actual: key.count)
        }
        guard salt.count == profile.masterSaltLength else {
            throw .invalidKeyLength(expected: profile.masterSaltLength, actual: salt.count)
        }
        self.profile = profile
        do {
            prf = try AES.CTR(key: SymmetricKey(data: key))
        } catch {
            throw .invalidKeyLength(expected: profile.masterKeyLength, actual: key.count)
        }
        self.salt = Array(salt)
    }

    /// Splits `key ‖ salt` (the layout libsrtp and SDES inline keys use).
    /// - Throws: `.invalidKeyLength` unless `keyAndSalt` has exactly key + salt bytes.
    public init(profile: SRTPProfile, keyAndSalt: some Collection<UInt8>) throws(SRTPError) {
        let bytes = Array(keyAndSalt)
        let expected = profile.masterKeyLength + profile.masterSaltLength
        guard bytes.count == expected else { throw .invalidKeyLength(expected: expected, actual: bytes.count) }
        try self.init(profile: profile, key: bytes[..<profile.masterKeyLength], salt: bytes[profile.masterKeyLength...])
    }
}
