import BrookX509

/// The next handshake message a connection accepts (RFC 5246 §7.3 message order, both roles).
enum ExpectedMessage: Equatable {
    // Client
    case serverHelloOrVerifyRequest
    case serverCertificate
    case serverKeyExchange
    case certificateRequestOrServerHelloDone
    case serverHelloDone
    case serverFinished
    // Server
    case clientHello
    case clientCertificate
    case clientKeyExchange
    case certificateVerify
    case clientFinished
}

/// Where the connection is in its life.
enum ConnectionPhase: Equatable {
    case handshaking(ExpectedMessage)
    case connected
    case closed
}

/// What one handshake accumulates: randoms, negotiated parameters, the transcript and secrets.
/// Once connected, `retainedAfterHandshake` keeps only what the exporter needs (RFC 5705 §4).
struct HandshakeState<Crypto: DTLSCryptoProvider> {
    var clientRandom: [UInt8] = []
    var serverRandom: [UInt8] = []
    /// The ClientHello: the client's as last sent (resent with the cookie after a
    /// HelloVerifyRequest), until the ServerHello; the server's received one, until flight 4 is built.
    var clientHello: ClientHello?
    /// Server: message_seq of the ClientHello being reassembled — the one whose first fragment's
    /// cookie verified, or with the cookie exchange off the first to arrive.
    var clientHelloSequence: UInt16?
    var suite: DTLSCipherSuite?
    var group: DTLSNamedGroup?
    var srtpProfile: SRTPProtectionProfile?
    var keyShare: Crypto.KeyShare?
    var peerCertificate: Certificate?
    /// The peer certificate's SHA-256 fingerprint.
    var peerFingerprint: CertificateFingerprint?
    /// Client: whether the server sent CertificateRequest.
    var certificateRequested = false
    /// Server: whether the client offered secure renegotiation (RFC 5746 §3.6).
    var clientOfferedRenegotiationInfo = false
    /// Every handshake message so far, each as one unfragmented DTLS handshake message (RFC 6347 §4.2.6).
    var transcript: [UInt8] = []
    /// The suite's running hash of `transcript` (started at the first digest, once the suite is
    /// known) and how many of its bytes it has taken in.
    var transcriptHash: Crypto.TranscriptHash?
    var transcriptHashedCount = 0
    /// Room reserved for the transcript up front: two hellos, two WebRTC certificates and the key
    /// exchange come to about 1.5 KB, so it is allocated once instead of grown message by message.
    static var typicalTranscriptLength: Int { 2048 }
    var masterSecret: [UInt8]?
    /// Whether both sides negotiated extended_master_secret (RFC 7627); only a configuration that
    /// does not require it can end up without.
    var usesExtendedMasterSecret = true
    /// Client: the ECDHE output, held from ServerKeyExchange until the key derivation.
    var preMasterSecret: [UInt8]?
    /// HelloVerifyRequests the client has answered (bounded against a looping server).
    var helloVerifyCount = 0

    /// What outlives the handshake: the suite, the master secret and the randoms the RFC 5705
    /// exporter reads. The transcript, hellos, key share and certificate copies are freed.
    /// Starts the transcript again (RFC 6347 §4.2.6: from the ClientHello answered by a
    /// ServerHello), with its running hash.
    mutating func resetTranscript() {
        transcript = []
        transcriptHash = nil
        transcriptHashedCount = 0
    }

    func retainedAfterHandshake() -> HandshakeState {
        var kept = HandshakeState()
        kept.suite = suite
        kept.group = group
        kept.srtpProfile = srtpProfile
        kept.masterSecret = masterSecret
        kept.clientRandom = clientRandom
        kept.serverRandom = serverRandom
        kept.usesExtendedMasterSecret = usesExtendedMasterSecret
        return kept
    }
}
