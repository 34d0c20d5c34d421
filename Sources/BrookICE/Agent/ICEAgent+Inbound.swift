import BrookSansIO

/// Incoming STUN: requests are answered (RFC 8445 §7.3), responses complete checks (§7.2.5).
extension ICEAgent {
    /// Handles one STUN datagram that arrived on the local address `local` from `source`.
    /// Anything malformed is dropped; bad requests are answered with 400, 401, 420 or 487.
    @discardableResult
    public mutating func handle(datagram: some Collection<UInt8>, from source: TransportAddress,
                                to local: TransportAddress, now: Instant) -> ICEInputResult {
        timeoutReported = false
        guard state != .closed else { return .dropped(.ignored) }
        let decoded: STUNDecodedMessage
        do {
            decoded = try STUNMessage.decode(datagram)
        } catch {
            return .dropped(.malformed(error))
        }
        let result: ICEInputResult
        switch decoded.message.type.messageClass {
        case .request:
            result = handleRequest(decoded, from: source, to: local, now: now)
        case .successResponse, .errorResponse:
            result = handleResponse(decoded, from: source, to: local, now: now)
        case .indication:
            result = .dropped(.ignored)  // Binding indications are keepalives (RFC 8445 §11).
        }
        updateState(now: now)
        return result
    }

    // MARK: - Requests

    private mutating func handleRequest(_ decoded: STUNDecodedMessage, from source: TransportAddress,
                                        to local: TransportAddress, now: Instant) -> ICEInputResult {
        let message = decoded.message
        guard message.type.method == .binding else { return reject(message, 400, "Bad Request", from: local, to: source, signed: false) }
        // RFC 8489 §9.1.3: no USERNAME or MESSAGE-INTEGRITY → 400; wrong user or integrity → 401.
        guard let username = message.username, decoded.hasIntegrity else {
            return reject(message, 400, "Bad Request", from: local, to: source, signed: false)
        }
        let fragments = username.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard fragments.count == 2, fragments[0] == localCredentials.usernameFragment, decoded.isAuthentic(using: localKey) else {
            return reject(message, 401, "Unauthenticated", from: local, to: source, signed: false)
        }
        // RFC 8489 §6.3.1.1: unknown comprehension-required attributes → 420 listing them.
        if !decoded.unknownComprehensionRequired.isEmpty {
            return reject(message, 420, "Unknown Attribute", from: local, to: source, signed: true,
                          extra: [.unknownAttributes(decoded.unknownComprehensionRequired)])
        }
        guard let priority = message.priority else { return reject(message, 400, "Bad Request", from: local, to: source, signed: true) }
        // RFC 8445 §7.3.1.1: role conflicts, decided by the tie-breaker.
        if role == .controlling, let theirs = message.iceControlling {
            if tieBreaker >= theirs { return reject(message, 487, "Role Conflict", from: local, to: source, signed: true) }
            switchRole()
        } else if role == .controlled, let theirs = message.iceControlled {
            if configuration.isLite || tieBreaker < theirs {
                return reject(message, 487, "Role Conflict", from: local, to: source, signed: true)
            }
            switchRole()
        }
        var attributes: [STUNAttribute] = [.xorMappedAddress(source)]
        if let software = configuration.software { attributes.append(.software(software)) }
        let response = STUNMessage(type: .bindingSuccess, transactionID: message.transactionID, attributes: attributes)
        if let bytes = try? response.encode(integrity: localKey) { send(bytes, from: local, to: source) }

        guard let base = localCandidates.first(where: { $0.kind == .host && $0.base == local }) else { return .handled }
        let remote = learnRemote(source, priority: priority)
        guard let remote, let index = addPair(local: base, remote: remote) else { return .handled }
        if configuration.isLite {
            // RFC 8445 §7.3.1.5 for lite agents: a check with USE-CANDIDATE nominates the pair.
            pairs[index].state = .succeeded
            if selectedPair?.id == pairs[index].id { refreshConsent(now: now) }
            if message.hasUseCandidate { select(pairAt: index, now: now) }
            if state == .new { setState(.checking) }
            return .handled
        }
        if message.hasUseCandidate && role == .controlled { pairs[index].useCandidateReceived = true }
        if pairs[index].state == .succeeded {
            if pairs[index].useCandidateReceived && role == .controlled { select(pairAt: index, now: now) }
        } else {
            trigger(pairAt: index)
        }
        if state == .new { setState(.checking) }
        return .handled
    }

    /// The remote candidate at `address`, learning a peer-reflexive one if it is new (RFC 8445 §7.3.1.3).
    private mutating func learnRemote(_ address: TransportAddress, priority: UInt32) -> ICECandidate? {
        if let known = remoteCandidates.first(where: { $0.address == address }) { return known }
        guard remoteCandidates.count < Self.maximumRemoteCandidates else { return nil }
        peerReflexiveCount += 1
        let candidate = ICECandidate(foundation: "prflx\(peerReflexiveCount)", priority: priority, address: address, kind: .peerReflexive)
        remoteCandidates.append(candidate)
        return candidate
    }

    private mutating func reject(_ request: STUNMessage, _ code: Int, _ reason: String, from local: TransportAddress,
                                 to source: TransportAddress, signed: Bool, extra: [STUNAttribute] = []) -> ICEInputResult {
        let response = STUNMessage(type: STUNMessageType(method: request.type.method, messageClass: .errorResponse),
                                   transactionID: request.transactionID,
                                   attributes: [.errorCode(code: code, reason: reason)] + extra)
        if let bytes = try? response.encode(integrity: signed ? localKey : nil) { send(bytes, from: local, to: source) }
        return .rejected(code: code)
    }

    // MARK: - Responses

    private mutating func handleResponse(_ decoded: STUNDecodedMessage, from source: TransportAddress,
                                         to local: TransportAddress, now: Instant) -> ICEInputResult {
        if gatherings.contains(where: { $0.transaction.transactionID == decoded.message.transactionID }) {
            return handleGatheringResponse(decoded, now: now)
        }
        guard let checkIndex = checks.firstIndex(where: { $0.transaction.transactionID == decoded.message.transactionID }) else {
            return .dropped(.unknownTransaction)
        }
        // RFC 8489 §9.1.4: a response that fails the integrity check is discarded; the transaction goes on.
        guard let remoteKey, decoded.isAuthentic(using: remoteKey) else { return .dropped(.badIntegrity) }
        let check = checks.remove(at: checkIndex)
        if !decoded.unknownComprehensionRequired.isEmpty {
            checkFailed(check, now: now)
            return .dropped(.unknownAttributes)
        }
        if check.isConsent {
            if decoded.message.type.messageClass == .successResponse, selectedPair?.id == check.pairID,
               source == check.destination, local == check.source {
                refreshConsent(now: now)
            }
            return .handled
        }
        guard let index = pairIndex(check.pairID) else { return .handled }
        if decoded.message.type.messageClass == .errorResponse {
            if decoded.message.errorCode == 487 {
                // RFC 8445 §7.2.5.1: switch role and retry, unless the role already changed.
                if check.role == role { switchRole() }
                if let again = pairIndex(check.pairID) {
                    pairs[again].isNominating = false
                    trigger(pairAt: again)
                }
            } else {
                checkFailed(check, now: now)
            }
            return .handled
        }
        // RFC 8445 §7.2.5.2.1: the addresses must be symmetric.
        guard source == check.destination, local == check.source else {
            checkFailed(check, now: now)
            return .handled
        }
        if let mapped = decoded.message.mappedAddress, !localCandidates.contains(where: { $0.address == mapped }) {
            // RFC 8445 §7.2.5.3.1: a new address seen by the peer is a local peer-reflexive candidate.
            let base = pairs[index].local
            localCandidates.append(ICECandidate(
                foundation: ICECandidate.foundation(kind: .peerReflexive, baseIP: base.base.ip, server: nil),
                priority: ICECandidate.priority(kind: .peerReflexive, localPreference: UInt16(truncatingIfNeeded: base.priority >> 8)),
                address: mapped, kind: .peerReflexive, base: base.base))
        }
        pairs[index].state = .succeeded
        if firstValidAt == nil { firstValidAt = now }
        // RFC 8445 §7.2.5.3.3: unfreeze the pairs sharing the foundation.
        let foundation = pairs[index].foundation
        for other in pairs.indices where pairs[other].state == .frozen && pairs[other].foundation == foundation {
            pairs[other].state = .waiting
        }
        if selectedPair?.id == pairs[index].id { refreshConsent(now: now) }
        if check.nominating || (role == .controlled && pairs[index].useCandidateReceived) {
            select(pairAt: index, now: now)
        }
        return .handled
    }
}
