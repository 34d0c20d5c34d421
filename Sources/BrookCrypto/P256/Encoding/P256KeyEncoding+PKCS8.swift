import SwiftASN1

extension P256KeyEncoding {
    // MARK: PKCS#8 (RFC 5208 §5, RFC 5958 §2)

    /// PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ecPublicKey, prime256v1 },
    /// OCTET STRING ECPrivateKey }. As OpenSSL writes it, the inner ECPrivateKey omits the curve
    /// parameters (the algorithm identifier carries them) and keeps the public key when given.
    static func pkcs8(privateScalar: [UInt8], x963PublicKey: [UInt8]?) -> [UInt8] {
        let inner = ecPrivateKey(privateScalar: privateScalar, x963PublicKey: x963PublicKey, includeParameters: false)
        var serializer = DER.Serializer()
        serializer.appendConstructedNode(identifier: .sequence) { info in
            info.appendPrimitive(.integer, [0])
            info.appendP256AlgorithmIdentifier()
            info.appendPrimitive(.octetString, inner)
        }
        return serializer.serializedBytes
    }

    /// The scalar and public point of a P-256 PrivateKeyInfo (version 0) or OneAsymmetricKey
    /// (version 1, which may carry the public key as `[1]` outside the ECPrivateKey).
    static func parsePKCS8(_ der: some Collection<UInt8>) throws(CryptoKitError) -> (scalar: [UInt8], publicKey: [UInt8]?) {
        try parsingDER(der) { root in try parsePrivateKeyInfo(root) }
    }

    /// A private key in either PKCS#8 or SEC 1 form, told apart by the second field of the outer
    /// SEQUENCE (an AlgorithmIdentifier SEQUENCE in PKCS#8, the key OCTET STRING in SEC 1).
    static func parsePrivateKeyDER(_ der: some Collection<UInt8>) throws(CryptoKitError) -> (scalar: [UInt8], publicKey: [UInt8]?) {
        try parsingDER(der) { root in
            guard root.identifier == .sequence, case .constructed(let fields) = root.content else {
                throw CryptoKitError.invalidDER
            }
            var iterator = fields.makeIterator()
            _ = iterator.next()
            switch iterator.next()?.identifier {
            case .some(.sequence): return try parsePrivateKeyInfo(root)
            case .some(.octetString): return try parseECPrivateKey(root)
            default: throw CryptoKitError.invalidDER
            }
        }
    }

    static func parsePrivateKeyInfo(_ node: ASN1Node) throws -> (scalar: [UInt8], publicKey: [UInt8]?) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let versionNode = nodes.next() else { throw CryptoKitError.invalidDER }
            let version = try P256DER.smallInteger(versionNode)
            guard version == 0 || version == 1 else { throw CryptoKitError.invalidDER }
            guard let algorithm = nodes.next(), let keyNode = nodes.next() else { throw CryptoKitError.invalidDER }
            try P256DER.requireP256Algorithm(algorithm)
            let keyOctets = try ASN1OctetString(derEncoded: keyNode)
            let inner = try parseECPrivateKey(try DER.parse(keyOctets.bytes))

            // attributes [0] IMPLICIT SET OF Attribute OPTIONAL: accepted and ignored.
            var lookahead = nodes
            if let attributes = lookahead.next(), attributes.identifier == contextTag(0) {
                guard case .constructed = attributes.content else { throw CryptoKitError.invalidDER }
                nodes = lookahead
            }
            // publicKey [1] IMPLICIT BIT STRING OPTIONAL: only in version 1 (RFC 5958 §2).
            var outerPublicKey: [UInt8]?
            lookahead = nodes
            if let publicKeyNode = lookahead.next(), publicKeyNode.identifier == contextTag(1) {
                guard version == 1 else { throw CryptoKitError.invalidDER }
                outerPublicKey = try P256DER.pointBytes(publicKeyNode, identifier: contextTag(1))
                nodes = lookahead
            }
            if let outerPublicKey, let innerPublicKey = inner.publicKey, outerPublicKey != innerPublicKey {
                throw CryptoKitError.invalidDER
            }
            return (inner.scalar, inner.publicKey ?? outerPublicKey)
        }
    }
}
