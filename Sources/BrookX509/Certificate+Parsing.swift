import SwiftASN1

extension Certificate {
    /// Parses a DER certificate (RFC 5280 §4.1) strictly: definite minimal lengths, minimal
    /// integers, DER booleans and times, nothing after the outer SEQUENCE, the version matching
    /// the fields present, and identical inner and outer signature algorithms. Never traps; every
    /// failure is a typed `X509Error`.
    public init(derEncoded: some Collection<UInt8>) throws(X509Error) {
        guard derEncoded.count <= Certificate.maximumDERByteCount else { throw .tooLarge }
        let bytes = Array(derEncoded)
        // Tell trailing bytes apart from a truncated or malformed certificate before the full parse.
        guard bytes.first == 0x30, let statedLength = DERReading.statedElementLength(bytes) else {
            throw .malformedDER
        }
        guard bytes.count <= statedLength else { throw .trailingBytes }
        guard bytes.count == statedLength else { throw .malformedDER }
        let root = try parsingDER { try DER.parse(bytes) }

        let (tbsNode, outerAlgorithmNode, signatureNode) = try parsingDER { () throws -> (ASN1Node, ASN1Node, ASN1Node) in
            try DER.sequence(root, identifier: .sequence) { fields in
                guard let tbs = fields.next(), let algorithm = fields.next(), let signature = fields.next() else {
                    throw X509Error.malformedDER
                }
                return (tbs, algorithm, signature)
            }
        }
        let outerAlgorithm = try SignatureAlgorithm.parse(outerAlgorithmNode)
        let signature = try DERReading.octetAlignedBitString(signatureNode, unusedBits: .invalidSignatureEncoding)
        let tbs = try TBSFields(tbsNode)
        // RFC 5280 §4.1.1.2: the two AlgorithmIdentifiers MUST be the same.
        guard tbs.signatureAlgorithmDER == outerAlgorithmNode.encodedBytes else { throw .signatureAlgorithmMismatch }

        self.init(
            derEncoded: bytes, tbsCertificate: tbsNode.encodedBytes, version: tbs.version,
            serialNumber: tbs.serialNumber, signatureAlgorithm: outerAlgorithm, issuer: tbs.issuer,
            subject: tbs.subject, notBefore: tbs.notBefore, notAfter: tbs.notAfter,
            publicKey: tbs.publicKey, subjectPublicKeyInfo: tbs.subjectPublicKeyInfo,
            extensions: tbs.extensions, signature: signature
        )
    }
}

/// The decoded fields of a TBSCertificate (RFC 5280 §4.1.2).
private struct TBSFields {
    var version = Certificate.Version.v1
    var serialNumber: ArraySlice<UInt8> = []
    var signatureAlgorithmDER: ArraySlice<UInt8> = []
    var issuer: DistinguishedName
    var subject: DistinguishedName
    var notBefore: UTCDateTime
    var notAfter: UTCDateTime
    var publicKey: CertificatePublicKey
    var subjectPublicKeyInfo: ArraySlice<UInt8>
    var extensions: [CertificateExtension] = []

    init(_ node: ASN1Node) throws(X509Error) {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw .malformedDER
        }
        var fields = children.makeIterator()
        var next = fields.next()

        // version [0] EXPLICIT Version DEFAULT v1: DER omits it for v1 (X.690 §11.5).
        if let explicitVersion = next, explicitVersion.identifier == DERReading.contextTag(0) {
            version = try TBSFields.version(explicitVersion)
            next = fields.next()
        }

        guard let serialNode = next else { throw .malformedDER }
        serialNumber = try TBSFields.serialNumber(serialNode)

        guard let algorithmNode = fields.next() else { throw .malformedDER }
        _ = try SignatureAlgorithm.parse(algorithmNode)
        signatureAlgorithmDER = algorithmNode.encodedBytes

        guard let issuerNode = fields.next(), let validityNode = fields.next(),
              let subjectNode = fields.next(), let keyNode = fields.next()
        else { throw .malformedDER }
        issuer = try DistinguishedName(issuerNode)
        (notBefore, notAfter) = try TBSFields.validity(validityNode)
        subject = try DistinguishedName(subjectNode)
        publicKey = try CertificatePublicKey(subjectPublicKeyInfo: keyNode)
        subjectPublicKeyInfo = keyNode.encodedBytes

        // issuerUniqueID [1], subjectUniqueID [2] (v2, v3) and extensions [3] (v3), in that order.
        next = fields.next()
        for tag: UInt in [1, 2] {
            guard let field = next, field.identifier == DERReading.contextTag(tag) else { continue }
            guard version != .v1 else { throw .fieldNotAllowedInVersion }
            _ = try parsingDER { try ASN1BitString(derEncoded: field, withIdentifier: DERReading.contextTag(tag)) }
            next = fields.next()
        }
        if let field = next, field.identifier == DERReading.contextTag(3) {
            guard version == .v3 else { throw .fieldNotAllowedInVersion }
            extensions = try TBSFields.extensions(field)
            next = fields.next()
        }
        guard next == nil else { throw .malformedDER }
    }

    private static func version(_ node: ASN1Node) throws(X509Error) -> Certificate.Version {
        let content = try parsingDER { () throws -> ArraySlice<UInt8> in
            try DER.explicitlyTagged(node, tagNumber: 0, tagClass: .contextSpecific) { inner in
                try DERReading.integerBytes(inner)
            }
        }
        // An explicit v1 is a DER violation (DEFAULT value encoded); v2 and v3 are 1 and 2.
        guard content.count == 1, let value = content.first, let version = Certificate.Version(rawValue: Int(value)),
              version != .v1
        else { throw .unsupportedVersion }
        return version
    }

    /// RFC 5280 §4.1.2.2: a non-negative integer of at most 20 octets. Issuers MUST use a
    /// positive one, but users SHOULD cope with zero, which simple WebRTC endpoints may write; a
    /// negative serial (rejected by Go's crypto/x509 too) is an encoding error.
    private static func serialNumber(_ node: ASN1Node) throws(X509Error) -> ArraySlice<UInt8> {
        let content = try DERReading.integerBytes(node)
        let value = content.count > 1 && content.first == 0 ? content.dropFirst() : content[...]
        guard let first = content.first, first & 0x80 == 0, value.count <= 20 else {
            throw .invalidSerialNumber
        }
        return content
    }

    private static func validity(_ node: ASN1Node) throws(X509Error) -> (UTCDateTime, UTCDateTime) {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw .malformedDER
        }
        var times = children.makeIterator()
        guard let notBeforeNode = times.next(), let notAfterNode = times.next(), times.next() == nil else {
            throw .malformedDER
        }
        return (try X509Time.parse(notBeforeNode), try X509Time.parse(notAfterNode))
    }

    private static func extensions(_ node: ASN1Node) throws(X509Error) -> [CertificateExtension] {
        guard case .constructed(let children) = node.content else { throw .malformedDER }
        var inner = children.makeIterator()
        guard let sequence = inner.next(), inner.next() == nil else { throw .malformedDER }
        return try CertificateExtension.parseAll(sequence)
    }
}
