import BrookCrypto
import BrookSansIO

/// A Sans-IO ICE agent (RFC 8445) for one component, full or lite, with trickle (RFC 8838) and
/// consent freshness (RFC 7675).
///
/// The caller owns the sockets and the clock: it passes every STUN datagram to `handle(datagram:from:to:now:)`,
/// calls `handleTimeout(now:)` when asked, and drains `pollOutput()` after each call, sending each
/// `.transmit` from its `source` address. Data for the application goes over `selectedPair`.
public struct ICEAgent: Sendable {
    /// The configuration the agent was made with (the role may have changed since: see `role`).
    public let configuration: ICEConfiguration
    /// The current role.
    public internal(set) var role: ICERole
    /// The local credentials to signal (`ice-ufrag`, `ice-pwd`).
    public internal(set) var localCredentials: ICECredentials
    /// The peer's credentials, once given.
    public internal(set) var remoteCredentials: ICECredentials?
    /// The connection state.
    public internal(set) var state: ICEState = .new
    /// Host, server-reflexive and peer-reflexive local candidates.
    public internal(set) var localCandidates: [ICECandidate] = []
    /// Signaled and peer-reflexive remote candidates.
    public internal(set) var remoteCandidates: [ICECandidate] = []
    /// The checklist, highest priority first.
    public internal(set) var pairs: [ICECandidatePair] = []
    /// The nominated pair data goes over, once there is one.
    public internal(set) var selectedPair: ICECandidatePair?

    /// Limits on what a peer can make the agent hold (RFC 8445 §6.1.2.5 suggests 100 pairs).
    static let maximumPairs = 100
    static let maximumRemoteCandidates = 100

    var tieBreaker: UInt64
    var random: AgentRandom
    var localKey: STUNIntegrityKey
    var remoteKey: STUNIntegrityKey?
    var checks: [CheckTransaction] = []
    var gatherings: [GatherTransaction] = []
    var triggered: [Int] = []
    var nextPairID = 0
    var nextCheckTime: Instant
    var firstValidAt: Instant?
    var remoteEndOfCandidates = false
    var lastConsent: Instant
    var nextConsentCheck: Instant
    var consentExpired = false
    var awaitingRestartCredentials = false
    var selectionPredatesRestart = false
    var peerReflexiveCount = 0
    var outputs: [ICEOutput] = []
    var outputHead = 0
    var timeoutReported = false

    /// A connectivity or consent check in flight.
    struct CheckTransaction: Sendable {
        var pairID: Int
        var transaction: STUNClientTransaction
        var nominating: Bool
        var isConsent: Bool
        /// RFC 8445 §7.3.1.4: superseded by a triggered check; not retransmitted, and its silence is no failure.
        var isCancelled = false
        /// The role the request claimed (RFC 8445 §7.2.5.1: a 487 switches the role only if it is unchanged).
        var role: ICERole
        var source: TransportAddress
        var destination: TransportAddress
    }

    /// A Binding request to a STUN server for a server-reflexive candidate.
    struct GatherTransaction: Sendable {
        var base: ICECandidate
        var server: TransportAddress
        var transaction: STUNClientTransaction
    }

    /// A new agent. Host candidates are reported at once; server-reflexive discovery starts at `now`.
    public init(configuration: ICEConfiguration, now: Instant, rng: some RandomNumberGenerator = SystemRandom()) {
        var seed = rng
        var random = AgentRandom(seeding: &seed)
        self.configuration = configuration
        role = configuration.isLite ? .controlled : configuration.role
        localCredentials = configuration.credentials ?? ICECredentials(using: &random)
        localKey = STUNIntegrityKey(shortTermPassword: localCredentials.password)
        tieBreaker = random.next()
        self.random = random
        nextCheckTime = now
        lastConsent = now
        nextConsentCheck = now
        for (index, address) in configuration.hostAddresses.enumerated() {
            let preference = UInt16(65535 - min(index, 65535))
            let candidate = ICECandidate(
                foundation: ICECandidate.foundation(kind: .host, baseIP: address.ip, server: nil),
                priority: ICECandidate.priority(kind: .host, localPreference: preference),
                address: address, kind: .host)
            localCandidates.append(candidate)
            emit(.candidateGathered(candidate))
        }
        if !configuration.isLite { startGathering(now: now) }
        if gatherings.isEmpty { emit(.gatheringComplete) }
    }

    // MARK: - Signaling input

    /// Sets the peer's credentials (from its SDP, or a restart's new ones).
    public mutating func setRemoteCredentials(_ credentials: ICECredentials, now: Instant) {
        timeoutReported = false
        remoteCredentials = credentials
        remoteKey = STUNIntegrityKey(shortTermPassword: credentials.password)
        if awaitingRestartCredentials {
            awaitingRestartCredentials = false
            lastConsent = now
            nextConsentCheck = now
        }
    }

    /// Adds a remote candidate (trickle ICE: at any time, RFC 8838 §11). Candidates of another component,
    /// of a family no host address has, or beyond the limit are ignored.
    public mutating func addRemoteCandidate(_ candidate: ICECandidate, now: Instant) {
        timeoutReported = false
        guard state != .closed, candidate.component == 1 else { return }
        if let index = remoteCandidates.firstIndex(where: { $0.address == candidate.address }) {
            // A signaled candidate replaces a peer-reflexive one learned earlier (RFC 8445 §7.3.1.3).
            if remoteCandidates[index].kind == .peerReflexive { remoteCandidates[index] = candidate }
            return
        }
        guard remoteCandidates.count < Self.maximumRemoteCandidates else { return }
        remoteCandidates.append(candidate)
        if !configuration.isLite { formPairs(remote: candidate) }
        updateState(now: now)
    }

    /// The peer signaled end-of-candidates (RFC 8838 §8.2).
    public mutating func endOfRemoteCandidates(now: Instant) {
        timeoutReported = false
        remoteEndOfCandidates = true
        updateState(now: now)
    }

    /// ICE restart (RFC 8445 §9): fresh local credentials and an empty checklist. The selected pair keeps
    /// carrying data until a new one is nominated; the caller signals the new credentials with the
    /// candidates in `localCandidates`, then gives the peer's new credentials and candidates.
    @discardableResult
    public mutating func restart(now: Instant) -> ICECredentials {
        timeoutReported = false
        localCredentials = ICECredentials(using: &random)
        localKey = STUNIntegrityKey(shortTermPassword: localCredentials.password)
        remoteCredentials = nil
        remoteKey = nil
        remoteCandidates = []
        pairs = []
        triggered = []
        checks = []
        firstValidAt = nil
        remoteEndOfCandidates = false
        localCandidates.removeAll { $0.kind == .peerReflexive }
        awaitingRestartCredentials = true
        selectionPredatesRestart = selectedPair != nil
        if selectedPair == nil || consentExpired {
            consentExpired = false
            selectedPair = nil
            setState(.new)
        }
        return localCredentials
    }

    /// Stops the agent: nothing more is sent.
    public mutating func close() {
        checks = []
        gatherings = []
        triggered = []
        setState(.closed)
    }

    /// `data` addressed over the selected pair, or nil when there is none usable.
    public func transmit(_ data: [UInt8]) -> ICETransmit? {
        guard let pair = selectedPair, state == .connected || state == .completed || state == .disconnected else { return nil }
        return ICETransmit(source: pair.source, destination: pair.destination, bytes: data)
    }

    // MARK: - Output

    /// The next output, or nil when there is nothing more until the next input or timeout.
    ///
    /// After the queued datagrams and events comes at most one `.timeout`: the instant at which to call
    /// `handleTimeout(now:)`. A later `.timeout` replaces an earlier one; an early call is harmless.
    public mutating func pollOutput() -> ICEOutput? {
        if outputHead < outputs.count {
            let output = outputs[outputHead]
            outputHead += 1
            if outputHead == outputs.count { outputs.removeAll(keepingCapacity: true); outputHead = 0 }
            return output
        }
        if !timeoutReported, let deadline = nextDeadline {
            timeoutReported = true
            return .timeout(deadline)
        }
        return nil
    }

    mutating func emit(_ event: ICEEvent) {
        outputs.append(.event(event))
    }

    mutating func send(_ bytes: [UInt8], from source: TransportAddress, to destination: TransportAddress) {
        outputs.append(.transmit(ICETransmit(source: source, destination: destination, bytes: bytes)))
    }

    mutating func setState(_ newState: ICEState) {
        guard newState != state, state != .closed else { return }
        state = newState
        emit(.stateChanged(newState))
    }
}
