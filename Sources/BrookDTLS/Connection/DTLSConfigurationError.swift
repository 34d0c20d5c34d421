import BrookX509

/// Why a `DTLSConfiguration` cannot be used. Each case is a setting that would put an empty list
/// on the wire where the RFC requires a non-empty one, or make every handshake fail.
public enum DTLSConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `cipherSuites` is empty: a ClientHello needs at least one (RFC 5246 §7.4.1.2,
    /// cipher_suites<2..2^16-2>), and a server could never choose one.
    case noCipherSuites
    /// `groups` is empty: supported_groups needs at least one (RFC 8422 §5.1.1,
    /// named_curve_list<2..2^16-1>), and a server would have no group for its ServerKeyExchange.
    case noGroups
    /// The certificate does not hold a P-256 key, or not the public half of `privateKey`: every
    /// peer would reject the signatures (ecdsa_secp256r1_sha256 is the only one offered).
    case certificateKeyMismatch
    /// A retransmission timer is zero or negative, or the cap lies below the initial timeout.
    case invalidRetransmission(String)
    /// A size or count limit no handshake can live with.
    case invalidLimit(String)

    public var description: String {
        switch self {
        case .noCipherSuites: "no cipher suites configured"
        case .noGroups: "no key-exchange groups configured"
        case .certificateKeyMismatch: "the certificate's key is not the P-256 public key of the private key"
        case .invalidRetransmission(let what): "invalid retransmission timing: \(what)"
        case .invalidLimit(let what): "invalid limit: \(what)"
        }
    }
}

extension DTLSConfiguration {
    /// Checks the configuration before any byte goes on the wire. `DTLSEndpoint.init` runs it too:
    /// a connection made from an invalid configuration sends nothing, and its first output is
    /// `.event(.closed(.error(.invalidConfiguration(reason))))`.
    public func validate() throws(DTLSConfigurationError) {
        guard !cipherSuites.isEmpty else { throw .noCipherSuites }
        guard !groups.isEmpty else { throw .noGroups }
        guard case .p256(let key) = certificate.publicKey,
              key.x963Representation == privateKey.publicKey.x963Representation
        else { throw .certificateKeyMismatch }
        let timing = retransmission
        guard timing.initialTimeout > .zero else { throw .invalidRetransmission("initial timeout \(timing.initialTimeout)") }
        guard timing.maximumTimeout >= timing.initialTimeout else {
            throw .invalidRetransmission("maximum timeout \(timing.maximumTimeout) below the initial \(timing.initialTimeout)")
        }
        guard timing.handshakeTimeout > .zero else { throw .invalidRetransmission("handshake timeout \(timing.handshakeTimeout)") }
        if let clamp = timing.rttClamp, clamp.lowerBound <= .zero {
            throw .invalidRetransmission("RTT clamp \(clamp)")
        }
        guard maximumHandshakeMessageLength > 0 else { throw .invalidLimit("maximumHandshakeMessageLength \(maximumHandshakeMessageLength)") }
        guard maximumReassemblyBytes >= maximumHandshakeMessageLength else {
            throw .invalidLimit("maximumReassemblyBytes \(maximumReassemblyBytes) below maximumHandshakeMessageLength")
        }
        guard maximumQueuedOutputs > 0 else { throw .invalidLimit("maximumQueuedOutputs \(maximumQueuedOutputs)") }
        guard maximumBufferedRecords >= 0, maximumBufferedRecordBytes >= 0 else {
            throw .invalidLimit("negative record buffer limit")
        }
        if let idleTimeout, idleTimeout <= .zero { throw .invalidLimit("idleTimeout \(idleTimeout)") }
    }
}
