import BrookSansIO

/// An ICE candidate (RFC 8445 §5.1): a transport address with a type, a priority and a foundation.
public struct ICECandidate: Hashable, Sendable, CustomStringConvertible {
    /// The candidate types of RFC 8445 §5.1.1, with their SDP names (RFC 8839 §5.1).
    public enum Kind: String, Hashable, Sendable {
        case host
        case serverReflexive = "srflx"
        case peerReflexive = "prflx"
        case relayed = "relay"

        /// RFC 8445 §5.1.2.2 recommended type preferences.
        public var typePreference: UInt32 {
            switch self {
            case .host: return 126
            case .peerReflexive: return 110
            case .serverReflexive: return 100
            case .relayed: return 0
            }
        }
    }

    /// Equal for candidates of the same type, base IP and STUN server (RFC 8445 §5.1.1.3); `ice-char`s only.
    public var foundation: String
    /// The component (1 for RTP, or everything with rtcp-mux and BUNDLE).
    public var component: Int
    /// RFC 8445 §5.1.2 priority.
    public var priority: UInt32
    /// The transport address.
    public var address: TransportAddress
    /// The type.
    public var kind: Kind
    /// For reflexive and relayed candidates: the address it was derived from (SDP `raddr`/`rport`).
    public var relatedAddress: TransportAddress?
    /// For a local candidate, the address its packets leave from (RFC 8445 §5.1.1.1: the base); for a
    /// remote candidate, its address.
    public var base: TransportAddress

    public init(foundation: String, component: Int = 1, priority: UInt32, address: TransportAddress, kind: Kind,
                relatedAddress: TransportAddress? = nil, base: TransportAddress? = nil) {
        self.foundation = foundation
        self.component = component
        self.priority = priority
        self.address = address
        self.kind = kind
        self.relatedAddress = relatedAddress
        self.base = base ?? address
    }

    /// RFC 8445 §5.1.2.1: 2^24·type preference + 2^8·local preference + (256 − component).
    public static func priority(kind: Kind, localPreference: UInt16, component: Int = 1) -> UInt32 {
        kind.typePreference << 24 | UInt32(localPreference) << 8 | UInt32(256 - min(max(component, 1), 256))
    }

    /// A foundation for a candidate of `kind` on `baseIP` learned through `server` (RFC 8445 §5.1.1.3):
    /// a stable 32-bit FNV-1a hash of the three, in decimal.
    static func foundation(kind: Kind, baseIP: IPAddress, server: TransportAddress?) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in Array(kind.rawValue.utf8) + baseIP.bytes + (server.map { $0.ip.bytes + [UInt8($0.port >> 8), UInt8($0.port & 0xFF)] } ?? []) {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return String(hash)
    }

    public var description: String { sdpAttribute }
}
