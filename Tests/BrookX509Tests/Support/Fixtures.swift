import BrookCrypto
@testable import BrookX509
import BrookTestSupport

/// Deterministic certificates for tests that need one without running OpenSSL.
enum Fixtures {
    /// 2026-11-24T09:37:05Z, 2026-12-25T09:37:05Z: libwebrtc's shape (a day back, a month ahead).
    static let notBefore = try! UTCDateTime(year: 2026, month: 11, day: 24, hour: 9, minute: 37, second: 5)
    static let notAfter = try! UTCDateTime(year: 2026, month: 12, day: 25, hour: 9, minute: 37, second: 5)

    /// A key and self-signed certificate drawn from `seed`.
    static func selfSigned(seed: UInt64, commonName: String = "WebRTC",
                           notBefore: UTCDateTime = notBefore, notAfter: UTCDateTime = notAfter)
        throws -> (key: P256.Signing.PrivateKey, certificate: Certificate)
    {
        var rng = SeededGenerator(seed: seed)
        let key = P256.Signing.PrivateKey(using: &rng)
        let certificate = try Certificate.selfSigned(privateKey: key, commonName: commonName,
                                                     notBefore: notBefore, notAfter: notAfter, using: &rng)
        return (key, certificate)
    }
}
