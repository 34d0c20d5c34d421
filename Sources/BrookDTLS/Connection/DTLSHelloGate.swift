import BrookCrypto
import BrookSansIO

/// The front door of a server that serves many clients on one socket (RFC 6347 §4.2.1): it answers
/// ClientHellos without a valid cookie with a HelloVerifyRequest, statelessly, and admits only a
/// ClientHello whose cookie verifies. No connection exists before that, so floods, garbage and
/// half-open handshakes from other addresses cannot block a legitimate client.
///
/// Browsers send ClientHellos of about 1.4 KB fragmented over two datagrams (PEERS.md), so the gate
/// reassembles them in a small table with tight bounds: at most `maximumPartialHellos` addresses,
/// `maximumHelloLength` bytes each, forgotten after `partialHelloLifetime` or when a newer address
/// needs the room.
public struct DTLSHelloGate: Sendable {
    /// What to do with a datagram from an address that has no connection yet.
    public enum Decision: Sendable, Equatable {
        /// Create a server connection for this address (cookie exchange off) and feed it this
        /// datagram: the verified ClientHello, reassembled into one record.
        case admit([UInt8])
        /// Send this HelloVerifyRequest back.
        case reply([UInt8])
        /// Nothing to do (garbage, or part of a ClientHello still being reassembled).
        case drop
    }

    public static let maximumPartialHellos = 64
    public static let maximumHelloLength = 4096
    public static let partialHelloLifetime: Duration = .seconds(2)

    private struct PartialHello: Sendable {
        var reassembler: Reassembler
        var started: Instant
    }

    private var cookies: DTLSCookieGenerator
    private var rng: SystemRandom
    private var partials: [[UInt8]: PartialHello] = [:]

    /// Addresses with a ClientHello partly reassembled.
    public var partialHelloCount: Int { partials.count }

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
                guard let message = reassemble(piece, peer: peerIdentity, now: now),
                      let hello = try? ClientHello(body: message.body)
                else { continue }
                return decide(hello, body: message.body, sequence: message.sequence, recordSequence: header.sequenceNumber,
                              peer: peerIdentity)
            }
        }
        return .drop
    }

    /// The whole ClientHello once every fragment is in; a whole one passes straight through.
    private mutating func reassemble(_ piece: HandshakeFragment, peer: [UInt8], now: Instant) -> Reassembler.Message? {
        if piece.offset == 0 && piece.body.count == piece.length {
            partials[peer] = nil
            return Reassembler.Message(type: piece.type, sequence: piece.messageSequence, body: Array(piece.body))
        }
        guard piece.length <= Self.maximumHelloLength else { return nil }
        partials = partials.filter { now - $0.value.started < Self.partialHelloLifetime }
        if partials[peer] == nil, partials.count >= Self.maximumPartialHellos,
           let oldest = partials.min(by: { $0.value.started < $1.value.started })?.key {
            partials[oldest] = nil
        }
        var partial = partials[peer] ?? PartialHello(
            reassembler: Reassembler(maximumMessageLength: Self.maximumHelloLength, maximumBufferedBytes: Self.maximumHelloLength),
            started: now)
        if partial.reassembler.nextSequence != piece.messageSequence {
            partial.reassembler.reset(nextSequence: piece.messageSequence)
        }
        guard (try? partial.reassembler.add(piece)) != nil else {
            partials[peer] = nil
            return nil
        }
        if let message = partial.reassembler.next() {
            partials[peer] = nil
            return message
        }
        partials[peer] = partial
        return nil
    }

    private mutating func decide(_ hello: ClientHello, body: [UInt8], sequence: UInt16, recordSequence: UInt64,
                                 peer: [UInt8]) -> Decision {
        if cookies.verify(peer: peer, hello: hello) {
            return .admit(Self.record(type: .clientHello, body: body, sequence: sequence, recordSequence: recordSequence))
        }
        let verify = HelloVerifyRequest(cookie: cookies.cookie(peer: peer, hello: hello)).encode()
        // RFC 6347 §4.2.1: the HelloVerifyRequest echoes the ClientHello's message and record sequence numbers.
        return .reply(Self.record(type: .helloVerifyRequest, body: verify, sequence: sequence, recordSequence: recordSequence))
    }

    /// One epoch-0 record holding one unfragmented handshake message.
    private static func record(type: HandshakeType, body: [UInt8], sequence: UInt16, recordSequence: UInt64) -> [UInt8] {
        var plaintext: [UInt8] = []
        HandshakeFragment(type: type.rawValue, length: body.count, messageSequence: sequence, offset: 0, body: body[...])
            .encode(into: &plaintext)
        var datagram: [UInt8] = []
        RecordHeader(contentType: ContentType.handshake.rawValue, version: ProtocolVersion.dtls12, epoch: 0,
                     sequenceNumber: recordSequence, length: plaintext.count).encode(into: &datagram)
        return datagram + plaintext
    }
}
