import BrookCrypto
import BrookVectors
import Foundation
import Testing
@testable import BrookX509
import BrookTestSupport

/// Certificates OpenSSL generates, parsed by Brook and compared field by field with what
/// OpenSSL itself reports.
@Suite("OpenSSL-generated certificates")
struct OpenSSLCertificateTests {
    /// One certificate from `openssl req -x509`, in both encodings, with OpenSSL's view of it.
    struct Generated {
        var pem: String
        var der: [UInt8]
        var publicKeyPEM: String
        var serialHex: String
        var dates: String
    }

    static func generate(_ keyArguments: [String], extra: [String] = []) throws -> Generated {
        let directory = try TemporaryDirectory()
        let cert = directory.file("cert.pem")
        try OpenSSL.run(["req", "-x509"] + keyArguments + ["-nodes", "-subj", "/CN=x", "-days", "1",
                         "-keyout", directory.file("key.pem"), "-out", cert] + extra)
        return try describe(directory: directory, path: cert)
    }

    static func describe(directory: TemporaryDirectory, path: String) throws -> Generated {
        Generated(
            pem: String(decoding: try OpenSSL.run(["x509", "-in", path]), as: UTF8.self),
            der: try OpenSSL.run(["x509", "-in", path, "-outform", "DER"]),
            publicKeyPEM: try OpenSSL.text(["x509", "-in", path, "-noout", "-pubkey"]),
            serialHex: try OpenSSL.text(["x509", "-in", path, "-noout", "-serial"]),
            dates: try OpenSSL.text(["x509", "-in", path, "-noout", "-dateopt", "iso_8601", "-dates"])
        )
    }

    static let p256 = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]

    /// "2026-11-25 09:46:20Z" as OpenSSL's iso_8601 option prints it.
    static func iso(_ time: UTCDateTime) -> String {
        let text = time.description  // 2026-11-25T09:46:20Z
        return text.replacingOccurrences(of: "T", with: " ")
    }

    @Test("A P-256 certificate parses from PEM and DER with OpenSSL's key, serial and dates, and verifies")
    func p256Certificate() throws {
        let generated = try Self.generate(Self.p256)
        let fromPEM = try Certificate(pemEncoded: generated.pem)
        let fromDER = try Certificate(derEncoded: generated.der)
        #expect(fromPEM == fromDER)
        #expect(fromDER.derEncoded == generated.der)
        #expect(fromDER.version == .v3)
        #expect(fromDER.signatureAlgorithm == .ecdsaWithSHA256)
        #expect(fromDER.subjectCommonName == "x")
        #expect(fromDER.isSelfIssued)
        // req -x509 adds subjectKeyIdentifier, authorityKeyIdentifier and basicConstraints.
        #expect(Set(fromDER.extensions.map(\.objectIdentifier)).isSuperset(of: ["2.5.29.14", "2.5.29.35", "2.5.29.19"]))
        #expect("serial=" + Array(fromDER.serialNumber.drop { $0 == 0 }).hexString.uppercased() + "\n" == generated.serialHex)
        #expect(generated.dates == "notBefore=\(Self.iso(fromDER.notBefore))\nnotAfter=\(Self.iso(fromDER.notAfter))\n")
        #expect(fromDER.notAfter.secondsSinceEpoch - fromDER.notBefore.secondsSinceEpoch == 86_400)

        let expectedKey = try P256.Signing.PublicKey(pemRepresentation: generated.publicKeyPEM)
        guard case .p256(let key) = fromDER.publicKey else {
            Issue.record("expected a P-256 key, got \(fromDER.publicKey)")
            return
        }
        #expect(key.rawRepresentation == expectedKey.rawRepresentation)
        #expect(fromDER.subjectPublicKeyInfo == expectedKey.derRepresentation)
        #expect(fromDER.verifySelfSignature())

        let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        #expect(fromDER.isValid(at: now))
        #expect(!fromDER.isValid(at: try fromDER.notAfter.adding(seconds: 1)))
        // Our PEM output is OpenSSL's text.
        #expect(fromDER.pemEncoded == generated.pem)
    }

    @Test("Several OpenSSL P-256 certificates all verify, with SHA-256, SHA-384 and SHA-512 signatures")
    func p256Digests() throws {
        for (digest, algorithm) in [("-sha256", SignatureAlgorithm.ecdsaWithSHA256),
                                    ("-sha384", .ecdsaWithSHA384), ("-sha512", .ecdsaWithSHA512)] {
            for _ in 0..<3 {
                let certificate = try Certificate(derEncoded: try Self.generate(Self.p256, extra: [digest]).der)
                #expect(certificate.signatureAlgorithm == algorithm)
                #expect(certificate.verifySelfSignature())
            }
        }
    }

    @Test("A v1 certificate (openssl x509 -req, no extensions) parses and verifies")
    func version1() throws {
        let directory = try TemporaryDirectory()
        try OpenSSL.run(["req", "-new"] + Self.p256 + ["-nodes", "-subj", "/CN=v1", "-keyout",
                         directory.file("key.pem"), "-out", directory.file("req.csr")])
        try OpenSSL.run(["x509", "-req", "-in", directory.file("req.csr"), "-signkey", directory.file("key.pem"),
                         "-days", "1", "-out", directory.file("cert.pem")])
        let certificate = try Certificate(pemEncoded: String(decoding: try directory.read("cert.pem"), as: UTF8.self))
        #expect(certificate.version == .v1)
        #expect(certificate.extensions.isEmpty)
        #expect(certificate.subjectCommonName == "v1")
        #expect(certificate.verifySelfSignature())
    }

    @Test("P-384, RSA and Ed25519 certificates parse with an unsupported key and do not verify")
    func unsupportedKeys() throws {
        let cases: [(arguments: [String], algorithm: SignatureAlgorithm, key: String, curve: String?)] = [
            (["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp384r1"], .ecdsaWithSHA256, "1.2.840.10045.2.1", "1.3.132.0.34"),
            (["-newkey", "rsa:1024"], .sha256WithRSAEncryption, "1.2.840.113549.1.1.1", nil),
            (["-newkey", "ed25519"], .ed25519, "1.3.101.112", nil),
        ]
        for (arguments, algorithm, keyOID, curve) in cases {
            let generated = try Self.generate(arguments)
            let certificate = try Certificate(derEncoded: generated.der)
            #expect(try Certificate(pemEncoded: generated.pem) == certificate)
            #expect(certificate.signatureAlgorithm == algorithm)
            #expect(certificate.subjectCommonName == "x")
            guard case .unsupported(let algorithmOID, let namedCurve) = certificate.publicKey else {
                Issue.record("\(arguments): expected an unsupported key")
                continue
            }
            #expect(algorithmOID == keyOID)
            #expect(namedCurve == curve)
            #expect(!certificate.verifySelfSignature())
        }
    }

    @Test("A validity past 2049 is read from GeneralizedTime")
    func generalizedTime() throws {
        let generated = try Self.generate(Self.p256, extra: ["-days", "36500"])
        let certificate = try Certificate(derEncoded: generated.der)
        #expect(certificate.notAfter.year > 2100)
        #expect(generated.dates.hasSuffix("notAfter=\(Self.iso(certificate.notAfter))\n"))
    }
}
