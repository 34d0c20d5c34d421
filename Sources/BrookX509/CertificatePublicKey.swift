import BrookCrypto
import SwiftASN1

/// The subject public key of a certificate (RFC 5280 §4.1.2.7). P-256 ECDSA keys — what WebRTC
/// endpoints use — are decoded and validated; other keys are reported by algorithm.
public enum CertificatePublicKey: Sendable {
    /// An id-ecPublicKey on prime256v1 (RFC 5480 §2.1.1), validated as a point on the curve.
    case p256(P256.Signing.PublicKey)
    /// Any other key: its algorithm's dotted object identifier (1.2.840.113549.1.1.1 for RSA,
    /// 1.2.840.10045.2.1 for elliptic curves, 1.3.101.112 for Ed25519, …) and, for elliptic-curve
    /// keys, the named curve's identifier (1.3.132.0.34 for P-384).
    case unsupported(algorithm: String, namedCurve: String?)

    /// id-ecPublicKey (RFC 5480 §2.1.1).
    static let ecPublicKeyOID = "1.2.840.10045.2.1"
    /// secp256r1 / prime256v1 (RFC 5480 §2.1.1.1).
    static let prime256v1OID = "1.2.840.10045.3.1.7"

    /// Reads a SubjectPublicKeyInfo. A P-256 key whose point is invalid is `.invalidPublicKey`;
    /// any other algorithm only needs a well-formed structure.
    init(subjectPublicKeyInfo node: ASN1Node) throws(X509Error) {
        let (algorithm, curve, key) = try parsingDER { () throws -> (String, String?, ASN1BitString) in
            try DER.sequence(node, identifier: .sequence) { fields in
                guard let algorithmNode = fields.next(), let keyNode = fields.next() else { throw X509Error.malformedDER }
                let key = try ASN1BitString(derEncoded: keyNode)
                return try DER.sequence(algorithmNode, identifier: .sequence) { parts in
                    guard let oidNode = parts.next() else { throw X509Error.malformedDER }
                    let algorithm = try KnownObjectIdentifiers.dotted(oidNode)
                    let parameters = parts.next()
                    guard algorithm == CertificatePublicKey.ecPublicKeyOID else { return (algorithm, nil, key) }
                    // RFC 5480 §2.1.1: parameters are required; only namedCurve is in the profile.
                    guard let parameters, parameters.identifier == .objectIdentifier else {
                        throw X509Error.invalidAlgorithmParameters
                    }
                    return (algorithm, try KnownObjectIdentifiers.dotted(parameters), key)
                }
            }
        }
        guard algorithm == CertificatePublicKey.ecPublicKeyOID, curve == CertificatePublicKey.prime256v1OID else {
            self = .unsupported(algorithm: algorithm, namedCurve: curve)
            return
        }
        // RFC 5480 §2.2: subjectPublicKey is the SEC 1 ECPoint itself, uncompressed (MUST be
        // supported) or compressed; it is validated as a point on the curve either way.
        guard key.paddingBits == 0 else { throw .invalidPublicKey }
        do {
            switch key.bytes.count {
            case 65: self = .p256(try P256.Signing.PublicKey(x963Representation: key.bytes))
            case 33: self = .p256(try P256.Signing.PublicKey(compressedRepresentation: key.bytes))
            default: throw X509Error.invalidPublicKey
            }
        } catch {
            throw .invalidPublicKey
        }
    }
}

extension CertificatePublicKey: Equatable {
    /// P-256 keys are equal when their points are; unsupported keys when their algorithm
    /// identifiers are (their key bits are in `Certificate.subjectPublicKeyInfo`).
    public static func == (lhs: CertificatePublicKey, rhs: CertificatePublicKey) -> Bool {
        switch (lhs, rhs) {
        case (.p256(let a), .p256(let b)):
            return a.rawRepresentation == b.rawRepresentation
        case (.unsupported(let a, let curveA), .unsupported(let b, let curveB)):
            return a == b && curveA == curveB
        default:
            return false
        }
    }
}
