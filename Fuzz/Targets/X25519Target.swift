import BrookCrypto

// X25519 keys and key agreement (RFC 7748).

extension FuzzTarget {
    /// The input as a peer public key and as a private key, against a fixed key pair.
    static let x25519 = FuzzTarget(
        name: "x25519",
        summary: "Curve25519 keys from raw bytes; exactly 32 bytes accepted; the top bit of u is ignored; agreement is symmetric"
    ) { input throws(FuzzFailure) in
        let bytes = Array(input)
        let publicKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: input)
        let privateKey = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: input)
        try ensure((publicKey != nil) == (bytes.count == 32), "public key of \(bytes.count) bytes accepted or 32 bytes refused")
        try ensure((privateKey != nil) == (bytes.count == 32), "private key of \(bytes.count) bytes accepted or 32 bytes refused")
        guard let publicKey, let privateKey else { return .rejected }
        try ensure(publicKey.rawRepresentation == bytes, "public rawRepresentation differs from the input")
        try ensure(privateKey.rawRepresentation == bytes, "private rawRepresentation differs from the input")

        let fixed = X25519FuzzFixture.privateKey
        // RFC 7748 §5: the most significant bit of the u-coordinate is masked off.
        var flipped = bytes
        flipped[31] ^= 0x80
        let secret = try? fixed.sharedSecretFromKeyAgreement(with: publicKey)
        let flippedKey = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: flipped)
        let flippedSecret = flippedKey.flatMap { try? fixed.sharedSecretFromKeyAgreement(with: $0) }
        try ensure(secret == flippedSecret, "the top bit of u changed the shared secret")

        // Both sides of an agreement compute the same secret (or both refuse a zero one).
        let ours = try? privateKey.sharedSecretFromKeyAgreement(with: fixed.publicKey)
        let theirs = try? fixed.sharedSecretFromKeyAgreement(with: privateKey.publicKey)
        try ensure(ours == theirs, "key agreement is not symmetric")
        try ensure(ours != nil, "agreement with a valid public key gave a zero secret")
        return .accepted
    }
}

enum X25519FuzzFixture {
    /// Private key 0x4242…42.
    static let privateKey = try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](repeating: 0x42, count: 32))
}
