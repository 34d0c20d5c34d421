import BrookSansIO

/// The connection states an agent reports (the W3C `RTCIceTransportState` values).
public enum ICEState: Hashable, Sendable {
    case new, checking, connected, completed, disconnected, failed, closed
}

/// One datagram for the caller to send from `source` (a local base) to `destination`.
public struct ICETransmit: Hashable, Sendable {
    public var source: TransportAddress
    public var destination: TransportAddress
    public var bytes: [UInt8]
}

/// What happened inside the agent.
public enum ICEEvent: Hashable, Sendable {
    /// A local candidate to signal to the peer (trickle ICE, RFC 8838 §8).
    case candidateGathered(ICECandidate)
    /// No more local candidates will come (RFC 8838 §8.2: signal end-of-candidates).
    case gatheringComplete
    /// The pair data should now use.
    case selectedPairChanged(ICECandidatePair)
    /// The connection state changed.
    case stateChanged(ICEState)
    /// A role conflict switched the role (RFC 8445 §7.3.1.1, §7.2.5.1).
    case roleChanged(ICERole)
}

/// The agent's outputs, polled with `ICEAgent.pollOutput()` until nil.
public enum ICEOutput: Hashable, Sendable {
    case transmit(ICETransmit)
    /// Call `handleTimeout(now:)` at or after this instant.
    case timeout(Instant)
    case event(ICEEvent)
}

/// What the agent did with an input datagram.
public enum ICEInputResult: Hashable, Sendable {
    /// Processed (a response matched, a request was answered, an indication was noted).
    case handled
    /// Answered with a STUN error response (400, 401, 420 or 487).
    case rejected(code: Int)
    /// Dropped silently.
    case dropped(ICEDropReason)
}

/// Why a datagram was dropped.
public enum ICEDropReason: Hashable, Sendable {
    /// Not a well-formed STUN message (or a wrong FINGERPRINT): the decoder's error.
    case malformed(STUNError)
    /// A response to no transaction of ours.
    case unknownTransaction
    /// A response whose MESSAGE-INTEGRITY did not verify (RFC 8489 §9.1.3).
    case badIntegrity
    /// A response with unknown comprehension-required attributes (RFC 8489 §6.3.4).
    case unknownAttributes
    /// A message the agent has no use for (an unknown method, an indication, a closed agent).
    case ignored
}
