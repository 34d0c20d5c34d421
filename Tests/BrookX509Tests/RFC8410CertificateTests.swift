import BrookVectors
import Foundation
import SwiftASN1
import Testing
@testable import BrookX509

/// The example certificate of RFC 8410 §10.2, a document written independently of Brook and
/// of OpenSSL.
@Suite("RFC 8410 example certificate")
struct RFC8410CertificateTests {
    static func vector() throws -> RSPFile.Record {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Vectors/x509-certificate-rfc8410.txt").standardized
        return try #require(RSPFile(text: try String(contentsOf: url, encoding: .utf8)).records.first)
    }

    /// Re-encodes `node` without its BOOLEAN FALSE members (the DER violation in the example).
    static func droppingFalseBooleans(_ node: ASN1Node) -> [UInt8] {
        guard case .constructed(let children) = node.content else { return Array(node.encodedBytes) }
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: node.identifier) { content in
            for child in children where !(child.identifier == .boolean && child.encodedBytes.last == 0x00) {
                content.serializeRawBytes(droppingFalseBooleans(child))
            }
        }
        return serializer.serializedBytes
    }

    @Test("As published it is rejected: critical FALSE is encoded, which DER forbids")
    func rejectedAsPublished() throws {
        let der = try #require(try Self.vector().bytes("Certificate"))
        #expect(der.count == 304)
        #expect(throws: X509Error.invalidExtensions) { try Certificate(derEncoded: der) }
    }

    @Test("With the FALSE booleans removed, every field reads as the RFC's dump shows")
    func fieldsAfterRepair() throws {
        let vector = try Self.vector()
        let published = try #require(vector.bytes("Certificate"))
        let repaired = Self.droppingFalseBooleans(try DER.parse(published))
        #expect(repaired.count == published.count - 6)

        let certificate = try Certificate(derEncoded: repaired)
        #expect(certificate.version == .v3)
        #expect(certificate.serialNumber == vector.bytes("Serial"))
        #expect(certificate.subjectCommonName == vector["CommonName"])
        #expect(certificate.issuer.commonName == vector["CommonName"])
        #expect(certificate.isSelfIssued)
        #expect(certificate.notBefore.description == vector["NotBefore"])
        #expect(certificate.notAfter.description == vector["NotAfter"])
        #expect(certificate.signatureAlgorithm.objectIdentifier == vector["SignatureAlgorithm"])
        #expect(certificate.signatureAlgorithm == .ed25519)
        #expect(certificate.signature == vector.bytes("Signature"))
        guard case .unsupported(let algorithm, let curve) = certificate.publicKey else {
            Issue.record("an X25519 key is not a P-256 key")
            return
        }
        #expect(algorithm == vector["PublicKeyAlgorithm"])
        #expect(curve == nil)
        #expect(certificate.subjectPublicKeyInfo.suffix(32).elementsEqual(try #require(vector.bytes("PublicKey"))))
        #expect(certificate.extensions.map(\.objectIdentifier) == ["2.5.29.19", "2.5.29.15", "2.5.29.14"])
        #expect(certificate.extensions.map(\.isCritical) == [true, false, false])
        #expect(certificate.extensions[2].value == vector.bytes("SubjectKeyIdentifier"))
        #expect(!certificate.verifySelfSignature())
        // Validity: the RFC's window, inclusive.
        #expect(certificate.isValid(at: try UTCDateTime(year: 2030, month: 6, day: 1, hour: 0, minute: 0, second: 0)))
        #expect(!certificate.isValid(at: try UTCDateTime(year: 2041, month: 1, day: 1, hour: 0, minute: 0, second: 0)))
    }
}
