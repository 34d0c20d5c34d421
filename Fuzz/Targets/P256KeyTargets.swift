import BrookCrypto

// P-256 public keys (SEC 1 §2.3.3–2.3.4 points, RFC 5480 SubjectPublicKeyInfo, RFC 7468 PEM) and
// private keys (raw scalars, RFC 5915 SEC 1 and RFC 5208 PKCS#8 DER, PEM).

extension FuzzTarget {
    /// Every public-key decoder on the same bytes; an accepted key re-encodes to the input.
    static let p256PublicKey = FuzzTarget(
        name: "p256-public-key",
        summary: "P256 public keys from x963, compressed, raw, DER and PEM; accepted keys re-encode to the input and agree across forms"
    ) { input throws(FuzzFailure) in
        let bytes = Array(input)
        var outcome = FuzzOutcome.rejected
        if let key = try? P256.Signing.PublicKey(x963Representation: input) {
            try ensure(key.x963Representation == bytes, "x963Representation differs from the accepted input")
            let agreement = try? P256.KeyAgreement.PublicKey(x963Representation: input)
            try ensure(agreement?.x963Representation == bytes, "KeyAgreement and Signing disagree on an x963 key")
            try checkPublicKey(key)
            outcome = .accepted
        }
        if let key = try? P256.Signing.PublicKey(compressedRepresentation: input) {
            try ensure(key.compressedRepresentation == bytes, "compressedRepresentation differs from the accepted input")
            try checkPublicKey(key)
            outcome = .accepted
        }
        if let key = try? P256.Signing.PublicKey(rawRepresentation: input) {
            try ensure(key.rawRepresentation == bytes, "rawRepresentation differs from the accepted input")
            try checkPublicKey(key)
            outcome = .accepted
        }
        if let key = try? P256.Signing.PublicKey(derRepresentation: input) {
            // Strict DER: the one 91-byte SubjectPublicKeyInfo form is the uncompressed one we write.
            if bytes.count == key.derRepresentation.count {
                try ensure(key.derRepresentation == bytes, "derRepresentation differs from an accepted uncompressed SPKI")
            }
            try checkPublicKey(key)
            outcome = .accepted
        }
        if let key = try? P256.Signing.PublicKey(pemRepresentation: String(decoding: input, as: UTF8.self)) {
            try checkPublicKey(key)
            outcome = .accepted
        }
        return outcome
    }

    /// Every private-key decoder on the same bytes; an accepted key round-trips through every encoding.
    static let p256PrivateKey = FuzzTarget(
        name: "p256-private-key",
        summary: "P256 private keys from raw, PKCS#8/SEC 1 DER and PEM; accepted keys round-trip through every encoding"
    ) { input throws(FuzzFailure) in
        var outcome = FuzzOutcome.rejected
        if let key = try? P256.Signing.PrivateKey(rawRepresentation: input) {
            try ensure(key.rawRepresentation == Array(input), "rawRepresentation differs from the accepted input")
            try checkPrivateKey(key)
            outcome = .accepted
        }
        if let key = try? P256.Signing.PrivateKey(derRepresentation: input) {
            let agreement = try? P256.KeyAgreement.PrivateKey(derRepresentation: input)
            try ensure(agreement?.rawRepresentation == key.rawRepresentation, "KeyAgreement and Signing disagree on a DER key")
            try checkPrivateKey(key)
            outcome = .accepted
        }
        if let key = try? P256.Signing.PrivateKey(pemRepresentation: String(decoding: input, as: UTF8.self)) {
            try checkPrivateKey(key)
            outcome = .accepted
        }
        return outcome
    }
}

/// An accepted public key reads back from each of its encodings as the same point.
private func checkPublicKey(_ key: P256.Signing.PublicKey) throws(FuzzFailure) {
    let point = key.x963Representation
    try ensure(point.count == 65 && point[0] == 0x04, "x963Representation is not an uncompressed point")
    try ensure((try? P256.Signing.PublicKey(x963Representation: point))?.x963Representation == point, "x963 round trip")
    try ensure((try? P256.Signing.PublicKey(compressedRepresentation: key.compressedRepresentation))?.x963Representation == point, "compressed round trip")
    try ensure((try? P256.Signing.PublicKey(rawRepresentation: key.rawRepresentation))?.x963Representation == point, "raw round trip")
    try ensure((try? P256.Signing.PublicKey(derRepresentation: key.derRepresentation))?.x963Representation == point, "DER round trip")
    try ensure((try? P256.Signing.PublicKey(pemRepresentation: key.pemRepresentation))?.x963Representation == point, "PEM round trip")
}

/// An accepted private key reads back from each of its encodings as the same scalar and public key.
private func checkPrivateKey(_ key: P256.Signing.PrivateKey) throws(FuzzFailure) {
    let scalar = key.rawRepresentation
    let point = key.publicKey.x963Representation
    try ensure(scalar.count == 32, "rawRepresentation is not 32 bytes")
    let encodings: [(String, P256.Signing.PrivateKey?)] = [
        ("raw", try? P256.Signing.PrivateKey(rawRepresentation: scalar)),
        ("PKCS#8 DER", try? P256.Signing.PrivateKey(derRepresentation: key.derRepresentation)),
        ("SEC 1 DER", try? P256.Signing.PrivateKey(derRepresentation: key.sec1DERRepresentation)),
        ("PKCS#8 PEM", try? P256.Signing.PrivateKey(pemRepresentation: key.pemRepresentation)),
        ("SEC 1 PEM", try? P256.Signing.PrivateKey(pemRepresentation: key.sec1PEMRepresentation)),
    ]
    for (name, reread) in encodings {
        try ensure(reread?.rawRepresentation == scalar, "\(name) round trip changed the scalar")
        try ensure(reread?.publicKey.x963Representation == point, "\(name) round trip changed the public key")
    }
}
