import BrookCrypto
import BrookX509

/// How the peer's certificate is judged. WebRTC authenticates by the fingerprint exchanged in SDP,
/// not by a CA chain.
public enum DTLSPeerVerification: Sendable {
    /// Accept a certificate matching any of these fingerprints (sha-256, sha-384, sha-512, …).
    /// The certificate's DER bytes are matched before they are parsed: a certificate other than an
    /// expected one fails with bad_certificate without reaching the X.509 parser.
    case fingerprints([CertificateFingerprint])
    /// Accept when the callback returns true.
    case callback(@Sendable (Certificate) -> Bool)
    /// Accept any well-formed P-256 certificate (as `openssl s_client` does without verification);
    /// the caller sees it in the `peerCertificate` event.
    case acceptAny
}

/// Retransmission timing (RFC 6347 §4.2.4): the first timeout, doubling on each expiry up to a cap,
/// and a limit on the whole handshake.
public struct DTLSRetransmission: Sendable, Equatable {
    public var initialTimeout: Duration
    public var maximumTimeout: Duration
    public var handshakeTimeout: Duration
    /// When set, the initial timeout follows the caller's RTT estimate: 2 × RTT clamped to this range.
    public var rttClamp: ClosedRange<Duration>?

    public init(initialTimeout: Duration, maximumTimeout: Duration, handshakeTimeout: Duration,
                rttClamp: ClosedRange<Duration>? = nil) {
        self.initialTimeout = initialTimeout
        self.maximumTimeout = maximumTimeout
        self.handshakeTimeout = handshakeTimeout
        self.rttClamp = rttClamp
    }

    /// RFC 6347 §4.2.4.1: 1 s initial, doubling to a 60 s cap; 60 s for the whole handshake.
    public static let rfc = DTLSRetransmission(initialTimeout: .seconds(1), maximumTimeout: .seconds(60),
                                               handshakeTimeout: .seconds(60))

    /// libwebrtc's timing: 50 ms initial, then 2 × RTT clamped to 50–3000 ms once an RTT is known
    /// (`DTLSConnection.updateRoundTripTime`); doubling capped at 3 s; 30 s for the whole handshake.
    public static let webRTC = DTLSRetransmission(initialTimeout: .milliseconds(50), maximumTimeout: .seconds(3),
                                                  handshakeTimeout: .seconds(30),
                                                  rttClamp: .milliseconds(50) ... .milliseconds(3000))
}

/// Everything a connection needs besides its role: identity, what to offer, limits and timers.
/// `validate()` says whether it can be used (the connection initialiser checks it too).
public struct DTLSConfiguration: Sendable {
    /// This endpoint's certificate and its P-256 signing key.
    public var certificate: Certificate
    public var privateKey: P256.Signing.PrivateKey
    public var peerVerification: DTLSPeerVerification
    /// Cipher suites in preference order (the server picks by its own order).
    public var cipherSuites: [DTLSCipherSuite] = [.ecdheECDSAWithAES128GCMSHA256, .ecdheECDSAWithAES256GCMSHA384,
                                                  .ecdheECDSAWithChaCha20Poly1305SHA256]
    /// Groups in preference order.
    public var groups: [DTLSNamedGroup] = [.x25519, .secp256r1]
    /// SRTP profiles in preference order; the server chooses by its own order (AEAD first: cheaper
    /// per packet). Empty: use_srtp is neither offered nor accepted. Non-empty: required.
    public var srtpProfiles: [SRTPProtectionProfile] = [.aeadAES256GCM, .aeadAES128GCM,
                                                        .aes128CMHMACSHA1_80, .aes128CMHMACSHA1_32]
    /// Refuse peers without extended_master_secret (RFC 7627 §5.2 allows aborting).
    public var requireExtendedMasterSecret = true
    /// Server only: answer a ClientHello without a valid cookie with a HelloVerifyRequest.
    public var cookieExchange = true
    /// Largest datagram the handshake writes (records included).
    public var maximumTransmissionUnit = 1200
    public var retransmission = DTLSRetransmission.webRTC
    /// Largest handshake message accepted (certificates of WebRTC peers are well under 2 KiB).
    public var maximumHandshakeMessageLength = 16 * 1024
    /// Total bytes held in reassembly buffers.
    public var maximumReassemblyBytes = 32 * 1024
    /// Records held until they can be read: epoch-1 records that arrive before their keys, and
    /// application data that overtakes the peer's Finished. Beyond either cap they are dropped.
    public var maximumBufferedRecords = 16
    /// Bytes those held records may total (each is copied out of its datagram).
    public var maximumBufferedRecordBytes = 16 * 1024
    /// Outputs queued before the caller polls; beyond it, received application data is dropped.
    public var maximumQueuedOutputs = 256
    /// Closes an established connection (close_notify, `.closed(.idleTimeout)`) once nothing
    /// authenticated has come from the peer for this long. nil (the default): never — in WebRTC, ICE
    /// consent freshness (RFC 7675) watches the path instead, and DTLS may rightly stay silent while
    /// SRTP flows. A server holding many peers (`brook dtls server`) sets it so quiet ones go.
    public var idleTimeout: Duration?

    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey, peerVerification: DTLSPeerVerification) {
        self.certificate = certificate
        self.privateKey = privateKey
        self.peerVerification = peerVerification
    }
}
