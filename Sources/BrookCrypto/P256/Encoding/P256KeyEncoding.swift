import SwiftASN1

/// Byte-level encodings of P-256 keys: SubjectPublicKeyInfo (RFC 5480), ECPrivateKey (SEC 1 /
/// RFC 5915), PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208 / RFC 5958) and PEM (RFC 7468).
///
/// Parsing is strict DER (definite minimal lengths, minimal integers, no trailing bytes). Point
/// and scalar bytes are returned as found; range and on-curve checks belong to the curve code.
/// Errors: a structure that names another algorithm or curve is `.unsupportedAlgorithm`; a
/// malformed one is `.invalidDER`; an impossible point or scalar length is `.invalidPublicKey` /
/// `.invalidPrivateKey`.
enum P256KeyEncoding {
    // MARK: SubjectPublicKeyInfo (RFC 5480 §2)

    /// SubjectPublicKeyInfo { AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, BIT STRING point }.
    static func spki(x963Point: [UInt8]) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { info in
            info.appendP256AlgorithmIdentifier()
            info.appendBitString(x963Point)
        }
        return serializer.serializedBytes
    }

    /// The X9.62 point (65-byte uncompressed or 33-byte compressed) of a P-256 SubjectPublicKeyInfo.
    static func parseSPKI(_ der: some Collection<UInt8>) throws(CryptoKitError) -> [UInt8] {
        try parsingDER(der) { root in
            try DER.sequence(root, identifier: .sequence) { nodes in
                guard let algorithm = nodes.next(), let key = nodes.next() else { throw CryptoKitError.invalidDER }
                try P256DER.requireP256Algorithm(algorithm)
                return try P256DER.pointBytes(key)
            }
        }
    }

    // MARK: ECPrivateKey (RFC 5915 §3)

    /// ECPrivateKey { version 1, privateKey, [0] prime256v1, [1] publicKey (when given) }.
    static func sec1(privateScalar: [UInt8], x963PublicKey: [UInt8]?) -> [UInt8] {
        ecPrivateKey(privateScalar: privateScalar, x963PublicKey: x963PublicKey, includeParameters: true)
    }

    /// The 32-byte scalar (left-padded when encoded shorter) and the public point, when present,
    /// of an ECPrivateKey. Parameters, when present, must name prime256v1.
    static func parseSEC1(_ der: some Collection<UInt8>) throws(CryptoKitError) -> (scalar: [UInt8], publicKey: [UInt8]?) {
        try parsingDER(der) { root in try parseECPrivateKey(root) }
    }

    static func ecPrivateKey(privateScalar: [UInt8], x963PublicKey: [UInt8]?, includeParameters: Bool) -> [UInt8] {
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { key in
            key.appendPrimitive(.integer, [1])  // ecPrivkeyVer1
            key.appendPrimitive(.octetString, privateScalar)
            if includeParameters {
                key.appendConstructedNode(identifier: contextTag(0)) { parameters in
                    parameters.appendPrimitive(.objectIdentifier, P256ObjectIdentifiers.prime256v1Content)
                }
            }
            if let x963PublicKey {
                key.appendConstructedNode(identifier: contextTag(1)) { publicKey in
                    publicKey.appendBitString(x963PublicKey)
                }
            }
        }
        return serializer.serializedBytes
    }

    static func parseECPrivateKey(_ node: ASN1Node) throws -> (scalar: [UInt8], publicKey: [UInt8]?) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let versionNode = nodes.next(), try P256DER.smallInteger(versionNode) == 1 else {
                throw CryptoKitError.invalidDER
            }
            guard let scalarNode = nodes.next() else { throw CryptoKitError.invalidDER }
            // The curve is checked before the scalar length, so a P-384 key is reported as another
            // curve rather than as a bad P-256 scalar.
            _ = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { parameters in
                try P256DER.requireNamedCurveP256(parameters)
            }
            let scalar = try P256DER.scalarBytes(scalarNode)
            let publicKey = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { key in
                try P256DER.pointBytes(key)
            }
            return (scalar, publicKey)
        }
    }

    static func contextTag(_ number: UInt) -> ASN1Identifier {
        ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)
    }
}
