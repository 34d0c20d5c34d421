import BrookCrypto
import Testing
@testable import BrookX509

/// Each RFC 5280 / X.690 rule the parser enforces, one field changed at a time.
@Suite("Strict certificate parsing")
struct StrictParsingTests {
    typealias Parts = CertificateParts

    static func parse(_ parts: CertificateParts) throws(X509Error) -> Certificate {
        try Certificate(derEncoded: parts.der)
    }

    static func expect(_ error: X509Error, _ parts: CertificateParts, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: error, sourceLocation: sourceLocation) { try parse(parts) }
    }

    @Test("The default parts make a valid certificate")
    func baseline() throws {
        let certificate = try Self.parse(CertificateParts())
        #expect(certificate.version == .v3)
        #expect(certificate.serialNumber == [0x42, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07])
        #expect(certificate.subjectCommonName == "x")
        #expect(certificate.notBefore.description == "2026-01-01T00:00:00Z")
        #expect(certificate.verifySelfSignature())
    }

    @Test("Versions: v2 accepted; explicit v1, v4 and non-minimal encodings rejected")
    func versions() throws {
        var parts = CertificateParts()
        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [1]))
        #expect(try Self.parse(parts).version == .v2)
        parts.version = []
        #expect(try Self.parse(parts).version == .v1)
        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [0]))
        Self.expect(.unsupportedVersion, parts)
        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [3]))
        Self.expect(.unsupportedVersion, parts)
        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [0x00, 0x02]))
        Self.expect(.malformedDER, parts)
        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [2]) + Parts.tlv(0x02, [2]))
        Self.expect(.malformedDER, parts)
    }

    @Test("Serial numbers: non-negative, minimal, at most 20 octets (RFC 5280 §4.1.2.2)")
    func serialNumbers() throws {
        var parts = CertificateParts()
        let twenty = [UInt8](repeating: 0x7F, count: 20)
        parts.serial = Parts.tlv(0x02, twenty)
        #expect(try Self.parse(parts).serialNumber == twenty)
        parts.serial = Parts.tlv(0x02, [0x00] + [UInt8](repeating: 0x80, count: 20))
        #expect(try Self.parse(parts).serialNumber.count == 21)
        parts.serial = Parts.tlv(0x02, [1])
        #expect(try Self.parse(parts).serialNumber == [1])
        parts.serial = Parts.tlv(0x02, [0])  // zero: issuers MUST NOT, users SHOULD cope
        #expect(try Self.parse(parts).serialNumber == [0])
        for bad in [[0xFF], [0x80, 0x01], [UInt8](repeating: 0x7F, count: 21),
                    [0x00] + [UInt8](repeating: 0x80, count: 21)] as [[UInt8]] {
            parts.serial = Parts.tlv(0x02, bad)
            Self.expect(.invalidSerialNumber, parts)
        }
        for bad in [[], [0x00, 0x01], [0xFF, 0x80]] as [[UInt8]] {
            parts.serial = Parts.tlv(0x02, bad)
            Self.expect(.malformedDER, parts)
        }
    }

    @Test("Signature algorithms: inner and outer must match; ECDSA parameters must be absent")
    func algorithms() throws {
        var parts = CertificateParts()
        parts.outerAlgorithm = Parts.sequence(Parts.ecdsaWithSHA384OID)
        Self.expect(.signatureAlgorithmMismatch, parts)
        parts.innerAlgorithm = Parts.sequence(Parts.ecdsaWithSHA384OID)
        #expect(try Self.parse(parts).signatureAlgorithm == .ecdsaWithSHA384)
        // Signed over SHA-256 but labelled SHA-384: parses, does not verify.
        #expect(try !Self.parse(parts).verifySelfSignature())
        parts = CertificateParts()
        parts.innerAlgorithm = Parts.sequence(Parts.ecdsaWithSHA256OID, [0x05, 0x00])
        parts.outerAlgorithm = parts.innerAlgorithm
        Self.expect(.invalidAlgorithmParameters, parts)
        // RSA PKCS #1 v1.5: NULL or absent parameters (RFC 4055 §5); anything else is refused.
        let sha256WithRSA = Parts.oid([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B])
        for (parameters, accepted) in [([0x05, 0x00], true), ([], true), ([0x05, 0x01, 0x00], false),
                                       ([0x02, 0x01, 0x00], false)] as [([UInt8], Bool)] {
            parts.innerAlgorithm = Parts.sequence(sha256WithRSA, parameters)
            parts.outerAlgorithm = parts.innerAlgorithm
            if accepted {
                #expect(try Self.parse(parts).signatureAlgorithm == .sha256WithRSAEncryption)
                #expect(try !Self.parse(parts).verifySelfSignature())
            } else {
                Self.expect(.invalidAlgorithmParameters, parts)
            }
        }
        // An unknown algorithm is kept by OID.
        parts.innerAlgorithm = Parts.sequence(Parts.oid([0x2A, 0x03]), [0x05, 0x00])
        parts.outerAlgorithm = parts.innerAlgorithm
        let unknown = try Self.parse(parts)
        #expect(unknown.signatureAlgorithm == .unknown("1.2.3"))
        #expect(!unknown.verifySelfSignature())
        parts.innerAlgorithm = Parts.sequence()
        parts.outerAlgorithm = parts.innerAlgorithm
        Self.expect(.malformedDER, parts)
    }

    @Test("Unique identifiers and extensions only in the versions that allow them, in order")
    func versionedFields() throws {
        var parts = CertificateParts()
        let basicConstraints: [UInt8] = [0x55, 0x1D, 0x13]
        let keyUsage: [UInt8] = [0x55, 0x1D, 0x0F]
        parts.tail = Parts.tlv(0x81, [0x00, 0xAB]) + Parts.tlv(0x82, [0x00, 0xCD])
            + Parts.extensions(Parts.extensionField(basicConstraints, critical: 0xFF, value: [0x30, 0x00]),
                               Parts.extensionField(keyUsage))
        let certificate = try Self.parse(parts)
        #expect(certificate.extensions.map(\.objectIdentifier) == ["2.5.29.19", "2.5.29.15"])
        #expect(certificate.extensions.map(\.isCritical) == [true, false])
        #expect(certificate.extensions[0].value == [0x30, 0x00])
        #expect(certificate.verifySelfSignature())

        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [1]))
        Self.expect(.fieldNotAllowedInVersion, parts)  // v2 with extensions
        parts.version = []
        Self.expect(.fieldNotAllowedInVersion, parts)  // v1 with unique identifiers
        parts.version = Parts.tlv(0xA0, Parts.tlv(0x02, [2]))
        parts.tail = Parts.extensions(Parts.extensionField(keyUsage)) + Parts.tlv(0x81, [0x00, 0xAB])
        Self.expect(.malformedDER, parts)  // out of order
        parts.tail = Parts.tlv(0x84, [0x00])
        Self.expect(.malformedDER, parts)  // unknown trailing field
    }

    @Test("Extensions: non-empty, no duplicates, critical FALSE never encoded")
    func extensionRules() {
        var parts = CertificateParts()
        let keyUsage: [UInt8] = [0x55, 0x1D, 0x0F]
        parts.tail = Parts.tlv(0xA3, Parts.tlv(0x30, []))
        Self.expect(.invalidExtensions, parts)
        parts.tail = Parts.extensions(Parts.extensionField(keyUsage), Parts.extensionField(keyUsage, critical: 0xFF))
        Self.expect(.invalidExtensions, parts)
        parts.tail = Parts.extensions(Parts.extensionField(keyUsage, critical: 0x00))
        Self.expect(.invalidExtensions, parts)
        parts.tail = Parts.extensions(Parts.extensionField(keyUsage, critical: 0x01))
        Self.expect(.malformedDER, parts)
        parts.tail = Parts.tlv(0xA3, Parts.tlv(0x30, Parts.extensionField(keyUsage) + [0x05, 0x00]))
        Self.expect(.invalidExtensions, parts)
        parts.tail = Parts.tlv(0xA3, Parts.tlv(0x30, Parts.extensionField(keyUsage)) + [0x05, 0x00])
        Self.expect(.malformedDER, parts)
    }

    @Test("Validity: exactly two well-formed times")
    func validity() {
        var parts = CertificateParts()
        parts.validity = Parts.sequence(Parts.utcTime("260101000000Z"))
        Self.expect(.malformedDER, parts)
        parts.validity = Parts.sequence(Parts.utcTime("260101000000Z"), Parts.utcTime("270101000000Z"), Parts.utcTime("270101000000Z"))
        Self.expect(.malformedDER, parts)
        parts.validity = Parts.sequence(Parts.utcTime("260101000000Z"), Parts.utcTime("2701010000Z"))
        Self.expect(.invalidTime, parts)
        parts.validity = Parts.sequence(Parts.utcTime("260101000000Z"), Parts.tlv(0x18, Array("20270101000000.1Z".utf8)))
        Self.expect(.invalidTime, parts)
    }

    @Test("Names: DirectoryString forms decode; bad strings, empty RDNs and unsorted sets are rejected")
    func names() throws {
        var parts = CertificateParts()
        for (tag, bytes, text) in [(UInt8(0x0C), Array("WebRTC".utf8), "WebRTC"),              // UTF8String, ASCII
                                   (0x0C, Array("Brook ✓ café".utf8), "Brook ✓ café"),          // UTF8String, validated
                                   (0x13, Array("Printable Name".utf8), "Printable Name"),
                                   (0x16, Array("ia5@example".utf8), "ia5@example"),
                                   (0x14, [0x63, 0x61, 0x66, 0xE9], "café"),
                                   (0x1E, [0x00, 0x48, 0x00, 0x69, 0xD8, 0x3D, 0xDE, 0x00], "Hi😀"),
                                   (0x1C, [0x00, 0x00, 0x00, 0x48, 0x00, 0x01, 0xF6, 0x00], "H😀")] {
            parts.subject = Parts.name([(Parts.commonNameOID, Parts.tlv(tag, bytes))])
            let certificate = try Self.parse(parts)
            #expect(certificate.subjectCommonName == text)
            #expect(!certificate.isSelfIssued)
        }
        // A name with several RDNs: the last common name is the subject's.
        let organization = Parts.oid([0x55, 0x04, 0x0A])
        parts.subject = Parts.name([(Parts.commonNameOID, Parts.tlv(0x0C, Array("first".utf8))),
                                    (organization, Parts.tlv(0x0C, Array("org".utf8))),
                                    (Parts.commonNameOID, Parts.tlv(0x0C, Array("last".utf8)))])
        #expect(try Self.parse(parts).subjectCommonName == "last")
        #expect(try Self.parse(parts).subject.relativeDistinguishedNames.count == 3)
        parts.subject = Parts.tlv(0x30, [])
        #expect(try Self.parse(parts).subjectCommonName == nil)

        let badSubjects: [[UInt8]] = [
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x02, [0x01]))]),                 // CN as INTEGER
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x13, Array("a@b".utf8)))]),      // '@' not printable
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x16, [0x80]))]),                 // IA5 > 0x7F
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x0C, [0xC3, 0x28]))]),           // invalid UTF-8
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x1E, [0x00]))]),                 // odd BMP length
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x1E, [0xD8, 0x3D]))]),           // lone surrogate
            Parts.name([(Parts.commonNameOID, Parts.tlv(0x1C, [0x00, 0x11, 0x00, 0x00]))]),  // > U+10FFFF
            Parts.tlv(0x30, Parts.tlv(0x31, [])),                                          // empty RDN
            Parts.tlv(0x30, Parts.tlv(0x30, [])),                                          // RDN not a SET
            Parts.tlv(0x30, Parts.tlv(0x31, Parts.sequence(Parts.commonNameOID))),         // no value
            // A two-member RDN whose members are not in DER order.
            Parts.tlv(0x30, Parts.tlv(0x31, Parts.sequence(Parts.commonNameOID, Parts.tlv(0x0C, [0x62]))
                                          + Parts.sequence(Parts.commonNameOID, Parts.tlv(0x0C, [0x61])))),
        ]
        for subject in badSubjects {
            parts.subject = subject
            Self.expect(.invalidName, parts)
        }
        // The same two members in order are accepted.
        parts.subject = Parts.tlv(0x30, Parts.tlv(0x31, Parts.sequence(Parts.commonNameOID, Parts.tlv(0x0C, [0x61]))
                                                      + Parts.sequence(Parts.commonNameOID, Parts.tlv(0x0C, [0x62]))))
        #expect(try Self.parse(parts).subject.relativeDistinguishedNames.first?.count == 2)
    }

    @Test("Subject public keys: invalid P-256 points and missing curve parameters are rejected")
    func publicKeys() throws {
        var parts = CertificateParts()
        let ecAlgorithm = Parts.sequence(Parts.oid([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]),
                                         Parts.oid([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]))
        var point = parts.key.publicKey.x963Representation
        point[64] ^= 1  // off the curve
        parts.subjectPublicKeyInfo = Parts.sequence(ecAlgorithm, Parts.tlv(0x03, [0] + point))
        Self.expect(.invalidPublicKey, parts)
        parts.subjectPublicKeyInfo = Parts.sequence(ecAlgorithm, Parts.tlv(0x03, [0, 0x04, 0x01]))
        Self.expect(.invalidPublicKey, parts)
        parts.subjectPublicKeyInfo = Parts.sequence(Parts.sequence(Parts.oid([0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01])),
                                                    Parts.tlv(0x03, [0] + parts.key.publicKey.x963Representation))
        Self.expect(.invalidAlgorithmParameters, parts)
        // A compressed point is a valid P-256 key.
        parts.subjectPublicKeyInfo = Parts.sequence(ecAlgorithm, Parts.tlv(0x03, [0] + parts.key.publicKey.compressedRepresentation))
        let certificate = try Self.parse(parts)
        #expect(certificate.verifySelfSignature())
    }

    @Test("Signature values: unused bits rejected; a non-ECDSA value parses but does not verify")
    func signatureValues() throws {
        var parts = CertificateParts()
        parts.signatureValue = Parts.tlv(0x03, [1, 0x30, 0x00])
        Self.expect(.invalidSignatureEncoding, parts)
        parts.signatureValue = Parts.tlv(0x03, [0, 0x30, 0x00])
        let certificate = try Self.parse(parts)
        #expect(certificate.signature == [0x30, 0x00])
        #expect(!certificate.verifySelfSignature())
        parts.signatureValue = Parts.tlv(0x04, [0x30, 0x00])
        Self.expect(.malformedDER, parts)
    }
}
