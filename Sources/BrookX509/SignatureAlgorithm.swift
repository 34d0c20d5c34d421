import SwiftASN1

/// The algorithm a certificate is signed with (RFC 5280 §4.1.1.2). Algorithms Brook does not
/// name are kept as `.unknown` with their dotted object identifier, so any well-formed
/// certificate parses.
public enum SignatureAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// ecdsa-with-SHA256, 1.2.840.10045.4.3.2 (RFC 5758 §3.2).
    case ecdsaWithSHA256
    /// ecdsa-with-SHA384, 1.2.840.10045.4.3.3 (RFC 5758 §3.2).
    case ecdsaWithSHA384
    /// ecdsa-with-SHA512, 1.2.840.10045.4.3.4 (RFC 5758 §3.2).
    case ecdsaWithSHA512
    /// sha256WithRSAEncryption, 1.2.840.113549.1.1.11 (RFC 4055 §5).
    case sha256WithRSAEncryption
    /// sha384WithRSAEncryption, 1.2.840.113549.1.1.12 (RFC 4055 §5).
    case sha384WithRSAEncryption
    /// sha512WithRSAEncryption, 1.2.840.113549.1.1.13 (RFC 4055 §5).
    case sha512WithRSAEncryption
    /// id-RSASSA-PSS, 1.2.840.113549.1.1.10 (RFC 4055 §3).
    case rsassaPSS
    /// id-Ed25519, 1.3.101.112 (RFC 8410 §3).
    case ed25519
    /// id-Ed448, 1.3.101.113 (RFC 8410 §3).
    case ed448
    /// Any other algorithm, by dotted object identifier.
    case unknown(String)

    /// The algorithm's object identifier in dotted form.
    public var objectIdentifier: String {
        switch self {
        case .ecdsaWithSHA256: return "1.2.840.10045.4.3.2"
        case .ecdsaWithSHA384: return "1.2.840.10045.4.3.3"
        case .ecdsaWithSHA512: return "1.2.840.10045.4.3.4"
        case .sha256WithRSAEncryption: return "1.2.840.113549.1.1.11"
        case .sha384WithRSAEncryption: return "1.2.840.113549.1.1.12"
        case .sha512WithRSAEncryption: return "1.2.840.113549.1.1.13"
        case .rsassaPSS: return "1.2.840.113549.1.1.10"
        case .ed25519: return "1.3.101.112"
        case .ed448: return "1.3.101.113"
        case .unknown(let oid): return oid
        }
    }

    /// The name OpenSSL prints, or the object identifier for `.unknown`.
    public var description: String {
        switch self {
        case .ecdsaWithSHA256: return "ecdsa-with-SHA256"
        case .ecdsaWithSHA384: return "ecdsa-with-SHA384"
        case .ecdsaWithSHA512: return "ecdsa-with-SHA512"
        case .sha256WithRSAEncryption: return "sha256WithRSAEncryption"
        case .sha384WithRSAEncryption: return "sha384WithRSAEncryption"
        case .sha512WithRSAEncryption: return "sha512WithRSAEncryption"
        case .rsassaPSS: return "rsassaPss"
        case .ed25519: return "ED25519"
        case .ed448: return "ED448"
        case .unknown(let oid): return oid
        }
    }

    static let known: [SignatureAlgorithm] = [
        .ecdsaWithSHA256, .ecdsaWithSHA384, .ecdsaWithSHA512, .sha256WithRSAEncryption,
        .sha384WithRSAEncryption, .sha512WithRSAEncryption, .rsassaPSS, .ed25519, .ed448,
    ]

    init(objectIdentifier oid: String) {
        self = SignatureAlgorithm.known.first { $0.objectIdentifier == oid } ?? .unknown(oid)
    }

    /// Reads an AlgorithmIdentifier and checks its parameters: absent for ECDSA and EdDSA
    /// (RFC 5758 §3.2, RFC 8410 §3), NULL or absent for RSA PKCS #1 v1.5 (RFC 4055 §5), and
    /// anything for algorithms whose parameters Brook does not interpret.
    static func parse(_ node: ASN1Node) throws(X509Error) -> SignatureAlgorithm {
        try parsingDER { () throws -> SignatureAlgorithm in
            try DER.sequence(node, identifier: .sequence) { nodes in
                guard let oidNode = nodes.next() else { throw X509Error.malformedDER }
                let algorithm = SignatureAlgorithm(objectIdentifier: try KnownObjectIdentifiers.dotted(oidNode))
                let parameters = nodes.next()
                switch algorithm {
                case .ecdsaWithSHA256, .ecdsaWithSHA384, .ecdsaWithSHA512, .ed25519, .ed448:
                    guard parameters == nil else { throw X509Error.invalidAlgorithmParameters }
                case .sha256WithRSAEncryption, .sha384WithRSAEncryption, .sha512WithRSAEncryption:
                    if let parameters {
                        guard parameters.identifier == .null, case .primitive(let content) = parameters.content,
                              content.isEmpty
                        else { throw X509Error.invalidAlgorithmParameters }
                    }
                case .rsassaPSS, .unknown:
                    break
                }
                return algorithm
            }
        }
    }

    /// The DER content octets of ecdsa-with-SHA256, the one algorithm Brook signs with.
    static let ecdsaWithSHA256Content: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]
}
