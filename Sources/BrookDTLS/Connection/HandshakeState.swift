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
struct HandshakeState {
    var clientRandom: [UInt8] = []
    var serverRandom: [UInt8] = []
    /// The client's ClientHello as last sent (resent with the cookie after a HelloVerifyRequest).
    var clientHello: ClientHello?
    var suite: DTLSCipherSuite?
    var group: DTLSNamedGroup?
    var srtpProfile: SRTPProtectionProfile?
    var keyShare: EphemeralKeyShare?
    var peerCertificate: Certificate?
    /// Client: whether the server sent CertificateRequest.
    var certificateRequested = false
    /// Every handshake message so far, each as one unfragmented DTLS handshake message (RFC 6347 §4.2.6).
    var transcript: [UInt8] = []
    var masterSecret: [UInt8]?
    /// Whether both sides negotiated extended_master_secret (RFC 7627); only a configuration that
    /// does not require it can end up without.
    var usesExtendedMasterSecret = true
    /// Client: the ECDHE output, held from ServerKeyExchange until the key derivation.
    var preMasterSecret: [UInt8]?
    /// HelloVerifyRequests the client has answered (bounded against a looping server).
    var helloVerifyCount = 0
}
