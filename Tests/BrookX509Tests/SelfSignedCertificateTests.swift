import BrookCrypto
import Foundation
import Testing
@testable import BrookX509
import BrookTestSupport

/// Certificates Brook generates, read back by Brook and checked by OpenSSL.
@Suite("Self-signed certificates")
struct SelfSignedCertificateTests {
    @Test("Fields read back as generated; the signature verifies; DER and PEM round-trip")
    func roundTrip() throws {
        let (key, certificate) = try Fixtures.selfSigned(seed: 1)
        #expect(certificate.version == .v3)
        #expect(certificate.signatureAlgorithm == .ecdsaWithSHA256)
        #expect(certificate.subjectCommonName == "WebRTC")
        #expect(certificate.isSelfIssued)
        #expect(certificate.notBefore == Fixtures.notBefore)
        #expect(certificate.notAfter == Fixtures.notAfter)
        #expect(certificate.extensions.isEmpty)
        #expect(certificate.serialNumber.count == 16)
        #expect(certificate.serialNumber[0] & 0xC0 == 0x40)
        guard case .p256(let publicKey) = certificate.publicKey else {
            Issue.record("expected a P-256 key")
            return
        }
        #expect(publicKey.rawRepresentation == key.publicKey.rawRepresentation)
        #expect(certificate.publicKey == .p256(key.publicKey))
        #expect(certificate.publicKey != .p256(P256.Signing.PrivateKey().publicKey))
        #expect(certificate.publicKey != .unsupported(algorithm: "1.2.840.10045.2.1", namedCurve: "1.2.840.10045.3.1.7"))
        #expect(certificate.verifySelfSignature())

        let parsed = try Certificate(derEncoded: certificate.derEncoded)
        #expect(parsed == certificate)
        #expect(parsed.tbsCertificate == certificate.tbsCertificate)
        #expect(parsed.signature == certificate.signature)
        #expect(parsed.serialNumber == certificate.serialNumber)
        #expect(parsed.subjectPublicKeyInfo == certificate.subjectPublicKeyInfo)
        #expect(parsed.issuer == certificate.issuer)
        #expect(parsed.verifySelfSignature())
        #expect(try Certificate(pemEncoded: certificate.pemEncoded) == certificate)
    }

    @Test("The WebRTC shape: CN WebRTC, a day back to 30 days ahead of the given time")
    func webRTCShape() throws {
        let now = try UTCDateTime(year: 2026, month: 3, day: 1, hour: 12, minute: 0, second: 0)
        var rng = SeededGenerator(seed: 5)
        let certificate = try Certificate.webRTC(privateKey: P256.Signing.PrivateKey(using: &rng), now: now, using: &rng)
        #expect(certificate.subjectCommonName == "WebRTC")
        #expect(certificate.notBefore.description == "2026-02-28T12:00:00Z")
        #expect(certificate.notAfter.description == "2026-03-31T12:00:00Z")
        #expect(certificate.isValid(at: now))
        #expect(certificate.verifySelfSignature())
        #expect(certificate.description.hasPrefix("Certificate(CN=WebRTC, serial "))
        #expect(certificate.description.hasSuffix(", 2026-02-28T12:00:00Z – 2026-03-31T12:00:00Z, ecdsa-with-SHA256)"))
        let systemRandom = try Certificate.webRTC(privateKey: P256.Signing.PrivateKey(), now: now)
        #expect(systemRandom.verifySelfSignature())
    }

    @Test("Validity is inclusive at both ends")
    func validityWindow() throws {
        let (_, certificate) = try Fixtures.selfSigned(seed: 2)
        #expect(certificate.isValid(at: Fixtures.notBefore))
        #expect(certificate.isValid(at: Fixtures.notAfter))
        #expect(!certificate.isValid(at: try Fixtures.notBefore.adding(seconds: -1)))
        #expect(!certificate.isValid(at: try Fixtures.notAfter.adding(seconds: 1)))
    }

    @Test("Serial numbers differ between certificates; the system-RNG form works")
    func serialsAreRandom() throws {
        let key = P256.Signing.PrivateKey()
        let serials = try (0..<20).map { _ in
            try Certificate.selfSigned(privateKey: key, commonName: "WebRTC",
                                       notBefore: Fixtures.notBefore, notAfter: Fixtures.notAfter).serialNumber
        }
        #expect(Set(serials).count == serials.count)
    }

    @Test("Bad common names and inverted validity are rejected")
    func rejectsBadParameters() throws {
        let key = P256.Signing.PrivateKey()
        let make = { (name: String, from: UTCDateTime, to: UTCDateTime) throws(X509Error) in
            _ = try Certificate.selfSigned(privateKey: key, commonName: name, notBefore: from, notAfter: to)
        }
        #expect(throws: X509Error.invalidCommonName) { try make("", Fixtures.notBefore, Fixtures.notAfter) }
        #expect(throws: X509Error.invalidCommonName) {
            try make(String(repeating: "x", count: 65), Fixtures.notBefore, Fixtures.notAfter)
        }
        #expect(throws: X509Error.invalidTime) { try make("WebRTC", Fixtures.notAfter, Fixtures.notBefore) }
        try make(String(repeating: "x", count: 64), Fixtures.notBefore, Fixtures.notBefore)
    }

    @Test("OpenSSL prints the algorithm, names, key and validity we set")
    func openSSLText() throws {
        let (_, certificate) = try Fixtures.selfSigned(seed: 3)
        let directory = try TemporaryDirectory()
        let path = try directory.write("cert.der", certificate.derEncoded)
        let text = try OpenSSL.text(["x509", "-inform", "DER", "-in", path, "-text", "-noout"])
        #expect(text.contains("Version: 3 (0x2)"))
        #expect(text.contains("Signature Algorithm: ecdsa-with-SHA256"))
        #expect(text.contains("Issuer: CN = WebRTC"))
        #expect(text.contains("Subject: CN = WebRTC"))
        #expect(text.contains("Not Before: Nov 24 09:37:05 2026 GMT"))
        #expect(text.contains("Not After : Dec 25 09:37:05 2026 GMT"))
        #expect(text.contains("ASN1 OID: prime256v1"))
        let dates = try OpenSSL.text(["x509", "-inform", "DER", "-in", path, "-noout", "-dateopt", "iso_8601", "-dates"])
        #expect(dates == "notBefore=2026-11-24 09:37:05Z\nnotAfter=2026-12-25 09:37:05Z\n")
        let publicKey = try OpenSSL.text(["x509", "-inform", "DER", "-in", path, "-noout", "-pubkey"])
        guard case .p256(let key) = certificate.publicKey else {
            Issue.record("expected a P-256 key")
            return
        }
        #expect(publicKey == key.pemRepresentation)
        let serial = try OpenSSL.text(["x509", "-inform", "DER", "-in", path, "-noout", "-serial"])
        #expect(serial == "serial=" + certificate.serialNumber.map { String(format: "%02X", $0) }.joined() + "\n")
    }

    @Test("The same key, names, times and random stream give the same certificate")
    func deterministicWithSeededRandom() throws {
        let first = try Fixtures.selfSigned(seed: 6).certificate
        #expect(try Fixtures.selfSigned(seed: 6).certificate.derEncoded == first.derEncoded)
        #expect(try Fixtures.selfSigned(seed: 7).certificate.derEncoded != first.derEncoded)
        // CRLF line endings are read as well.
        let crlf = first.pemEncoded.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Certificate(pemEncoded: crlf) == first)
    }

    @Test("Times outside 1950–2049 are GeneralizedTime and OpenSSL reads them")
    func generalizedTimes() throws {
        let from = try UTCDateTime(year: 1949, month: 12, day: 31, hour: 23, minute: 59, second: 59)
        let to = try UTCDateTime(year: 2050, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        let (_, certificate) = try Fixtures.selfSigned(seed: 4, notBefore: from, notAfter: to)
        #expect(try Certificate(derEncoded: certificate.derEncoded).notBefore == from)
        #expect(try Certificate(derEncoded: certificate.derEncoded).notAfter == to)
        let directory = try TemporaryDirectory()
        let path = try directory.write("cert.der", certificate.derEncoded)
        let dates = try OpenSSL.text(["x509", "-inform", "DER", "-in", path, "-noout", "-dateopt", "iso_8601", "-dates"])
        #expect(dates == "notBefore=1949-12-31 23:59:59Z\nnotAfter=2050-01-01 00:00:00Z\n")
        let asn1 = try OpenSSL.text(["asn1parse", "-inform", "DER", "-in", path])
        #expect(asn1.contains("GENERALIZEDTIME   :19491231235959Z"))
        #expect(asn1.contains("GENERALIZEDTIME   :20500101000000Z"))
    }

    @Test("openssl verify accepts our certificates as self-signed trust anchors")
    func openSSLVerify() throws {
        let directory = try TemporaryDirectory()
        for seed in UInt64(10)..<UInt64(16) {
            let (_, certificate) = try Fixtures.selfSigned(seed: seed, commonName: "brook-\(seed)")
            let path = try directory.write("cert\(seed).pem", certificate.pemEncoded)
            let output = try OpenSSL.text(["verify", "-no_check_time", "-CAfile", path, path])
            #expect(output == "\(path): OK\n")
        }
        // And with OpenSSL checking the validity against its own clock.
        let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let current = try Certificate.webRTC(privateKey: P256.Signing.PrivateKey(), now: now)
        let path = try directory.write("current.pem", current.pemEncoded)
        #expect(try OpenSSL.text(["verify", "-CAfile", path, path]) == "\(path): OK\n")
        // An expired one is refused.
        let expired = try Certificate.webRTC(privateKey: P256.Signing.PrivateKey(), now: try now.adding(seconds: -90 * 86_400))
        let expiredPath = try directory.write("expired.pem", expired.pemEncoded)
        #expect(throws: OpenSSL.Failure.self) { try OpenSSL.text(["verify", "-CAfile", expiredPath, expiredPath]) }
    }

    @Test("OpenSSL reads our PEM to the same DER, and a non-ASCII common name survives")
    func openSSLPEMAndUTF8Name() throws {
        let (_, certificate) = try Fixtures.selfSigned(seed: 20, commonName: "Brook ✓ café")
        #expect(certificate.subjectCommonName == "Brook ✓ café")
        let directory = try TemporaryDirectory()
        let path = try directory.write("cert.pem", certificate.pemEncoded)
        #expect(try OpenSSL.run(["x509", "-in", path, "-outform", "DER"]) == certificate.derEncoded)
        let subject = try OpenSSL.text(["x509", "-in", path, "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus,space_eq"])
        #expect(subject == "subject=CN = Brook ✓ café\n")
        // OpenSSL's PEM text for the certificate is ours byte for byte.
        #expect(try OpenSSL.text(["x509", "-in", path]) == certificate.pemEncoded)
    }

    @Test("Our fingerprints equal OpenSSL's for SHA-1, SHA-256, SHA-384 and SHA-512")
    func openSSLFingerprints() throws {
        let directory = try TemporaryDirectory()
        for seed in UInt64(30)..<UInt64(33) {
            let (_, certificate) = try Fixtures.selfSigned(seed: seed)
            let path = try directory.write("cert\(seed).pem", certificate.pemEncoded)
            for (algorithm, flag) in [(CertificateFingerprint.Algorithm.sha1, "-sha1"), (.sha256, "-sha256"),
                                      (.sha384, "-sha384"), (.sha512, "-sha512")] {
                let output = try OpenSSL.text(["x509", "-in", path, "-noout", "-fingerprint", flag])
                // "SHA256 Fingerprint=AB:CD:…"
                let expected = try #require(output.split(separator: "=").last).trimmingSuffixNewline()
                let fingerprint = CertificateFingerprint(certificate: certificate, algorithm: algorithm)
                #expect(fingerprint.description == "\(algorithm.rawValue) \(expected)")
                #expect(fingerprint.matches(certificate))
            }
        }
    }
}

extension Substring {
    func trimmingSuffixNewline() -> String {
        String(hasSuffix("\n") ? dropLast() : self)
    }
}
