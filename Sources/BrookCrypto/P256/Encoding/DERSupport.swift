import SwiftASN1

// Shared pieces of the P-256 key encodings: the two object identifiers, conversion of SwiftASN1's
// untyped errors into `CryptoKitError`, and the checks every structure repeats.

enum P256ObjectIdentifiers {
    /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
    static let ecPublicKey = ASN1ObjectIdentifier.AlgorithmIdentifier.idEcPublicKey
    /// secp256r1 / prime256v1, 1.2.840.10045.3.1.7 (RFC 5480 §2.1.1.1).
    static let prime256v1 = ASN1ObjectIdentifier.NamedCurves.secp256r1

    /// The DER content octets of the two identifiers, for writing without a throwing serializer.
    static let ecPublicKeyContent: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    static let prime256v1Content: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
}

/// Runs a SwiftASN1 parse; a `CryptoKitError` thrown inside passes through, any other error
/// (malformed DER, wrong tag, truncation) becomes `malformed`.
func parsingDER<T>(
    _ bytes: some Collection<UInt8>, malformed: CryptoKitError = .invalidDER,
    _ body: (ASN1Node) throws -> T
) throws(CryptoKitError) -> T {
    do {
        let root = try DER.parse(Array(bytes))
        return try body(root)
    } catch let error as CryptoKitError {
        throw error
    } catch {
        throw malformed
    }
}

extension DER.Serializer {
    /// Appends a primitive node whose content octets are `content`.
    mutating func appendPrimitive(_ identifier: ASN1Identifier, _ content: some Sequence<UInt8>) {
        appendPrimitiveNode(identifier: identifier) { $0.append(contentsOf: content) }
    }

    /// AlgorithmIdentifier { id-ecPublicKey, namedCurve prime256v1 } (RFC 5480 §2.1.1).
    mutating func appendP256AlgorithmIdentifier() {
        appendConstructedNode(identifier: .sequence) { algorithm in
            algorithm.appendPrimitive(.objectIdentifier, P256ObjectIdentifiers.ecPublicKeyContent)
            algorithm.appendPrimitive(.objectIdentifier, P256ObjectIdentifiers.prime256v1Content)
        }
    }

    /// A BIT STRING with no unused bits holding `bytes`.
    mutating func appendBitString(_ bytes: [UInt8], identifier: ASN1Identifier = .bitString) {
        appendPrimitiveNode(identifier: identifier) { content in
            content.append(0)
            content.append(contentsOf: bytes)
        }
    }
}

enum P256DER {
    /// Parses ECParameters and requires namedCurve prime256v1 (RFC 5480 §2.1.1). Explicit curve
    /// parameters, implicitCurve (NULL) and other named curves are `.unsupportedAlgorithm`.
    static func requireNamedCurveP256(_ node: ASN1Node) throws -> Void {
        guard node.identifier == .objectIdentifier else { throw CryptoKitError.unsupportedAlgorithm }
        let curve = try ASN1ObjectIdentifier(derEncoded: node)
        guard curve == P256ObjectIdentifiers.prime256v1 else { throw CryptoKitError.unsupportedAlgorithm }
    }

    /// Parses AlgorithmIdentifier and requires id-ecPublicKey with namedCurve prime256v1.
    static func requireP256Algorithm(_ node: ASN1Node) throws {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let algorithmNode = nodes.next() else { throw CryptoKitError.invalidDER }
            let algorithm = try ASN1ObjectIdentifier(derEncoded: algorithmNode)
            guard algorithm == P256ObjectIdentifiers.ecPublicKey else { throw CryptoKitError.unsupportedAlgorithm }
            // RFC 5480 §2.1.1: the parameters are required for id-ecPublicKey.
            guard let parameters = nodes.next() else { throw CryptoKitError.invalidDER }
            try requireNamedCurveP256(parameters)
        }
    }

    /// The key bytes of a BIT STRING holding an X9.62 point: 65 bytes starting 04 (uncompressed)
    /// or 33 bytes starting 02/03 (compressed). Whether the point is on the curve is the curve
    /// code's check.
    static func pointBytes(_ node: ASN1Node, identifier: ASN1Identifier = .bitString) throws -> [UInt8] {
        let bitString = try ASN1BitString(derEncoded: node, withIdentifier: identifier)
        guard bitString.paddingBits == 0 else { throw CryptoKitError.invalidDER }
        let point = Array(bitString.bytes)
        guard isPointEncoding(point) else { throw CryptoKitError.invalidPublicKey }
        return point
    }

    static func isPointEncoding(_ point: [UInt8]) -> Bool {
        switch (point.count, point.first) {
        case (65, 0x04): return true
        case (33, 0x02), (33, 0x03): return true
        default: return false
        }
    }

    /// A private scalar from an OCTET STRING: 1–32 bytes, left-padded to 32.
    static func scalarBytes(_ node: ASN1Node) throws -> [UInt8] {
        let octets = try ASN1OctetString(derEncoded: node)
        guard !octets.bytes.isEmpty, octets.bytes.count <= 32 else { throw CryptoKitError.invalidPrivateKey }
        return [UInt8](repeating: 0, count: 32 - octets.bytes.count) + octets.bytes
    }

    /// A small non-negative INTEGER (versions).
    static func smallInteger(_ node: ASN1Node) throws -> Int {
        try Int(derEncoded: node)
    }
}
