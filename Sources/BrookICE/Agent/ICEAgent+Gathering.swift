import BrookSansIO

/// Server-reflexive candidates (RFC 8445 §5.1.1.2): a Binding request from each host base to each
/// STUN server of its family; the XOR-MAPPED-ADDRESS of the answer is the candidate.
extension ICEAgent {
    mutating func startGathering(now: Instant) {
        for base in localCandidates where base.kind == .host {
            for server in configuration.stunServers where server.family == base.address.family {
                let id = STUNTransactionID(using: &random)
                let request = STUNMessage(type: .bindingRequest, transactionID: id)
                guard let bytes = try? request.encode() else { continue }
                gatherings.append(GatherTransaction(
                    base: base, server: server,
                    transaction: STUNClientTransaction(request: bytes, transactionID: id, now: now, timing: configuration.gatheringTiming)))
                send(bytes, from: base.base, to: server)
            }
        }
    }

    mutating func handleGatheringTimeouts(now: Instant) {
        guard !gatherings.isEmpty else { return }
        var index = 0
        while index < gatherings.count {
            switch gatherings[index].transaction.handleTimeout(now: now) {
            case .retransmit(let bytes):
                send(bytes, from: gatherings[index].base.base, to: gatherings[index].server)
                index += 1
            case .timedOut:
                gatherings.remove(at: index)
            case .wait:
                index += 1
            }
        }
        if gatherings.isEmpty { emit(.gatheringComplete) }
    }

    mutating func handleGatheringResponse(_ decoded: STUNDecodedMessage, now: Instant) -> ICEInputResult {
        guard let index = gatherings.firstIndex(where: { $0.transaction.transactionID == decoded.message.transactionID }) else {
            return .dropped(.unknownTransaction)
        }
        guard decoded.unknownComprehensionRequired.isEmpty else { return .dropped(.unknownAttributes) }
        let gathering = gatherings.remove(at: index)
        if decoded.message.type.messageClass == .successResponse, let mapped = decoded.message.mappedAddress,
           mapped.family == gathering.base.address.family,
           !localCandidates.contains(where: { $0.address == mapped }) {
            // RFC 8445 §5.1.3: a reflexive address equal to a host address is redundant and not added.
            let base = gathering.base
            let candidate = ICECandidate(
                foundation: ICECandidate.foundation(kind: .serverReflexive, baseIP: base.address.ip, server: gathering.server),
                priority: ICECandidate.priority(kind: .serverReflexive, localPreference: UInt16(truncatingIfNeeded: base.priority >> 8)),
                address: mapped, kind: .serverReflexive, relatedAddress: base.address, base: base.base)
            localCandidates.append(candidate)
            emit(.candidateGathered(candidate))
        }
        if gatherings.isEmpty { emit(.gatheringComplete) }
        return .handled
    }
}
