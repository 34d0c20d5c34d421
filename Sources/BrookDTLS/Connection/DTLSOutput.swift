import BrookSansIO
import BrookX509

/// One thing for the caller to do, from `DTLSConnection.pollOutput()`.
public enum DTLSOutput: Sendable {
    /// Send this datagram to the peer.
    case transmit([UInt8])
    /// Call `handleTimeout(now:)` at or after this instant (unless new input comes first).
    case timeout(Instant)
    case event(DTLSEvent)
}

/// What happened on the connection.
public enum DTLSEvent: Sendable {
    // The two large payloads are boxed (indirect), so an output is a few words and the queue a
    // connection keeps between polls stays small.
    /// The peer's certificate was received and accepted.
    indirect case peerCertificate(Certificate)
    /// The handshake completed.
    indirect case connected(DTLSNegotiated)
    /// Application data from the peer.
    case applicationData([UInt8])
    /// The connection is over; nothing more will be sent or received.
    case closed(DTLSCloseReason)
}

/// What the handshake settled on.
public struct DTLSNegotiated: Sendable {
    public let cipherSuite: DTLSCipherSuite
    public let group: DTLSNamedGroup
    /// The SRTP profile and its keys, when use_srtp was negotiated.
    public let srtp: SRTPKeyingMaterial?
    public let peerCertificate: Certificate
    /// The peer certificate's SHA-256 fingerprint.
    public let peerFingerprint: CertificateFingerprint
}

/// Why a connection closed.
public enum DTLSCloseReason: Sendable, Equatable {
    /// The peer sent close_notify.
    case peerClosed
    /// `close()` was called.
    case localClose
    /// The peer sent a fatal alert.
    case peerAlert(DTLSAlertDescription)
    /// We failed the connection with a fatal alert for this error.
    case error(DTLSError)
    /// The handshake did not complete within the configured handshake timeout.
    case handshakeTimeout
    /// Nothing authenticated came from the peer for `DTLSConfiguration.idleTimeout`; close_notify was sent.
    case idleTimeout
    /// The peer started a new handshake from the same address and proved it receives there (a valid
    /// cookie, RFC 6347 §4.2.8): it lost this association, which was abandoned for the new one.
    /// Reported by an adapter that keys connections by address (`DTLSUDPLoop`), not by the connection.
    case peerRestarted
}
