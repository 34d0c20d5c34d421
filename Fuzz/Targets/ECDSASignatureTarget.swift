import BrookCrypto

// ECDSA P-256 signatures: DER Ecdsa-Sig-Value (RFC 3279 §2.2.3) and raw r ‖ s, verified against
// a fixed key.

extension FuzzTarget {
    /// DER and raw signature decoding, and verification of what decodes under a fixed key.
    static let ecdsaSignature = FuzzTarget(
        name: "ecdsa-signature",
        summary: "ECDSASignature from DER and raw; strict DER re-encodes to the input; verification under a fixed key agrees with (r, n - s)"
    ) { input throws(FuzzFailure) in
        let bytes = Array(input)
        var outcome = FuzzOutcome.rejected
        if let signature = try? P256.Signing.ECDSASignature(derRepresentation: input) {
            try ensure(signature.derRepresentation == bytes, "derRepresentation differs from the accepted (strict DER) input")
            let raw = try? P256.Signing.ECDSASignature(rawRepresentation: signature.rawRepresentation)
            try ensure(raw == signature, "raw round trip")
            try checkVerification(signature)
            outcome = .accepted
        }
        if let signature = try? P256.Signing.ECDSASignature(rawRepresentation: input) {
            try ensure(signature.rawRepresentation == bytes, "rawRepresentation differs from the accepted input")
            let der = try? P256.Signing.ECDSASignature(derRepresentation: signature.derRepresentation)
            try ensure(der == signature, "DER round trip")
            try checkVerification(signature)
            outcome = .accepted
        }
        return outcome
    }
}

/// The key and message the seed signatures were made with (`Fuzz/make_corpus.py`).
enum ECDSAFuzzFixture {
    /// Private scalar 0x0101…01.
    static let publicKey = try! P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 32)).publicKey
    static let message = Array("brook fuzz message".utf8)
    /// The group order n of P-256 (SEC 2 §2.4.2), big-endian.
    static let order: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
    ]
}

/// A signature valid for the fixture message is also valid as (r, n − s) (ECDSA's malleability),
/// and invalid for any other message.
private func checkVerification(_ signature: P256.Signing.ECDSASignature) throws(FuzzFailure) {
    let key = ECDSAFuzzFixture.publicKey
    guard key.isValidSignature(signature, for: ECDSAFuzzFixture.message) else { return }
    let raw = signature.rawRepresentation
    let negated = Array(raw[..<32]) + subtract(ECDSAFuzzFixture.order, Array(raw[32...]))
    let mirror = try? P256.Signing.ECDSASignature(rawRepresentation: negated)
    try ensure(mirror.map { key.isValidSignature($0, for: ECDSAFuzzFixture.message) } == true, "(r, n - s) does not verify although (r, s) does")
    try ensure(!key.isValidSignature(signature, for: ECDSAFuzzFixture.message + [0]), "the signature also verifies for another message")
}

/// a − b for 32-byte big-endian numbers, modulo 2^256.
private func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
    var result = [UInt8](repeating: 0, count: 32)
    var borrow = 0
    for index in (0..<32).reversed() {
        let difference = Int(a[index]) - Int(b[index]) - borrow
        result[index] = UInt8(truncatingIfNeeded: difference)
        borrow = difference < 0 ? 1 : 0
    }
    return result
}
