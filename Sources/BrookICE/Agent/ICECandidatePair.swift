import BrookSansIO

/// A local and a remote candidate checked together (RFC 8445 §6.1.2).
public struct ICECandidatePair: Hashable, Sendable, CustomStringConvertible {
    /// The check states of RFC 8445 §6.1.2.6.
    public enum State: Hashable, Sendable {
        case frozen, waiting, inProgress, succeeded, failed
    }

    /// A number unique within one agent.
    public let id: Int
    /// The local candidate (its base is where checks and data leave from).
    public internal(set) var local: ICECandidate
    /// The remote candidate.
    public internal(set) var remote: ICECandidate
    /// The check state.
    public internal(set) var state: State = .frozen
    /// RFC 8445 §6.1.2.3 pair priority for the agent's current role.
    public internal(set) var priority: UInt64 = 0
    /// True once nominated (RFC 8445 §8.1.1).
    public internal(set) var isNominated = false

    /// Controlled side: the peer sent USE-CANDIDATE on this pair (RFC 8445 §7.3.1.5).
    var useCandidateReceived = false
    /// Controlling side: the next check on this pair carries USE-CANDIDATE.
    var isNominating = false

    init(id: Int, local: ICECandidate, remote: ICECandidate) {
        self.id = id
        self.local = local
        self.remote = remote
    }

    /// RFC 8445 §6.1.2.3: 2^32·min(G, D) + 2·max(G, D) + (G > D ? 1 : 0), G the controlling agent's priority.
    static func priority(controlling: UInt32, controlled: UInt32) -> UInt64 {
        let g = UInt64(controlling), d = UInt64(controlled)
        return (min(g, d) << 32) + 2 * max(g, d) + (g > d ? 1 : 0)
    }

    /// The pair's foundation: both candidates' foundations (RFC 8445 §6.1.2.6).
    var foundation: String { local.foundation + ":" + remote.foundation }

    /// Where this pair's packets leave from and go to.
    public var source: TransportAddress { local.base }
    public var destination: TransportAddress { remote.address }

    public var description: String { "\(local.base) -> \(remote.address) (\(local.kind.rawValue)/\(remote.kind.rawValue))" }
}
