import BrookSansIO

/// The role of an agent (RFC 8445 §6.1.1).
public enum ICERole: Hashable, Sendable {
    case controlling, controlled
}

/// A username fragment and password (RFC 8445 §5.3; SDP `ice-ufrag`/`ice-pwd`, RFC 8839 §5.4).
public struct ICECredentials: Hashable, Sendable {
    /// At least 4 `ice-char`s.
    public var usernameFragment: String
    /// At least 22 `ice-char`s.
    public var password: String

    public init(usernameFragment: String, password: String) {
        self.usernameFragment = usernameFragment
        self.password = password
    }

    /// Fresh random credentials: 8 and 24 `ice-char`s (48 and 144 random bits).
    public init(using rng: inout some RandomNumberGenerator) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        func random(_ count: Int) -> String {
            String(decoding: (0..<count).map { _ in alphabet[Int(rng.next() & 63)] }, as: UTF8.self)
        }
        usernameFragment = random(8)
        password = random(24)
    }
}

/// How an agent behaves: its role and mode, its addresses and servers, and its timers.
public struct ICEConfiguration: Sendable {
    /// The initial role (RFC 8445 §6.1.1); a role conflict may change it (§7.3.1.1).
    public var role: ICERole
    /// ICE-lite (RFC 8445 §2.5): host candidates only, no checks of its own, always controlled.
    public var isLite: Bool
    /// The local addresses the caller has sockets on: each becomes a host candidate.
    public var hostAddresses: [TransportAddress]
    /// STUN servers for server-reflexive candidates (RFC 8445 §5.1.1.2).
    public var stunServers: [TransportAddress]
    /// The local credentials; nil draws fresh ones from the agent's random source.
    public var credentials: ICECredentials?
    /// Ta, the pacing of checks (RFC 8445 §14.2; 50 ms).
    public var pacing: Duration = .milliseconds(50)
    /// Retransmissions of connectivity checks (RFC 8445 §14.3: RTO ≥ 500 ms).
    public var checkTiming = STUNClientTransaction.Timing(rto: .milliseconds(500), maximumTransmissions: 7, finalWaitMultiplier: 16)
    /// Retransmissions of server-reflexive discovery requests.
    public var gatheringTiming = STUNClientTransaction.Timing(rto: .milliseconds(500), maximumTransmissions: 4, finalWaitMultiplier: 4)
    /// Controlling agent: how long after the first valid pair it waits for better pairs before nominating.
    public var nominationDelay: Duration = .milliseconds(500)
    /// RFC 7675 §5.1: consent checks every 5 s on average (randomised ±20 %).
    public var consentInterval: Duration = .seconds(5)
    /// Without consent for this long the state becomes disconnected.
    public var disconnectedTimeout: Duration = .seconds(10)
    /// RFC 7675 §5.1: consent expires 30 s after it was last confirmed; the state becomes failed.
    public var consentTimeout: Duration = .seconds(30)
    /// SOFTWARE sent in responses (RFC 8489 §14.14); nil sends none.
    public var software: String? = nil

    public init(role: ICERole, isLite: Bool = false, hostAddresses: [TransportAddress],
                stunServers: [TransportAddress] = [], credentials: ICECredentials? = nil) {
        self.role = isLite ? .controlled : role
        self.isLite = isLite
        self.hostAddresses = hostAddresses
        self.stunServers = stunServers
        self.credentials = credentials
    }
}
