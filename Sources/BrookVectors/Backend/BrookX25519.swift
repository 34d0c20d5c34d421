import BrookCrypto

extension CryptoBackend {
    /// X25519 through `Curve25519.KeyAgreement` (throws `.zeroSharedSecret` on an all-zero result).
    static let brookX25519: @Sendable ([UInt8], [UInt8]) throws -> [UInt8] = { privateKey, publicKey in
        let ours = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey)
        let theirs = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey)
        return Array(try ours.sharedSecretFromKeyAgreement(with: theirs))
    }
}
