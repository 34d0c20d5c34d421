/// The cipher and authentication of one profile for one of SRTP or SRTCP, keyed once. An enum,
/// not an existential: each packet takes one switch and direct, specialised calls.
enum SRTPTransform: Sendable {
    case aesCM(AESCMTransform)
    case gcm(GCMTransform)

    /// Builds the SRTP (`rtcp == false`) or SRTCP transform from derived session keys.
    /// - Throws: `.invalidKeyLength` if a session key does not fit the profile (SRTPSessionKeys
    ///   derives exactly the lengths the profile fixes, so this does not happen for derived keys).
    init(profile: SRTPProfile, keys: SRTPSessionKeys, rtcp: Bool) throws(SRTPError) {
        let key = rtcp ? keys.rtcpEncryptionKey : keys.rtpEncryptionKey
        let salt = rtcp ? keys.rtcpSalt : keys.rtpSalt
        do {
            if profile.isAEAD {
                self = .gcm(try GCMTransform(key: key, salt: salt))
            } else {
                let authenticationKey = rtcp ? keys.rtcpAuthenticationKey : keys.rtpAuthenticationKey
                let tagLength = rtcp ? profile.rtcpTagLength : profile.rtpTagLength
                self = .aesCM(try AESCMTransform(key: key, salt: salt, authenticationKey: authenticationKey, tagLength: tagLength))
            }
        } catch {
            throw .invalidKeyLength(expected: profile.masterKeyLength, actual: key.count)
        }
    }
}
