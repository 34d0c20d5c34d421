/// The SRTP master keys a DTLS-SRTP handshake yields (RFC 5764 §4.2), split by direction.
///
/// The DTLS exporter (label "EXTRACTOR-dtls_srtp", no context, `profile.keyingMaterialLength`
/// bytes) gives client_write_SRTP_master_key ‖ server_write_SRTP_master_key ‖
/// client_write_SRTP_master_salt ‖ server_write_SRTP_master_salt. Each side protects with its
/// own write key and unprotects with the peer's.
public struct DTLSSRTPKeys: Sendable {
    /// Which end of the DTLS handshake this endpoint was.
    public enum Role: Sendable, Hashable {
        case client
        case server
    }

    /// The negotiated profile.
    public let profile: SRTPProfile
    /// The key and salt this endpoint protects with.
    public let local: SRTPMasterKey
    /// The key and salt the peer protects with, which this endpoint unprotects with.
    public let remote: SRTPMasterKey

    /// Splits the exporter output.
    /// - Throws: `.invalidKeyLength` unless `keyingMaterial` has `profile.keyingMaterialLength` bytes.
    public init(profile: SRTPProfile, keyingMaterial: some Collection<UInt8>, role: Role) throws(SRTPError) {
        let bytes = Array(keyingMaterial)
        guard bytes.count == profile.keyingMaterialLength else {
            throw .invalidKeyLength(expected: profile.keyingMaterialLength, actual: bytes.count)
        }
        let keyLength = profile.masterKeyLength, saltLength = profile.masterSaltLength
        let saltStart = 2 * keyLength
        let client = try SRTPMasterKey(
            profile: profile, key: bytes[0..<keyLength], salt: bytes[saltStart..<saltStart + saltLength])
        let server = try SRTPMasterKey(
            profile: profile, key: bytes[keyLength..<saltStart], salt: bytes[(saltStart + saltLength)...])
        self.profile = profile
        (local, remote) = role == .client ? (client, server) : (server, client)
    }

    /// Builds the contexts for this endpoint: `outbound` protects with the local key, `inbound`
    /// unprotects with the remote key.
    /// - Throws: `.invalidConfiguration` for limits out of range.
    public func makeContexts(
        configuration: SRTPConfiguration = SRTPConfiguration()
    ) throws(SRTPError) -> (outbound: SRTPOutboundContext, inbound: SRTPInboundContext) {
        (try SRTPOutboundContext(masterKey: local, configuration: configuration),
         try SRTPInboundContext(masterKey: remote, configuration: configuration))
    }
}
