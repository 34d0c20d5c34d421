// P-256 (ECDH, ECDSA signing with its RFC 6979 nonce, key generation) and X25519 with secret
// scalars. Peer public keys and messages to sign are public; so are the public keys and
// signatures produced (BrookCrypto declassifies them where they are produced).
import BrookCrypto

/// A valid P-256 scalar (big-endian, top bit clear so that it is below n, never zero), public.
private func p256ScalarBytes(_ inputs: inout InputGenerator) -> [UInt8] {
    var bytes = inputs.bytes(32)
    bytes[0] = (bytes[0] & 0x7F) | 0x01
    return bytes
}

let asymmetricOperations: [Operation] = [
    Operation("p256-ecdh") { inputs in
        let peer = try P256.KeyAgreement.PrivateKey(rawRepresentation: p256ScalarBytes(&inputs)).publicKey
        let privateKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: secret(p256ScalarBytes(&inputs)))
        keep(try privateKey.sharedSecretFromKeyAgreement(with: peer))
    },
    Operation("p256-ecdsa-sign") { inputs in
        let privateKey = try P256.Signing.PrivateKey(rawRepresentation: secret(p256ScalarBytes(&inputs)))
        let message = inputs.bytes(100)
        var hedging = SecretRandom(inner: InputGenerator(seed: inputs.next()))
        let signatures = [
            try privateKey.signature(for: message),
            try privateKey.signature(for: message, hedgingWith: &hedging),
        ]
        // Verification runs on public data only (variable-time by design); it branches on the
        // signature and the public key, so this also proves both were declassified.
        let publicKey = privateKey.publicKey
        for signature in signatures where !publicKey.isValidSignature(signature, for: message) {
            throw CheckFailure("a P-256 signature did not verify")
        }
    },
    Operation("p256-keygen") { inputs in
        var rng = SecretRandom(inner: InputGenerator(seed: inputs.next()))
        let signingKey = P256.Signing.PrivateKey(using: &rng)
        keep(signingKey.publicKey.rawRepresentation)
        let agreementKey = P256.KeyAgreement.PrivateKey(using: &rng)
        keep(agreementKey.publicKey.x963Representation)
    },
    Operation("p256-der-import") { inputs in
        // PKCS#8 and SEC 1 documents: their structure (tags, lengths, OIDs, the stated public key)
        // is public; the 32 scalar bytes inside are secret.
        let scalar = p256ScalarBytes(&inputs)
        let key = try P256.Signing.PrivateKey(rawRepresentation: scalar)
        for var document in [key.derRepresentation, key.sec1DERRepresentation] {
            guard let start = (0...(document.count - 32)).first(where: { document[$0..<($0 + 32)].elementsEqual(scalar) }) else {
                throw CheckFailure("the scalar is not in the DER document")
            }
            markSecret(&document, range: start..<(start + 32))
            keep(try P256.Signing.PrivateKey(derRepresentation: document))
            keep(try P256.KeyAgreement.PrivateKey(derRepresentation: document))
        }
    },
    Operation("x25519") { inputs in
        let peer = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: inputs.bytes(32)).publicKey
        let privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: secret(inputs.bytes(32)))
        keep(privateKey.publicKey.rawRepresentation)
        keep(try privateKey.sharedSecretFromKeyAgreement(with: peer))
        var rng = SecretRandom(inner: InputGenerator(seed: inputs.next()))
        let generated = Curve25519.KeyAgreement.PrivateKey(using: &rng)
        keep(try generated.sharedSecretFromKeyAgreement(with: peer))
    },
]
