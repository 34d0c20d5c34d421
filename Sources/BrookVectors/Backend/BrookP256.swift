import BrookCrypto

extension CryptoBackend {
    /// P-256 ECDH through `P256.KeyAgreement`, decoding the peer's key as the file encodes it.
    static let brookP256SharedSecret: @Sendable ([UInt8], [UInt8], PublicKeyEncoding) throws -> [UInt8] = {
        privateKey, publicKey, encoding in
        let ours = try P256.KeyAgreement.PrivateKey(rawRepresentation: privateKey)
        let theirs: P256.KeyAgreement.PublicKey
        switch encoding {
        case .x963: theirs = try P256.KeyAgreement.PublicKey(x963Representation: publicKey)
        case .compressed: theirs = try P256.KeyAgreement.PublicKey(compressedRepresentation: publicKey)
        case .spki: theirs = try P256.KeyAgreement.PublicKey(derRepresentation: publicKey)
        }
        return Array(try ours.sharedSecretFromKeyAgreement(with: theirs))
    }

    /// ECDSA P-256 / SHA-256 verification through `P256.Signing`.
    static let brookP256Verify: @Sendable ([UInt8], PublicKeyEncoding, [UInt8], SignatureEncoding, [UInt8]) throws -> Bool = {
        publicKey, keyEncoding, signature, signatureEncoding, message in
        let key: P256.Signing.PublicKey
        switch keyEncoding {
        case .x963: key = try P256.Signing.PublicKey(x963Representation: publicKey)
        case .compressed: key = try P256.Signing.PublicKey(compressedRepresentation: publicKey)
        case .spki: key = try P256.Signing.PublicKey(derRepresentation: publicKey)
        }
        let parsed: P256.Signing.ECDSASignature
        switch signatureEncoding {
        case .der: parsed = try P256.Signing.ECDSASignature(derRepresentation: signature)
        case .raw: parsed = try P256.Signing.ECDSASignature(rawRepresentation: signature)
        }
        return key.isValidSignature(parsed, for: message)
    }
}
