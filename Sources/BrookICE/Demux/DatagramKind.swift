/// What a datagram arriving on a WebRTC port carries, told by its first byte (RFC 7983 §7, as updated
/// by RFC 9443 §3), and RTP from RTCP by the second byte (RFC 5761 §4).
public enum DatagramKind: Hashable, Sendable {
    /// 0-3: STUN, for the ICE agent.
    case stun
    /// 16-19: ZRTP (never used by WebRTC; dropped).
    case zrtp
    /// 20-63: DTLS records.
    case dtls
    /// 64-79: TURN ChannelData.
    case turnChannel
    /// 128-191 with a payload type outside 192-223: SRTP.
    case rtp
    /// 128-191 with a payload type of 192-223: SRTCP.
    case rtcp
    /// Anything else, and empty datagrams: drop.
    case unknown

    /// Classifies `datagram` by its first two bytes.
    public init(classifying datagram: some Collection<UInt8>) {
        var iterator = datagram.makeIterator()
        guard let first = iterator.next() else { self = .unknown; return }
        switch first {
        case 0...3: self = .stun
        case 16...19: self = .zrtp
        case 20...63: self = .dtls
        case 64...79: self = .turnChannel
        case 128...191:
            guard let second = iterator.next() else { self = .unknown; return }
            // RFC 5761 §4: RTCP packet types 192-223 overlap RTP payload types 64-95 with the marker bit.
            self = (192...223).contains(second) ? .rtcp : .rtp
        default: self = .unknown
        }
    }
}
