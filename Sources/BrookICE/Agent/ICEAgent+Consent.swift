import BrookSansIO

/// Consent freshness (RFC 7675): the selected pair is checked every 5 s on average; without an answer
/// for `disconnectedTimeout` the state is disconnected, for `consentTimeout` (30 s) failed. A lite agent
/// sends no checks and instead watches the peer's (its authenticated requests refresh consent).
extension ICEAgent {
    /// True when consent timers run: a pair is selected, credentials are current, consent is not lost.
    var consentActive: Bool {
        selectedPair != nil && !consentExpired && !awaitingRestartCredentials && state != .closed
    }

    /// The next consent instant: a check to send, or the disconnected / failed limit.
    var consentDeadline: Instant? {
        guard consentActive else { return nil }
        var deadline = lastConsent + configuration.consentTimeout
        if state != .disconnected { deadline = min(deadline, lastConsent + configuration.disconnectedTimeout) }
        if !configuration.isLite && remoteKey != nil && !checks.contains(where: \.isConsent) {
            deadline = min(deadline, nextConsentCheck)
        }
        return deadline
    }

    /// RFC 7675 §5.1: the interval is randomised over 0.8-1.2 of the nominal one.
    mutating func jitteredConsentInterval() -> Duration {
        let nominal = configuration.consentInterval.nanosecondsClamped
        let factor = 800 + Int64(random.next() % 401)
        return .nanoseconds(nominal / 1000 * factor)
    }

    mutating func refreshConsent(now: Instant) {
        lastConsent = now
        guard state == .disconnected else { return }
        let checking = checks.contains { !$0.isConsent } || !triggered.isEmpty
        setState((remoteEndOfCandidates || configuration.isLite) && !checking ? .completed : .connected)
    }

    mutating func handleConsentTimers(now: Instant) {
        guard consentActive, let pair = selectedPair else { return }
        if now >= lastConsent + configuration.consentTimeout {
            consentExpired = true
            checks.removeAll { $0.isConsent }
            setState(.failed)
            return
        }
        if now >= lastConsent + configuration.disconnectedTimeout { setState(.disconnected) }
        guard !configuration.isLite, remoteKey != nil, now >= nextConsentCheck, !checks.contains(where: \.isConsent) else { return }
        nextConsentCheck = now + jitteredConsentInterval()
        if let index = pairIndex(pair.id) {
            startCheck(pairAt: index, now: now, consent: true)
        } else {
            // After a restart the selected pair is no longer in the checklist: check it directly.
            guard let request = checkRequest(local: pair.local, nominating: false) else { return }
            checks.append(CheckTransaction(
                pairID: pair.id, transaction: STUNClientTransaction(request: request.bytes, transactionID: request.id, now: now, timing: consentTiming),
                nominating: false, isConsent: true, role: role, source: pair.source, destination: pair.destination))
            send(request.bytes, from: pair.source, to: pair.destination)
        }
    }
}
