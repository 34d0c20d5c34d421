import BrookICE
import BrookSansIO

/// One stun input through the fixed ICE agent (ICEFuzzFixture), checking after every datagram and
/// timer what RFC 8489 and RFC 8445 allow it to send:
///
/// - nothing at all for a datagram that is not STUN, and no response to a response or an indication;
/// - to a request, exactly one response, from the address it arrived at to its source, with its
///   transaction ID and method; a success response only to a request signed with the agent's
///   password under its username fragment (RFC 8445 §7.3, RFC 8489 §9.1.3), signed, mapping the
///   source; 401 unsigned; 420 and 487 only to authenticated requests, signed; 420 listing the
///   unknown attributes (RFC 8489 §6.3.1.1);
/// - requests only from timers, each a Binding request to a remote candidate or the STUN server:
///   checks carry USERNAME peer:local, PRIORITY, one role attribute and MESSAGE-INTEGRITY with the
///   peer's password (RFC 8445 §7.1, §7.2.2); a lite agent sends none (§2.5);
/// - a pair is selected only towards an address that sent authenticated STUN; connected or
///   completed only with a selected pair.
struct ICEInboundRun {
    var agent: ICEAgent
    var now = Instant.zero
    /// The deadline the agent last asked for.
    var deadline: Instant?
    /// Addresses that sent a request signed with the agent's password or a response signed with the peer's.
    var authenticSources: Set<TransportAddress> = []
    /// What the agent sent for the last input (the seed writer answers it).
    private(set) var lastTransmits: [ICETransmit] = []

    init(mode: UInt8) {
        agent = ICEFuzzFixture.agent(mode: mode)
        _ = drain()
    }

    /// Runs one step; returns whether it was a datagram that decoded as STUN.
    mutating func perform(_ step: FuzzStep) throws(FuzzFailure) -> Bool {
        switch step {
        case .datagram(let bytes):
            let (source, local) = ICEFuzzFixture.addresses(bytes.first ?? 0)
            let datagram = Array(bytes.dropFirst())
            let decoded = try STUNCodecCheck.check(datagram, source: source)
            try deliver(datagram, from: source, to: local)
            return decoded
        case .wait(let milliseconds):
            try advance(to: now + .milliseconds(milliseconds))
        case .waitForDeadline:
            try advance(to: max(now, deadline ?? now))
        }
        return false
    }

    mutating func deliver(_ datagram: [UInt8], from source: TransportAddress, to local: TransportAddress) throws(FuzzFailure) {
        let result = agent.handle(datagram: datagram, from: source, to: local, now: now)
        let (transmits, events) = drain()
        guard let request = try? STUNMessage.decode(datagram) else {
            guard case .dropped(.malformed) = result else {
                throw FuzzFailure(description: "the agent took an undecodable datagram: \(result)")
            }
            try ensure(transmits.isEmpty && events.isEmpty, "the agent answered an undecodable datagram")
            return
        }
        let wire = STUNWireCheck(datagram)
        let messageClass = request.message.type.messageClass
        // Signed with the agent's password under its username fragment (RFC 8445 §7.3, RFC 8489 §9.1.3).
        let authenticated = messageClass == .request
            && request.message.username?.hasPrefix(ICEFuzzFixture.localCredentials.usernameFragment + ":") == true
            && wire?.isAuthentic(key: Array(ICEFuzzFixture.localCredentials.password.utf8)) == true
        if authenticated { authenticSources.insert(source) }
        if messageClass == .successResponse || messageClass == .errorResponse,
           wire?.isAuthentic(key: Array(ICEFuzzFixture.remoteCredentials.password.utf8)) == true {
            authenticSources.insert(source)
        }
        try ensure(transmits.count <= (messageClass == .request ? 1 : 0),
                   "the agent sent \(transmits.count) datagrams for one \(messageClass)")
        if messageClass == .request {
            guard let response = transmits.first else {
                throw FuzzFailure(description: "the agent did not answer a request (\(result))")
            }
            try checkResponse(response, to: request, authenticated: authenticated, result: result, from: source, to: local)
        }
        try check(events)
    }

    mutating func advance(to instant: Instant) throws(FuzzFailure) {
        now = instant
        agent.handleTimeout(now: now)
        let (transmits, events) = drain()
        for transmit in transmits { try checkRequest(transmit) }
        try check(events)
    }

    /// Every output queued: the datagrams, the events; the deadline is remembered.
    private mutating func drain() -> ([ICETransmit], [ICEEvent]) {
        var transmits: [ICETransmit] = [], events: [ICEEvent] = []
        while let output = agent.pollOutput() {
            switch output {
            case .transmit(let transmit): transmits.append(transmit)
            case .event(let event): events.append(event)
            case .timeout(let instant): deadline = instant
            }
        }
        lastTransmits = transmits
        return (transmits, events)
    }

    private func checkResponse(_ transmit: ICETransmit, to request: STUNDecodedMessage, authenticated: Bool,
                               result: ICEInputResult, from source: TransportAddress, to local: TransportAddress) throws(FuzzFailure) {
        guard let response = try? STUNMessage.decode(transmit.bytes) else {
            throw FuzzFailure(description: "the agent sent an undecodable answer")
        }
        let message = response.message
        try ensure(transmit.source == local && transmit.destination == source, "the agent answered from or to the wrong address")
        try ensure(message.transactionID == request.message.transactionID && message.type.method == request.message.type.method
                   && response.hasFingerprint, "the agent's answer does not match the request")
        let signed = response.isAuthentic(using: ICEFuzzFixture.localKey)
        switch message.type.messageClass {
        case .successResponse:
            try ensure(result == .handled, "the agent reported \(result) but sent a success response")
            try ensure(authenticated, "the agent sent a success response to an unauthenticated request")
            try ensure(signed && message.mappedAddress == source, "the agent's success response is unsigned or maps another address")
        case .errorResponse:
            guard let code = message.errorCode else { throw FuzzFailure(description: "an error response without ERROR-CODE") }
            try ensure(result == .rejected(code: code), "the agent reported \(result) but sent error \(code)")
            switch code {
            case 401:
                try ensure(!authenticated, "401 to an authenticated request")
                try ensure(!response.hasIntegrity, "401 signed with the password the request failed to prove")
            case 420:
                try ensure(authenticated && signed, "420 to an unauthenticated request, or unsigned")
                try ensure(message.attribute(.unknownAttributes) == .unknownAttributes(request.unknownComprehensionRequired),
                           "420 does not list the unknown attributes")
            case 487:
                try ensure(authenticated && signed, "487 to an unauthenticated request, or unsigned")
                try ensure(request.message.iceControlling != nil || request.message.iceControlled != nil, "487 without a role attribute")
            case 400:
                break
            default:
                throw FuzzFailure(description: "the agent answered with error \(code)")
            }
        default:
            throw FuzzFailure(description: "the agent answered a request with a \(message.type.messageClass)")
        }
    }

    private func checkRequest(_ transmit: ICETransmit) throws(FuzzFailure) {
        guard let request = try? STUNMessage.decode(transmit.bytes) else {
            throw FuzzFailure(description: "the agent sent an undecodable datagram on a timer")
        }
        let message = request.message
        try ensure(message.type == .bindingRequest && request.hasFingerprint, "the agent sent a \(message.type) on a timer")
        try ensure(ICEFuzzFixture.hostAddresses.contains(transmit.source), "the agent sent from \(transmit.source), no host address")
        if transmit.destination == ICEFuzzFixture.stunServer, !request.hasIntegrity {
            return  // Server-reflexive discovery (RFC 8445 §5.1.1.2): a plain Binding request.
        }
        try ensure(!agent.configuration.isLite, "a lite agent sent a connectivity check")
        try ensure(agent.remoteCandidates.contains { $0.address == transmit.destination },
                   "the agent checked \(transmit.destination), no remote candidate")
        let expectedUser = ICEFuzzFixture.remoteCredentials.usernameFragment + ":" + ICEFuzzFixture.localCredentials.usernameFragment
        try ensure(message.username == expectedUser && message.priority != nil
                   && (message.iceControlling != nil) != (message.iceControlled != nil),
                   "a connectivity check lacks USERNAME, PRIORITY or exactly one role attribute")
        try ensure(STUNWireCheck(transmit.bytes)?.isAuthentic(key: Array(ICEFuzzFixture.remoteCredentials.password.utf8)) == true,
                   "a connectivity check is not signed with the peer's password")
    }

    private func check(_ events: [ICEEvent]) throws(FuzzFailure) {
        for case .selectedPairChanged(let pair) in events {
            try ensure(authenticSources.contains(pair.remote.address),
                       "the agent selected a pair towards \(pair.remote.address), which never sent authenticated STUN")
        }
        if agent.state == .connected || agent.state == .completed {
            try ensure(agent.selectedPair != nil, "the agent is \(agent.state) without a selected pair")
        }
    }
}
