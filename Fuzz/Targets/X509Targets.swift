import BrookCrypto
import BrookX509

// X.509 certificates (RFC 5280) from DER and PEM, and SDP fingerprints (RFC 8122 §5).

extension FuzzTarget {
    /// `Certificate(derEncoded:)`; an accepted certificate must round-trip exactly.
    static let x509DER = FuzzTarget(
        name: "x509-der",
        summary: "Certificate(derEncoded:); accepted input equals derEncoded and round-trips through DER, PEM and its fingerprint"
    ) { input throws(FuzzFailure) in
        guard let certificate = try? Certificate(derEncoded: input) else { return .rejected }
        try ensure(certificate.derEncoded == Array(input), "derEncoded differs from the accepted input")
        try checkCertificate(certificate)
        return .accepted
    }

    /// `Certificate(pemEncoded:)` on the input read as UTF-8 text.
    static let x509PEM = FuzzTarget(
        name: "x509-pem",
        summary: "Certificate(pemEncoded:) on the input as text; the DER inside round-trips as for x509-der"
    ) { input throws(FuzzFailure) in
        guard let certificate = try? Certificate(pemEncoded: String(decoding: input, as: UTF8.self)) else {
            return .rejected
        }
        try checkCertificate(certificate)
        return .accepted
    }

    /// `CertificateFingerprint(sdpValue:)`; an accepted value prints back to an equal fingerprint.
    static let sdpFingerprint = FuzzTarget(
        name: "sdp-fingerprint",
        summary: "CertificateFingerprint(sdpValue:); an accepted value re-parses from its description to the same fingerprint"
    ) { input throws(FuzzFailure) in
        guard let fingerprint = try? CertificateFingerprint(sdpValue: String(decoding: input, as: UTF8.self)) else {
            return .rejected
        }
        try ensure(fingerprint.bytes.count == fingerprint.algorithm.byteCount, "digest length differs from the algorithm's")
        let reparsed = try? CertificateFingerprint(sdpValue: fingerprint.description)
        try ensure(reparsed == fingerprint, "description \(fingerprint.description) does not parse back")
        return .accepted
    }
}

/// Properties every accepted certificate has, whatever it was read from.
private func checkCertificate(_ certificate: Certificate) throws(FuzzFailure) {
    let der = certificate.derEncoded
    try ensure((try? Certificate(derEncoded: der)) == certificate, "derEncoded does not parse back")
    try ensure((try? Certificate(pemEncoded: certificate.pemEncoded)) == certificate, "pemEncoded does not parse back")
    // The signed bytes and the key are pieces of the certificate.
    try ensure(contains(der, certificate.tbsCertificate), "tbsCertificate is not inside derEncoded")
    try ensure(contains(certificate.tbsCertificate, certificate.subjectPublicKeyInfo), "subjectPublicKeyInfo is not inside tbsCertificate")
    if case .p256(let key) = certificate.publicKey {
        let reread = try? P256.Signing.PublicKey(derRepresentation: certificate.subjectPublicKeyInfo)
        try ensure(reread?.rawRepresentation == key.rawRepresentation, "the P-256 key does not re-read from subjectPublicKeyInfo")
    }
    for algorithm in CertificateFingerprint.Algorithm.allCases {
        let fingerprint = CertificateFingerprint(certificate: certificate, algorithm: algorithm)
        try ensure(fingerprint.matches(certificate), "a \(algorithm) fingerprint does not match its own certificate")
    }
    // Exercised for crashes; whether a fuzzed signature verifies is not a property.
    _ = certificate.verifySelfSignature()
    _ = certificate.description
}

/// True when `part` occurs as a contiguous run in `whole`.
private func contains(_ whole: [UInt8], _ part: [UInt8]) -> Bool {
    guard part.count <= whole.count else { return false }
    if part.isEmpty { return true }
    for start in 0...(whole.count - part.count) where whole[start] == part[0] {
        if whole[start..<(start + part.count)].elementsEqual(part) { return true }
    }
    return false
}
