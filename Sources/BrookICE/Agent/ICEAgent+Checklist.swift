import BrookSansIO

/// The checklist: forming and ordering pairs, pacing checks by Ta, triggered checks (RFC 8445 §6.1.2-§6.1.4).
extension ICEAgent {
    /// Pairs `remote` with every host candidate of its family (RFC 8445 §6.1.2.2; reflexive local
    /// candidates are replaced by their bases and pruned, §6.1.2.4).
    mutating func formPairs(remote: ICECandidate) {
        for local in localCandidates where local.kind == .host && local.address.family == remote.address.family {
            _ = addPair(local: local, remote: remote)
        }
    }

    /// Adds a pair (or finds the existing one with the same base and remote address); nil at the limit.
    mutating func addPair(local: ICECandidate, remote: ICECandidate) -> Int? {
        if let index = pairs.firstIndex(where: { $0.local.base == local.base && $0.remote.address == remote.address }) {
            return index
        }
        guard pairs.count < Self.maximumPairs else { return nil }
        var pair = ICECandidatePair(id: nextPairID, local: local, remote: remote)
        nextPairID += 1
        pair.priority = pairPriority(local: local, remote: remote)
        pairs.append(pair)
        sortPairs()
        return pairs.firstIndex { $0.id == pair.id }
    }

    func pairPriority(local: ICECandidate, remote: ICECandidate) -> UInt64 {
        role == .controlling
            ? ICECandidatePair.priority(controlling: local.priority, controlled: remote.priority)
            : ICECandidatePair.priority(controlling: remote.priority, controlled: local.priority)
    }

    mutating func sortPairs() {
        pairs.sort { $0.priority != $1.priority ? $0.priority > $1.priority : $0.id < $1.id }
    }

    func pairIndex(_ id: Int) -> Int? { pairs.firstIndex { $0.id == id } }

    /// Switches the role after a conflict (RFC 8445 §7.3.1.1, §7.2.5.1) and recomputes pair priorities.
    mutating func switchRole() {
        role = role == .controlling ? .controlled : .controlling
        for index in pairs.indices { pairs[index].priority = pairPriority(local: pairs[index].local, remote: pairs[index].remote) }
        sortPairs()
        emit(.roleChanged(role))
    }

    /// True while no pair of the current ICE generation is selected: ordinary checks and nomination go on.
    var needsNomination: Bool { selectedPair == nil || selectionPredatesRestart }

    /// True when a paced check may be due: credentials known, and triggered or ordinary checks left.
    var hasCheckWork: Bool {
        guard remoteKey != nil, !configuration.isLite, state != .failed, state != .closed else { return false }
        if !triggered.isEmpty { return true }
        guard needsNomination else { return false }
        if pairs.contains(where: { $0.state == .waiting }) { return true }
        // A frozen pair can only be unfrozen when no pair of its foundation is being checked (§6.1.4.2).
        let active = Set(pairs.filter { $0.state == .inProgress }.map(\.foundation))
        return pairs.contains { $0.state == .frozen && !active.contains($0.foundation) }
    }

    /// Queues a triggered check on a pair (RFC 8445 §7.3.1.4). A check already in progress on it is
    /// cancelled: the new one replaces it, while a late answer to the old one still counts.
    mutating func trigger(pairAt index: Int) {
        let id = pairs[index].id
        if pairs[index].state == .inProgress {
            for check in checks.indices where checks[check].pairID == id && !checks[check].isConsent { checks[check].isCancelled = true }
        }
        if pairs[index].state != .succeeded { pairs[index].state = .waiting }
        if !triggered.contains(id) { triggered.append(id) }
    }

    /// Sends the next check if one is due (RFC 8445 §6.1.4.2): the triggered queue first, then the
    /// highest-priority Waiting pair, unfreezing one pair per foundation when none waits. True if sent.
    mutating func sendNextCheck(now: Instant) -> Bool {
        guard remoteKey != nil, !configuration.isLite else { return false }
        while !triggered.isEmpty {
            let id = triggered.removeFirst()
            guard let index = pairIndex(id) else { continue }
            if checks.contains(where: { $0.pairID == id && !$0.isConsent && !$0.isCancelled && $0.nominating == pairs[index].isNominating }) { continue }
            startCheck(pairAt: index, now: now)
            return true
        }
        guard needsNomination else { return false }
        if let index = pairs.firstIndex(where: { $0.state == .waiting }) {
            startCheck(pairAt: index, now: now)
            return true
        }
        var active = Set(pairs.filter { $0.state == .waiting || $0.state == .inProgress }.map(\.foundation))
        for index in pairs.indices where pairs[index].state == .frozen && !active.contains(pairs[index].foundation) {
            pairs[index].state = .waiting
            active.insert(pairs[index].foundation)
        }
        if let index = pairs.firstIndex(where: { $0.state == .waiting }) {
            startCheck(pairAt: index, now: now)
            return true
        }
        return false
    }

    /// Sends a Binding request on a pair (RFC 8445 §7.2.2).
    mutating func startCheck(pairAt index: Int, now: Instant, consent: Bool = false) {
        let pair = pairs[index]
        let nominating = !consent && pair.isNominating && role == .controlling
        guard let request = checkRequest(local: pair.local, nominating: nominating) else { return }
        if pair.state != .succeeded { pairs[index].state = .inProgress }
        let timing = consent ? consentTiming : configuration.checkTiming
        checks.append(CheckTransaction(
            pairID: pair.id, transaction: STUNClientTransaction(request: request.bytes, transactionID: request.id, now: now, timing: timing),
            nominating: nominating, isConsent: consent, role: role, source: pair.source, destination: pair.destination))
        send(request.bytes, from: pair.source, to: pair.destination)
        if state == .new { setState(.checking) }
    }

    /// The check request: USERNAME, PRIORITY, the role attribute, USE-CANDIDATE when nominating,
    /// MESSAGE-INTEGRITY with the peer's password, FINGERPRINT (RFC 8445 §7.1).
    mutating func checkRequest(local: ICECandidate, nominating: Bool) -> (bytes: [UInt8], id: STUNTransactionID)? {
        guard let remoteCredentials, let remoteKey else { return nil }
        let id = STUNTransactionID(using: &random)
        let preference = UInt16(truncatingIfNeeded: local.priority >> 8)
        var attributes: [STUNAttribute] = [
            .username(remoteCredentials.usernameFragment + ":" + localCredentials.usernameFragment),
            .priority(ICECandidate.priority(kind: .peerReflexive, localPreference: preference, component: local.component)),
            role == .controlling ? .iceControlling(tieBreaker: tieBreaker) : .iceControlled(tieBreaker: tieBreaker),
        ]
        if nominating { attributes.append(.useCandidate) }
        let message = STUNMessage(type: .bindingRequest, transactionID: id, attributes: attributes)
        guard let bytes = try? message.encode(integrity: remoteKey) else { return nil }
        return (bytes, id)
    }

    /// Consent checks: a short transaction, so a lost one is noticed before the next is due.
    var consentTiming: STUNClientTransaction.Timing {
        STUNClientTransaction.Timing(rto: .milliseconds(500), maximumTransmissions: 3, finalWaitMultiplier: 4)
    }

    /// Controlling agent, regular nomination (RFC 8445 §8.1.1): once the best valid pair cannot be beaten
    /// by a pair still being checked, or `nominationDelay` after the first valid pair, check it again with
    /// USE-CANDIDATE.
    mutating func nominateIfReady(now: Instant) {
        guard role == .controlling, !configuration.isLite, needsNomination, let firstValidAt else { return }
        guard !pairs.contains(where: \.isNominating) else { return }
        guard let best = pairs.firstIndex(where: { $0.state == .succeeded }) else { return }
        let betterPending = pairs[..<best].contains { $0.state != .failed }
        guard !betterPending || now >= firstValidAt + configuration.nominationDelay else { return }
        pairs[best].isNominating = true
        triggered.insert(pairs[best].id, at: 0)
    }

    /// The earliest instant at which `handleTimeout` has work.
    var nextDeadline: Instant? {
        guard state != .closed else { return nil }
        var deadline: Instant?
        func consider(_ instant: Instant) { deadline = min(deadline ?? instant, instant) }
        for check in checks { consider(check.transaction.deadline) }
        for gathering in gatherings { consider(gathering.transaction.deadline) }
        if hasCheckWork { consider(nextCheckTime) }
        if role == .controlling, !configuration.isLite, needsNomination, let firstValidAt,
           !pairs.contains(where: \.isNominating), pairs.contains(where: { $0.state == .succeeded }) {
            consider(firstValidAt + configuration.nominationDelay)
        }
        if let consent = consentDeadline { consider(consent) }
        return deadline
    }

    /// Advances every timer to `now`: retransmissions, gathering, consent, nomination and pacing.
    public mutating func handleTimeout(now: Instant) {
        timeoutReported = false
        guard state != .closed else { return }
        var index = 0
        while index < checks.count {
            switch checks[index].transaction.handleTimeout(now: now) {
            case .retransmit(let bytes):
                if !checks[index].isCancelled { send(bytes, from: checks[index].source, to: checks[index].destination) }
                index += 1
            case .timedOut:
                let check = checks.remove(at: index)
                if !check.isCancelled { checkFailed(check, now: now) }
            case .wait:
                index += 1
            }
        }
        handleGatheringTimeouts(now: now)
        handleConsentTimers(now: now)
        nominateIfReady(now: now)
        if now >= nextCheckTime {
            // One check per Ta; with nothing to send, look again one Ta later rather than at once.
            _ = sendNextCheck(now: now)
            nextCheckTime = now + configuration.pacing
        }
        updateState(now: now)
    }

    /// A check got no answer or an error: its pair fails (RFC 8445 §7.2.5.2-§7.2.5.4).
    mutating func checkFailed(_ check: CheckTransaction, now: Instant) {
        if check.isConsent { return }
        guard let index = pairIndex(check.pairID) else { return }
        if pairs[index].state != .succeeded || check.nominating { pairs[index].state = .failed }
        pairs[index].isNominating = false
    }

    /// Recomputes the connection state from the checklist and consent.
    mutating func updateState(now: Instant) {
        guard state != .closed else { return }
        if consentExpired { setState(.failed); return }
        if selectedPair != nil {
            if state == .disconnected { return }
            let checking = checks.contains { !$0.isConsent } || !triggered.isEmpty
            setState((remoteEndOfCandidates || configuration.isLite) && !checking ? .completed : .connected)
            return
        }
        let allFailed = !pairs.isEmpty && pairs.allSatisfy { $0.state == .failed }
        if allFailed && remoteEndOfCandidates && checks.isEmpty && gatherings.isEmpty && triggered.isEmpty {
            setState(.failed)
        } else if state == .new && (!pairs.isEmpty && remoteKey != nil) {
            setState(.checking)
        }
    }

    /// Makes `pair` the selected pair (RFC 8445 §8.1.1 controlling, §8.1.2 / §7.3.1.5 controlled).
    mutating func select(pairAt index: Int, now: Instant) {
        selectionPredatesRestart = false
        pairs[index].isNominated = true
        pairs[index].isNominating = false
        guard selectedPair?.id != pairs[index].id else { return }
        selectedPair = pairs[index]
        emit(.selectedPairChanged(pairs[index]))
        lastConsent = now
        nextConsentCheck = now + jitteredConsentInterval()
        updateState(now: now)
    }
}
