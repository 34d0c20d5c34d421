import BrookICE
import BrookSansIO

/// The fixed ICE agent of the stun target: known credentials on both sides (so seeds can carry
/// requests signed with the agent's password, `Fuzz/make_corpus.py`), two host addresses, one
/// signaled remote candidate, seeded randomness.
public enum ICEFuzzFixture {
    public static let localCredentials = ICECredentials(usernameFragment: "fuzz", password: "fuzzpasswordfuzzpassword")
    public static let remoteCredentials = ICECredentials(usernameFragment: "peer", password: "peerpasswordpeerpassword")
    /// RFC 5769's short-term password (its sample messages are among the seeds).
    static let rfc5769Password = Array("VOkJxbRl1RmTxUk/WvJxBt".utf8)
    static let knownPasswords = [Array(localCredentials.password.utf8), Array(remoteCredentials.password.utf8), rfc5769Password]
    static let localKey = STUNIntegrityKey(shortTermPassword: localCredentials.password)
    static let remoteKey = STUNIntegrityKey(shortTermPassword: remoteCredentials.password)

    public static let hostAddresses = [TransportAddress("10.0.0.1:5000")!, TransportAddress("[fd00::1]:5000")!]
    public static let remoteCandidate = ICECandidate(
        foundation: "1", priority: ICECandidate.priority(kind: .host, localPreference: 65535),
        address: TransportAddress("10.0.0.2:6000")!, kind: .host)
    public static let stunServer = TransportAddress("198.51.100.1:3478")!
    static let seed: UInt64 = 0x1CE_F022

    /// Where a datagram comes from, by bits 0-1 of its selector byte: the signaled remote candidate,
    /// an unknown IPv4 address, an IPv6 one, the remote host on another port; bit 3 replaces the
    /// source by the STUN server. Bit 2 delivers it to a local address that is no host candidate.
    static let sources = [TransportAddress("10.0.0.2:6000")!, TransportAddress("203.0.113.9:7000")!,
                          TransportAddress("[fd00::2]:6000")!, TransportAddress("10.0.0.2:6001")!]

    /// The (source, local) addresses a selector byte picks.
    public static func addresses(_ selector: UInt8) -> (source: TransportAddress, local: TransportAddress) {
        let source = selector & 8 != 0 ? stunServer : sources[Int(selector & 3)]
        var local = hostAddresses[source.family == .ipv4 ? 0 : 1]
        if selector & 4 != 0 { local.port = 5001 }
        return (source, local)
    }

    /// The selector byte for `source` arriving at the host address of its family.
    public static func selector(for source: TransportAddress) -> UInt8? {
        if source == stunServer { return 8 }
        return sources.firstIndex(of: source).map { UInt8($0) }
    }

    /// The agent for a mode byte: bits 0-1 controlling, controlled, lite, controlled; bit 2 a STUN server.
    public static func agent(mode: UInt8) -> ICEAgent {
        let lite = mode & 3 == 2
        var configuration = ICEConfiguration(role: mode & 3 == 0 ? .controlling : .controlled, isLite: lite,
                                             hostAddresses: hostAddresses,
                                             stunServers: mode & 4 != 0 && !lite ? [stunServer] : [],
                                             credentials: localCredentials)
        configuration.software = nil
        var agent = ICEAgent(configuration: configuration, now: .zero, rng: FuzzRandom(seed: seed))
        agent.setRemoteCredentials(remoteCredentials, now: .zero)
        agent.addRemoteCandidate(remoteCandidate, now: .zero)
        return agent
    }
}
