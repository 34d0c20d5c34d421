import BrookCrypto
import BrookSansIO

/// Stateless HelloVerifyRequest cookies (RFC 6347 §4.2.1): cookie = HMAC-SHA256(secret, peer
/// identity ‖ ClientHello without its cookie), under a secret that rotates every `rotation`; cookies
/// made under the previous secret still verify, so a rotation never breaks a handshake in flight.
public struct DTLSCookieGenerator: Sendable {
    public static let rotation: Duration = .seconds(60)
    private var current: [UInt8]
    private var previous: [UInt8]
    private var rotatedAt: Instant

    public init(now: Instant, rng: inout some RandomNumberGenerator) {
        current = Self.secret(&rng)
        previous = Self.secret(&rng)
        rotatedAt = now
    }

    private static func secret(_ rng: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeMutableBytes { SystemRandom.fill($0, using: &rng) }
        return bytes
    }

    /// Moves to a fresh secret once `rotation` has passed since the last one.
    public mutating func rotateIfDue(now: Instant, rng: inout some RandomNumberGenerator) {
        guard now - rotatedAt >= Self.rotation else { return }
        previous = current
        current = Self.secret(&rng)
        rotatedAt = now
    }

    private static func mac(_ secret: [UInt8], peer: [UInt8], hello: [UInt8]) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: secret))
        var prefix: [UInt8] = []
        prefix.append(u16: UInt16(truncatingIfNeeded: peer.count))
        hmac.update(data: prefix)
        hmac.update(data: peer)
        hmac.update(data: hello)
        return Array(hmac.finalize())
    }

    func cookie(peer: [UInt8], hello: ClientHello) -> [UInt8] {
        Self.mac(current, peer: peer, hello: hello.cookieInput)
    }

    /// Whether `hello` carries a cookie made by this generator for `peer`. Compared in constant time.
    func verify(peer: [UInt8], hello: ClientHello) -> Bool {
        guard hello.cookie.count == 32 else { return false }
        let input = hello.cookieInput
        let now = ConstantTime.isEqual(Self.mac(current, peer: peer, hello: input), hello.cookie)
        let old = ConstantTime.isEqual(Self.mac(previous, peer: peer, hello: input), hello.cookie)
        return now || old
    }
}
