import BrookCrypto
import BrookSansIO

/// Stateless HelloVerifyRequest cookies (RFC 6347 §4.2.1): cookie = HMAC-SHA-256(secret, peer
/// identity ‖ client_version ‖ random ‖ session_id), under a secret that rotates every `rotation`.
///
/// The MAC covers exactly the fields that precede the cookie in a ClientHello, so the first
/// fragment of a fragmented ClientHello (fragment_offset 0) is enough to check it: a server answers
/// or admits a browser's two-datagram ClientHello without buffering anything first. The random
/// binds the cookie to one hello (RFC 6347 §4.2.1 requires the second ClientHello to repeat it);
/// cipher_suites and the rest may lie beyond the first fragment and are left out on purpose, as the
/// cookie proves the address, not the offer.
///
/// A cookie made under the previous secret still verifies, so a rotation never breaks a handshake
/// in flight; older ones do not: a cookie lives at most two rotation periods.
struct CookieGenerator<Crypto: DTLSCryptoProvider>: Sendable {
    static var rotation: Duration { .seconds(60) }
    static var cookieLength: Int { 32 }

    private var current: [UInt8]
    private var previous: [UInt8]
    private var rotatedAt: Instant

    init(now: Instant, rng: inout some RandomNumberGenerator) {
        // Both secrets from one draw (one getrandom(2) call for a connection's server side).
        let secrets = Crypto.randomBytes(64, using: &rng)
        current = Array(secrets[0..<32])
        previous = Array(secrets[32...])
        rotatedAt = now
    }

    /// Moves to a fresh secret once `rotation` has passed since the last one. After two periods or
    /// more without a call, the previous secret is replaced too: it is older than any cookie may be.
    mutating func rotateIfDue(now: Instant, rng: inout some RandomNumberGenerator) {
        let elapsed = now - rotatedAt
        guard elapsed >= Self.rotation else { return }
        previous = elapsed >= Self.rotation * 2 ? Crypto.randomBytes(32, using: &rng) : current
        current = Crypto.randomBytes(32, using: &rng)
        rotatedAt = now
    }

    private static func mac(_ secret: [UInt8], peer: [UInt8], hello: ClientHelloPrefix) -> [UInt8] {
        var message: [UInt8] = []
        message.reserveCapacity(2 + peer.count + 35 + hello.sessionID.count)
        message.append(u16: UInt16(truncatingIfNeeded: peer.count))
        message += peer
        message.append(u16: hello.clientVersion)
        message += hello.random
        message.append(UInt8(truncatingIfNeeded: hello.sessionID.count))
        message += hello.sessionID
        return Crypto.authenticationCode(key: secret, message: message)
    }

    func cookie(peer: [UInt8], hello: ClientHelloPrefix) -> [UInt8] {
        Self.mac(current, peer: peer, hello: hello)
    }

    /// Whether `hello` carries a cookie made by this generator for `peer`, under the current or the
    /// previous secret. Each comparison is constant-time; the previous secret is only tried when the
    /// current one does not match, which tells a timing observer no more than when the client got
    /// its cookie (something it knows).
    func verify(peer: [UInt8], hello: ClientHelloPrefix) -> Bool {
        guard hello.cookie.count == Self.cookieLength else { return false }
        if ConstantTime.isEqual(Self.mac(current, peer: peer, hello: hello), hello.cookie) { return true }
        return ConstantTime.isEqual(Self.mac(previous, peer: peer, hello: hello), hello.cookie)
    }
}
