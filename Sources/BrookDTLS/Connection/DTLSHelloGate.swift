import BrookCrypto
import BrookSansIO

/// The front door of a server that serves many clients on one socket (RFC 6347 §4.2.1): it answers
/// ClientHellos without a valid cookie with a HelloVerifyRequest, statelessly, and admits only a
/// ClientHello whose cookie verifies. Nothing about a client is kept before that, so floods,
/// garbage and half-open handshakes from other addresses cost no memory.
///
/// An admitted datagram goes to a new server `DTLSConnection` created with `cookieExchange` off.
/// The gate judges ClientHellos that arrive whole in one record; a ClientHello fragmented over
/// several datagrams (Chromium's DTLS 1.3 + 1.2 hello) needs per-client reassembly, so it is
/// dropped here: use a connection per address (its own stateless cookie logic reassembles) for those.
public struct DTLSHelloGate: Sendable {
    /// What to do with a datagram from an address that has no connection yet.
    public enum Decision: Sendable, Equatable {
        /// Create a server connection for this address (cookie exchange off) and feed it the datagram.
        case admit
        /// Send this HelloVerifyRequest back; keep nothing.
        case reply([UInt8])
        /// Ignore the datagram.
        case drop
    }

    private var cookies: DTLSCookieGenerator
    private var rng: SystemRandom

    public init(now: Instant) {
        var rng = SystemRandom()
        cookies = DTLSCookieGenerator(now: now, rng: &rng)
        self.rng = rng
    }

    /// Judges a datagram from `peerIdentity` (the remote address as bytes).
    public mutating func judge(datagram: some Collection<UInt8>, peerIdentity: [UInt8], now: Instant) -> Decision {
        cookies.rotateIfDue(now: now, rng: &rng)
        for (header, fragment) in RecordHeader.split(datagram: Array(datagram)[...])
        where header.contentType == ContentType.handshake.rawValue && header.epoch == 0 {
            guard let pieces = try? HandshakeFragment.parseAll(fragment) else { continue }
            for piece in pieces where piece.type == HandshakeType.clientHello.rawValue {
                guard piece.offset == 0, piece.body.count == piece.length,
                      let hello = try? ClientHello(body: piece.body)
                else { continue }
                if cookies.verify(peer: peerIdentity, hello: hello) { return .admit }
                let body = HelloVerifyRequest(cookie: cookies.cookie(peer: peerIdentity, hello: hello)).encode()
                var plaintext: [UInt8] = []
                HandshakeFragment(type: HandshakeType.helloVerifyRequest.rawValue, length: body.count,
                                  messageSequence: piece.messageSequence, offset: 0, body: body[...])
                    .encode(into: &plaintext)
                // RFC 6347 §4.2.1: the HelloVerifyRequest echoes the ClientHello's record sequence number.
                var reply: [UInt8] = []
                RecordHeader(contentType: ContentType.handshake.rawValue, version: ProtocolVersion.dtls12, epoch: 0,
                             sequenceNumber: header.sequenceNumber, length: plaintext.count).encode(into: &reply)
                return .reply(reply + plaintext)
            }
        }
        return .drop
    }
}
