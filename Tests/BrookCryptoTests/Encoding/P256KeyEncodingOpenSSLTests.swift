import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto

@Suite("P-256 key encodings against OpenSSL")
struct P256KeyEncodingOpenSSLTests {
    /// Keys made by OpenSSL parse to the scalar and point that OpenSSL prints, in every form.
    @Test func parsesOpenSSLKeys() throws {
        for _ in 0..<4 {
            guard let key = try OpenSSLKeyFixture.generate() else { return }
            #expect(key.scalar.count == 32 && key.point.count == 65 && key.compressedPoint.count == 33)

            let sec1 = try P256KeyEncoding.parseSEC1(key.sec1DER)
            #expect(sec1.scalar == key.scalar)
            #expect(sec1.publicKey == key.point)
            let pkcs8 = try P256KeyEncoding.parsePKCS8(key.pkcs8DER)
            #expect(pkcs8.scalar == key.scalar)
            #expect(pkcs8.publicKey == key.point)
            #expect(try P256KeyEncoding.parsePrivateKeyDER(key.sec1DER).scalar == key.scalar)
            #expect(try P256KeyEncoding.parsePrivateKeyDER(key.pkcs8DER).scalar == key.scalar)
            #expect(try P256KeyEncoding.parseSPKI(key.spkiDER) == key.point)
            #expect(try P256KeyEncoding.parseSPKI(key.compressedSPKIDER) == key.compressedPoint)

            // PEM: the EC PARAMETERS block that ecparam writes first is skipped.
            let sec1PEM = try P256KeyEncoding.parsePEM(key.sec1PEM)
            #expect(sec1PEM.label == "EC PRIVATE KEY" && sec1PEM.der == key.sec1DER)
            let pkcs8PEM = try P256KeyEncoding.parsePEM(key.pkcs8PEM)
            #expect(pkcs8PEM.label == "PRIVATE KEY" && pkcs8PEM.der == key.pkcs8DER)
            let spkiPEM = try P256KeyEncoding.parsePEM(key.spkiPEM)
            #expect(spkiPEM.label == "PUBLIC KEY" && spkiPEM.der == key.spkiDER)
        }
    }

    /// What we write is byte-for-byte what OpenSSL writes, OpenSSL accepts it, and it re-parses.
    @Test func serializesLikeOpenSSL() throws {
        for _ in 0..<3 {
            guard let key = try OpenSSLKeyFixture.generate() else { return }
            let sec1 = P256KeyEncoding.sec1(privateScalar: key.scalar, x963PublicKey: key.point)
            let pkcs8 = P256KeyEncoding.pkcs8(privateScalar: key.scalar, x963PublicKey: key.point)
            let spki = P256KeyEncoding.spki(x963Point: key.point)
            #expect(sec1 == key.sec1DER)
            #expect(pkcs8 == key.pkcs8DER)
            #expect(spki == key.spkiDER)
            #expect(P256KeyEncoding.spki(x963Point: key.compressedPoint) == key.compressedSPKIDER)

            // OpenSSL reads them back (and checks the key pair) and prints the same key.
            let checked = try OpenSSLKeyFixture.openssl(["ec", "-inform", "DER", "-check", "-text", "-noout"], input: sec1)
            #expect(OpenSSLKeyFixture.printedHex(checked.stdoutText, after: "pub:") == key.point)
            let fromPKCS8 = try OpenSSLKeyFixture.openssl(["pkey", "-inform", "DER", "-text", "-noout"], input: pkcs8)
            #expect(OpenSSLKeyFixture.printedHex(fromPKCS8.stdoutText, after: "pub:") == key.point)
            let fromSPKI = try OpenSSLKeyFixture.openssl(["pkey", "-pubin", "-inform", "DER", "-text", "-noout"], input: spki)
            #expect(OpenSSLKeyFixture.printedHex(fromSPKI.stdoutText, after: "pub:") == key.point)

            // Our PEM is read by OpenSSL too.
            let pem = P256KeyEncoding.pem(label: "PRIVATE KEY", der: pkcs8)
            #expect(pem == key.pkcs8PEM)
            #expect(P256KeyEncoding.pem(label: "PUBLIC KEY", der: spki) == key.spkiPEM)
            let fromPEM = try OpenSSLKeyFixture.openssl(["pkey", "-text", "-noout"], input: Array(pem.utf8))
            #expect(OpenSSLKeyFixture.printedHex(fromPEM.stdoutText, after: "pub:") == key.point)
            let reparsed = try P256KeyEncoding.parsePEM(pem)
            #expect(reparsed.label == "PRIVATE KEY" && reparsed.der == pkcs8)

            // Without the public key, SEC 1 still round trips and OpenSSL derives the same point.
            let bare = P256KeyEncoding.sec1(privateScalar: key.scalar, x963PublicKey: nil)
            #expect(try P256KeyEncoding.parseSEC1(bare).publicKey == nil)
            #expect(try P256KeyEncoding.parseSEC1(bare).scalar == key.scalar)
            let derived = try OpenSSLKeyFixture.openssl(["ec", "-inform", "DER", "-text", "-noout"], input: bare)
            #expect(OpenSSLKeyFixture.printedHex(derived.stdoutText, after: "pub:") == key.point)
        }
    }
}
