import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// The DER and PEM forms of the public key types: OpenSSL-made keys, round trips, label and
/// key mismatches, and interoperability with the `openssl` command.
@Suite("P256 key and signature formats")
struct P256KeyFormatTests {
    static func opensslKey() throws -> RSPFile.Record? {
        let text = try String(contentsOf: TestEnvironment.vectorFile("p256-keys-openssl.txt"), encoding: .utf8)
        return RSPFile(text: text).records.first { $0.has("SEC1") }
    }

    @Test func opensslKeysParseToTheirScalarAndPoint() throws {
        let v = try #require(try Self.opensslKey())
        let scalar = try v.need("Scalar"), point = try v.need("Point")
        for form in ["SEC1", "PKCS8"] {
            let agreement = try P256.KeyAgreement.PrivateKey(derRepresentation: try v.need(form))
            #expect(agreement.rawRepresentation == scalar, "\(form)")
            #expect(agreement.publicKey.x963Representation == point)
            let signing = try P256.Signing.PrivateKey(derRepresentation: try v.need(form))
            #expect(signing.rawRepresentation == scalar)
        }
        for form in ["SPKI", "CompressedSPKI"] {
            #expect(try P256.KeyAgreement.PublicKey(derRepresentation: try v.need(form)).x963Representation == point, "\(form)")
            #expect(try P256.Signing.PublicKey(derRepresentation: try v.need(form)).x963Representation == point)
        }
        // What we write is what OpenSSL writes (uncompressed point, named curve).
        let key = try P256.Signing.PrivateKey(rawRepresentation: scalar)
        #expect(key.sec1DERRepresentation == (try v.need("SEC1")))
        #expect(key.derRepresentation == (try v.need("PKCS8")))
        #expect(key.publicKey.derRepresentation == (try v.need("SPKI")))
    }

    @Test func otherCurvesAndAlgorithmsAreRefused() throws {
        let text = try String(contentsOf: TestEnvironment.vectorFile("p256-keys-openssl.txt"), encoding: .utf8)
        let v = try #require(RSPFile(text: text).records.first { $0.has("P384SPKI") })
        for name in ["P384SPKI", "Ed25519SPKI"] {
            #expect(throws: CryptoKitError.self, "\(name)") { try P256.KeyAgreement.PublicKey(derRepresentation: try v.need(name)) }
        }
        for name in ["P384SEC1", "P384PKCS8", "Ed25519PKCS8"] {
            #expect(throws: CryptoKitError.self, "\(name)") { try P256.Signing.PrivateKey(derRepresentation: try v.need(name)) }
        }
    }

    @Test func pemRoundTripsAndLabels() throws {
        var rng = SeededGenerator(seed: 0x9256_0401)
        for _ in 0..<10 {
            let key = P256.KeyAgreement.PrivateKey(using: &rng)
            #expect(key.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            #expect(key.sec1PEMRepresentation.hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"))
            #expect(key.publicKey.pemRepresentation.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
            #expect(try P256.KeyAgreement.PrivateKey(pemRepresentation: key.pemRepresentation).rawRepresentation == key.rawRepresentation)
            #expect(try P256.KeyAgreement.PrivateKey(pemRepresentation: key.sec1PEMRepresentation).rawRepresentation == key.rawRepresentation)
            #expect(try P256.Signing.PrivateKey(derRepresentation: key.sec1DERRepresentation).rawRepresentation == key.rawRepresentation)
            #expect(try P256.Signing.PrivateKey(derRepresentation: key.derRepresentation).rawRepresentation == key.rawRepresentation)
            #expect(try P256.KeyAgreement.PublicKey(pemRepresentation: key.publicKey.pemRepresentation).rawRepresentation == key.publicKey.rawRepresentation)
            #expect(try P256.Signing.PublicKey(derRepresentation: key.publicKey.derRepresentation).rawRepresentation == key.publicKey.rawRepresentation)
            // A document of the wrong kind is refused with .invalidPEM.
            #expect(throws: CryptoKitError.invalidPEM) { try P256.KeyAgreement.PrivateKey(pemRepresentation: key.publicKey.pemRepresentation) }
            #expect(throws: CryptoKitError.invalidPEM) { try P256.Signing.PublicKey(pemRepresentation: key.pemRepresentation) }
        }
    }

    @Test func statedPublicKeyMustMatchTheScalar() throws {
        var rng = SeededGenerator(seed: 0x9256_0402)
        let a = P256.Signing.PrivateKey(using: &rng), b = P256.Signing.PrivateKey(using: &rng)
        let forged = P256KeyEncoding.sec1(privateScalar: a.rawRepresentation, x963PublicKey: b.publicKey.x963Representation)
        #expect(throws: CryptoKitError.invalidPrivateKey) { try P256.Signing.PrivateKey(derRepresentation: forged) }
        let forgedPKCS8 = P256KeyEncoding.pkcs8(privateScalar: a.rawRepresentation, x963PublicKey: b.publicKey.x963Representation)
        #expect(throws: CryptoKitError.invalidPrivateKey) { try P256.KeyAgreement.PrivateKey(derRepresentation: forgedPKCS8) }
        // No stated key is fine.
        let bare = P256KeyEncoding.sec1(privateScalar: a.rawRepresentation, x963PublicKey: nil)
        #expect(try P256.Signing.PrivateKey(derRepresentation: bare).publicKey.rawRepresentation == a.publicKey.rawRepresentation)
        // Scalars out of range inside valid DER.
        for scalar in [[UInt8](repeating: 0, count: 32), GMPCurve.n.bytes(), [UInt8](repeating: 0xff, count: 32)] {
            #expect(throws: CryptoKitError.invalidPrivateKey) {
                try P256.Signing.PrivateKey(derRepresentation: P256KeyEncoding.sec1(privateScalar: scalar, x963PublicKey: nil))
            }
        }
        // A point off the curve inside a valid SubjectPublicKeyInfo.
        var point = a.publicKey.x963Representation
        point[64] ^= 1
        #expect(throws: CryptoKitError.invalidPublicKey) { try P256.Signing.PublicKey(derRepresentation: P256KeyEncoding.spki(x963Point: point)) }
    }

    @Test func signatureDER() throws {
        var rng = SeededGenerator(seed: 0x9256_0403)
        let key = P256.Signing.PrivateKey(using: &rng)
        for i in 0..<50 {
            let signature = try key.signature(for: [UInt8(i)])
            let der = signature.derRepresentation
            #expect(der.first == 0x30)
            #expect(try P256.Signing.ECDSASignature(derRepresentation: der) == signature)
        }
        // Small r and s: minimal INTEGERs, leading zeros restored on parse.
        let small = try P256.Signing.ECDSASignature(rawRepresentation: [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 31) + [0x80])
        #expect(small.derRepresentation == [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80])
        #expect(try P256.Signing.ECDSASignature(derRepresentation: small.derRepresentation) == small)
        for bad: [UInt8] in [[], [0x30], [0x30, 0x00], [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00],
                             [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01], [0x30, 0x06, 0x02, 0x01, 0xff, 0x02, 0x01, 0x01]] {
            #expect(throws: CryptoKitError.invalidSignatureEncoding) { try P256.Signing.ECDSASignature(derRepresentation: bad) }
        }
    }

    /// Our keys and signatures through the `openssl` command: it checks our SEC 1 key, and verifies our
    /// signature with our SubjectPublicKeyInfo.
    @Test func opensslAcceptsOurKeysAndSignatures() throws {
        guard TestEnvironment.require(ExternalProcess.which("openssl"), "the openssl command") != nil else { return }
        var rng = SeededGenerator(seed: 0x9256_0404)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("brook-p256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for i in 0..<3 {
            let key = P256.Signing.PrivateKey(using: &rng)
            let message = Array("message \(i)".utf8)
            let files = (key: directory.appendingPathComponent("key\(i).pem"), pub: directory.appendingPathComponent("pub\(i).pem"),
                         sig: directory.appendingPathComponent("sig\(i).der"), msg: directory.appendingPathComponent("msg\(i)"))
            try key.sec1PEMRepresentation.write(to: files.key, atomically: true, encoding: .utf8)
            try key.publicKey.pemRepresentation.write(to: files.pub, atomically: true, encoding: .utf8)
            try Data(try key.signature(for: message).derRepresentation).write(to: files.sig)
            try Data(message).write(to: files.msg)
            let check = try ExternalProcess.run("openssl", ["ec", "-in", files.key.path, "-check", "-noout"])
            #expect(check.stderr.contains("valid") || check.stdoutText.contains("valid"))
            let verify = try ExternalProcess.run("openssl", ["dgst", "-sha256", "-verify", files.pub.path, "-signature", files.sig.path, files.msg.path])
            #expect(verify.stdoutText.contains("Verified OK"))
            // And OpenSSL's own PKCS#8 rendering of the key parses back to it.
            let pkcs8 = try ExternalProcess.run("openssl", ["pkey", "-in", files.key.path])
            #expect(try P256.Signing.PrivateKey(pemRepresentation: pkcs8.stdoutText).rawRepresentation == key.rawRepresentation)
        }
    }
}
