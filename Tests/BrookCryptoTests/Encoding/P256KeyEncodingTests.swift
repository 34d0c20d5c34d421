import BrookVectors
import Foundation
import SwiftASN1
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("P-256 key encodings")
struct P256KeyEncodingTests {
    static func fixture() throws -> RSPFile {
        try #require(try VectorSupport.rsp(TestEnvironment.vectorFile("p256-keys-openssl.txt")))
    }

    static func field(_ name: String) throws -> [UInt8] {
        try #require(try fixture().records.first { $0.has(name) }?.bytes(name), "\(name) missing")
    }

    /// The stored OpenSSL key (Vectors/p256-keys-openssl.txt) in each form.
    @Test func storedOpenSSLKey() throws {
        let scalar = try Self.field("Scalar"), point = try Self.field("Point")
        let sec1 = try Self.field("SEC1"), pkcs8 = try Self.field("PKCS8"), spki = try Self.field("SPKI")
        #expect(try P256KeyEncoding.parseSEC1(sec1) == (scalar, point))
        #expect(try P256KeyEncoding.parsePKCS8(pkcs8) == (scalar, point))
        #expect(try P256KeyEncoding.parsePrivateKeyDER(sec1) == (scalar, point))
        #expect(try P256KeyEncoding.parsePrivateKeyDER(pkcs8) == (scalar, point))
        #expect(try P256KeyEncoding.parseSPKI(spki) == point)
        let compressed = try P256KeyEncoding.parseSPKI(try Self.field("CompressedSPKI"))
        #expect(compressed.count == 33 && compressed[0] == 2 + (point[64] & 1) && Array(compressed[1...]) == Array(point[1...32]))
        #expect(P256KeyEncoding.sec1(privateScalar: scalar, x963PublicKey: point) == sec1)
        #expect(P256KeyEncoding.pkcs8(privateScalar: scalar, x963PublicKey: point) == pkcs8)
        #expect(P256KeyEncoding.spki(x963Point: point) == spki)
    }

    /// Keys of other curves and algorithms, and explicit curve parameters, are another algorithm.
    @Test(arguments: ["P384SPKI", "Ed25519SPKI", "ExplicitSPKI"])
    func refusedPublicKeys(_ name: String) throws {
        let der = try Self.field(name)
        #expect(throws: CryptoKitError.unsupportedAlgorithm) { try P256KeyEncoding.parseSPKI(der) }
    }

    @Test(arguments: ["P384SEC1", "P384PKCS8", "Ed25519PKCS8", "ExplicitSEC1"])
    func refusedPrivateKeys(_ name: String) throws {
        let der = try Self.field(name)
        #expect(throws: CryptoKitError.unsupportedAlgorithm) { try P256KeyEncoding.parsePrivateKeyDER(der) }
    }

    /// A scalar encoded in fewer than 32 bytes is left-padded; more than 32 is refused.
    @Test func scalarLengths() throws {
        let point = try Self.field("Point")
        for length in [1, 20, 31, 32] {
            let short = [UInt8](repeating: 0x5A, count: length)
            let parsed = try P256KeyEncoding.parseSEC1(P256KeyEncoding.sec1(privateScalar: short, x963PublicKey: point))
            #expect(parsed.scalar == [UInt8](repeating: 0, count: 32 - length) + short)
            #expect(try P256KeyEncoding.parsePKCS8(P256KeyEncoding.pkcs8(privateScalar: short, x963PublicKey: nil)).scalar == parsed.scalar)
        }
        for bad in [[UInt8](), [UInt8](repeating: 1, count: 33)] {
            #expect(throws: CryptoKitError.invalidPrivateKey) {
                try P256KeyEncoding.parseSEC1(P256KeyEncoding.sec1(privateScalar: bad, x963PublicKey: nil))
            }
        }
    }

    /// Points of impossible length or prefix are refused as public keys.
    @Test func pointFormats() throws {
        let point = try Self.field("Point")
        let bads: [[UInt8]] = [[], [4], Array(point.dropLast()), [5] + point.dropFirst(), [2] + point.dropFirst(), point + [0]]
        for bad in bads {
            #expect(throws: CryptoKitError.invalidPublicKey) { try P256KeyEncoding.parseSPKI(P256KeyEncoding.spki(x963Point: bad)) }
            #expect(throws: CryptoKitError.invalidPublicKey) {
                try P256KeyEncoding.parseSEC1(P256KeyEncoding.sec1(privateScalar: [1], x963PublicKey: bad))
            }
        }
    }

    /// Malformed structures: each is refused with a typed error, never a trap.
    @Test func hostileKeys() throws {
        let sec1 = try Self.field("SEC1"), pkcs8 = try Self.field("PKCS8"), spki = try Self.field("SPKI")
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("one byte", [0x30]),
            ("truncated SEC1", Array(sec1.dropLast())),
            ("truncated PKCS8", Array(pkcs8.dropLast(5))),
            ("truncated SPKI", Array(spki.prefix(20))),
            ("trailing byte SEC1", sec1 + [0]),
            ("trailing byte PKCS8", pkcs8 + [0]),
            ("trailing byte SPKI", spki + [0]),
            ("long-form outer length", [0x30, 0x81, sec1[1]] + sec1.dropFirst(2)),
            ("indefinite length", [0x30, 0x80] + sec1.dropFirst(2) + [0, 0]),
            ("SET instead of SEQUENCE", [0x31] + sec1.dropFirst()),
            ("version 2", Array(sec1.prefix(4)) + [2] + sec1.dropFirst(5)),
            ("version 0", Array(sec1.prefix(4)) + [0] + sec1.dropFirst(5)),
            ("PKCS8 version 2", Array(pkcs8.prefix(5)) + [2] + pkcs8.dropFirst(6)),
            ("BIT STRING padding", Array(spki.prefix(25)) + [1] + spki.dropFirst(26)),
        ]
        #expect(spki[23] == 0x03 && spki[25] == 0x00)  // the BIT STRING and its padding-count octet
        #expect(pkcs8[5] == 0x00 && sec1[4] == 0x01)
        for (name, bytes) in cases {
            #expect(throws: CryptoKitError.self, "\(name)") { try P256KeyEncoding.parsePrivateKeyDER(bytes) }
            #expect(throws: CryptoKitError.self, "\(name)") { try P256KeyEncoding.parseSEC1(bytes) }
            #expect(throws: CryptoKitError.self, "\(name)") { try P256KeyEncoding.parsePKCS8(bytes) }
            #expect(throws: CryptoKitError.self, "\(name)") { try P256KeyEncoding.parseSPKI(bytes) }
        }
        // A private key is not a public key and vice versa.
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parseSPKI(sec1) }
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parseSEC1(spki) }
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parsePKCS8(sec1) }
        #expect(throws: CryptoKitError.self) { try P256KeyEncoding.parseSEC1(pkcs8) }
    }

    /// OneAsymmetricKey (version 1) with the public key outside the ECPrivateKey.
    @Test func oneAsymmetricKeyPublicKey() throws {
        let scalar = try Self.field("Scalar"), point = try Self.field("Point")
        func build(version: UInt8, inner innerPoint: [UInt8]?, outer: [UInt8]?) -> [UInt8] {
            let inner = P256KeyEncoding.ecPrivateKey(privateScalar: scalar, x963PublicKey: innerPoint, includeParameters: false)
            var serializer = DER.Serializer()
            serializer.appendConstructedNode(identifier: .sequence) { info in
                info.appendPrimitive(.integer, [version])
                info.appendP256AlgorithmIdentifier()
                info.appendPrimitive(.octetString, inner)
                if let outer { info.appendBitString(outer, identifier: P256KeyEncoding.contextTag(1)) }
            }
            return serializer.serializedBytes
        }
        #expect(try P256KeyEncoding.parsePKCS8(build(version: 1, inner: nil, outer: point)) == (scalar, point))
        #expect(try P256KeyEncoding.parsePKCS8(build(version: 1, inner: point, outer: point)) == (scalar, point))
        #expect(throws: CryptoKitError.invalidDER) { try P256KeyEncoding.parsePKCS8(build(version: 0, inner: nil, outer: point)) }
        var other = point
        other[10] ^= 1
        #expect(throws: CryptoKitError.invalidDER) { try P256KeyEncoding.parsePKCS8(build(version: 1, inner: point, outer: other)) }
    }

    @Test func pemDocuments() throws {
        let pkcs8 = try Self.field("PKCS8"), spki = try Self.field("SPKI")
        let pem = P256KeyEncoding.pem(label: "PUBLIC KEY", der: spki)
        #expect(pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n") && pem.hasSuffix("\n-----END PUBLIC KEY-----\n"))
        #expect(pem.split(separator: "\n").allSatisfy { $0.count <= 64 })
        #expect(try P256KeyEncoding.parsePEM(pem) == ("PUBLIC KEY", spki))
        #expect(try P256KeyEncoding.parsePEM(String(pem.dropLast())) == ("PUBLIC KEY", spki))
        #expect(try P256KeyEncoding.parsePEM("leading text\n" + pem + "trailing text\n") == ("PUBLIC KEY", spki))
        let crlf = P256KeyEncoding.pem(label: "PRIVATE KEY", der: pkcs8).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try P256KeyEncoding.parsePEM(crlf) == ("PRIVATE KEY", pkcs8))

        let privatePEM = P256KeyEncoding.pem(label: "PRIVATE KEY", der: pkcs8)
        let hostile: [String] = [
            "",
            "not pem at all",
            "-----BEGIN PUBLIC KEY-----\n",
            P256KeyEncoding.pem(label: "CERTIFICATE", der: spki),
            P256KeyEncoding.pem(label: "RSA PRIVATE KEY", der: pkcs8),
            pem + privatePEM,  // two keys
            "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n",
            "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
            "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PRIVATE KEY-----\n",
            P256KeyEncoding.pem(label: "EC PARAMETERS", der: [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22]) + privatePEM,
        ]
        for (index, text) in hostile.enumerated() {
            #expect(throws: CryptoKitError.self, "case \(index)") { try P256KeyEncoding.parsePEM(text) }
        }
        // A P-384 EC PARAMETERS block says the key is for another curve.
        #expect(throws: CryptoKitError.unsupportedAlgorithm) { try P256KeyEncoding.parsePEM(hostile[9]) }
        #expect(throws: CryptoKitError.invalidPEM) { try P256KeyEncoding.parsePEM(hostile[5]) }
    }
}
