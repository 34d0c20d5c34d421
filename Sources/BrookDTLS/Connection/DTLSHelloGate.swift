import BrookCrypto
import BrookSansIO

/// The stateless front door of a many-client server, with BrookCrypto underneath: the type most
/// callers use.
public typealias DTLSHelloGate = DTLSCookieGate<BrookCryptoProvider>

/// The front door of a server that serves many clients on one socket (RFC 6347 §4.2.1). It keeps
/// no per-client state at all: it answers a ClientHello without a valid cookie with a
/// HelloVerifyRequest, and admits an address only when a ClientHello's cookie verifies. Floods,
/// garbage and half-open handshakes from other addresses therefore cost no memory and cannot crowd
/// out a legitimate client.
///
/// Browsers send ClientHellos of about 1.4 KB fragmented over two datagrams (PEERS.md). The gate
/// needs only the first fragment (fragment_offset 0): it holds client_version, random, session_id
/// and cookie, which is all the cookie covers (see `CookieGenerator`). So a cookieless first
/// fragment gets its HelloVerifyRequest at once, later fragments from unknown addresses are
/// dropped, and a first fragment whose cookie verifies is admitted: the caller creates a server
/// connection for the address (cookie exchange off) and feeds it that datagram; the connection
/// reassembles the rest from the datagrams that follow. A later fragment that overtakes the first
/// is dropped and comes back with the client's retransmission (50 ms for browsers).
public struct DTLSCookieGate<Crypto: DTLSCryptoProvider>: Sendable {
    /// What to do with a datagram from an address that has no connection yet.
    public enum Decision: Sendable, Equatable {
        /// Create a server connection for this address with `DTLSConfiguration/cookieExchange` off,
        /// and feed it this datagram (returned unchanged): it carries the first fragment of a
        /// ClientHello whose cookie verified.
        case admit([UInt8])
        /// Send this HelloVerifyRequest back. It is never larger than the datagram it answers, so the
        /// gate cannot amplify a flood from spoofed addresses.
        case reply([UInt8])
        /// Nothing to do: garbage, or a later fragment of a ClientHello from an address not admitted.
        case drop
    }

    /// How often the cookie secret changes. A cookie verifies under the current and the previous
    /// secret, so it lives between one and two periods.
    public static var cookieRotation: Duration { CookieGenerator<Crypto>.rotation }

    private var cookies: CookieGenerator<Crypto>
    private var rng: any RandomNumberGenerator & Sendable

    /// - Parameter rng: randomness for the cookie secrets (the OS CSPRNG unless a test injects one).
    public init(now: Instant, rng: some RandomNumberGenerator & Sendable = SystemRandom()) {
        var generator = rng
        cookies = CookieGenerator(now: now, rng: &generator)
        self.rng = generator
    }

    /// Judges a datagram from `peerIdentity` (the remote address as bytes) by the first ClientHello
    /// fragment at offset 0 it carries.
    public mutating func judge(datagram: some Collection<UInt8>, peerIdentity: [UInt8], now: Instant) -> Decision {
        cookies.rotateIfDue(now: now, rng: &rng)
        let bytes = Array(datagram)
        guard let (record, fragment, prefix) = ClientHelloPrefix.first(in: bytes) else { return .drop }
        if cookies.verify(peer: peerIdentity, hello: prefix) { return .admit(bytes) }
        let reply = HelloVerifyRequest(cookie: cookies.cookie(peer: peerIdentity, hello: prefix))
            .datagram(messageSequence: fragment.messageSequence, recordSequence: record.sequenceNumber)
        return reply.count <= bytes.count ? .reply(reply) : .drop
    }
}
