import BrookCrypto

/// The six session keys of one direction (RFC 3711 §4.3.1, key_derivation_rate 0): cipher key,
/// authentication key and salt, for SRTP and for SRTCP.
///
/// The PRF is AES-CM keyed with the master key: AES-128 for the AES-CM profiles and
/// AEAD_AES_128_GCM, AES-256 (RFC 6188 §3, AES_256_CM_PRF) for AEAD_AES_256_GCM (RFC 7714 §11).
public struct SRTPSessionKeys: Sendable {
    /// SRTP session encryption key (label 0x00).
    public private(set) var rtpEncryptionKey: [UInt8]
    /// SRTP session authentication key (label 0x01); empty for the AEAD profiles.
    public private(set) var rtpAuthenticationKey: [UInt8]
    /// SRTP session salt (label 0x02).
    public private(set) var rtpSalt: [UInt8]
    /// SRTCP session encryption key (label 0x03).
    public private(set) var rtcpEncryptionKey: [UInt8]
    /// SRTCP session authentication key (label 0x04); empty for the AEAD profiles.
    public private(set) var rtcpAuthenticationKey: [UInt8]
    /// SRTCP session salt (label 0x05).
    public private(set) var rtcpSalt: [UInt8]

    /// Derives the session keys from `master` (RFC 3711 §4.3.1 with kdr 0, §4.3.2 labels).
    public init(deriving master: SRTPMasterKey) {
        let profile = master.profile
        func derive(_ label: UInt8, _ count: Int) -> [UInt8] {
            Self.prf(master.prf, masterSalt: master.salt, label: label, count: count)
        }
        rtpEncryptionKey = derive(0x00, profile.masterKeyLength)
        rtpAuthenticationKey = derive(0x01, profile.authenticationKeyLength)
        rtpSalt = derive(0x02, profile.masterSaltLength)
        rtcpEncryptionKey = derive(0x03, profile.masterKeyLength)
        rtcpAuthenticationKey = derive(0x04, profile.authenticationKeyLength)
        rtcpSalt = derive(0x05, profile.masterSaltLength)
    }

    /// Overwrites every key with zeros (the contexts do this once the keys are expanded).
    mutating func wipe() {
        for i in rtpEncryptionKey.indices { rtpEncryptionKey[i] = 0 }
        for i in rtpAuthenticationKey.indices { rtpAuthenticationKey[i] = 0 }
        for i in rtpSalt.indices { rtpSalt[i] = 0 }
        for i in rtcpEncryptionKey.indices { rtcpEncryptionKey[i] = 0 }
        for i in rtcpAuthenticationKey.indices { rtcpAuthenticationKey[i] = 0 }
        for i in rtcpSalt.indices { rtcpSalt[i] = 0 }
    }

    /// PRF_n(k_master, x) (RFC 3711 §4.3.3): the first `count` bytes of the AES-CM keystream with
    /// IV = x · 2^16, where x = (label ‖ index DIV kdr) XOR master salt. With kdr 0 the 48-bit
    /// `index DIV kdr` is zero, so x is the salt with `label` XORed into its byte 7 (key_id is
    /// 56 bits, right-aligned against the 112-bit salt). A 96-bit GCM salt is first padded with
    /// two zero bytes on the right, as libsrtp does.
    static func prf(_ cipher: AES.CTR, masterSalt: [UInt8], label: UInt8, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var iv = [UInt8](repeating: 0, count: 16)
        for i in 0..<min(masterSalt.count, 14) { iv[i] = masterSalt[i] }
        iv[7] ^= label
        var output = [UInt8](repeating: 0, count: count)
        output.withUnsafeMutableBytes { out in
            iv.withUnsafeBytes { counter in
                // The counter block has the 16 bytes AES.CTR requires, so this cannot throw.
                try! cipher.applyKeystream(to: out, initialCounter: counter)
            }
        }
        return output
    }

    /// The PRF keyed with a raw master key, for the RFC 3711 Appendix B.3 and RFC 6188 §7 vectors.
    static func prf(masterKey: [UInt8], masterSalt: [UInt8], label: UInt8, count: Int) throws(CryptoKitError) -> [UInt8] {
        prf(try AES.CTR(key: SymmetricKey(data: masterKey)), masterSalt: masterSalt, label: label, count: count)
    }
}
