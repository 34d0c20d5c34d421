import BrookCrypto

/// An ephemeral ECDHE key for one handshake (RFC 8422 §5.4, §5.7): X25519 (32-byte u-coordinate) or
/// P-256 (65-byte uncompressed point).
enum EphemeralKeyShare {
    case x25519(Curve25519.KeyAgreement.PrivateKey)
    case secp256r1(P256.KeyAgreement.PrivateKey)

    init(group: DTLSNamedGroup, rng: inout some RandomNumberGenerator) {
        switch group {
        case .x25519: self = .x25519(Curve25519.KeyAgreement.PrivateKey(using: &rng))
        case .secp256r1: self = .secp256r1(P256.KeyAgreement.PrivateKey(using: &rng))
        }
    }

    var publicKey: [UInt8] {
        switch self {
        case .x25519(let key): key.publicKey.rawRepresentation
        case .secp256r1(let key): key.publicKey.x963Representation
        }
    }

    /// The premaster secret: the X25519 output or the P-256 x-coordinate (RFC 8422 §5.10).
    /// A malformed or low-order peer share is an illegal_parameter.
    func preMasterSecret(peerPublicKey: [UInt8]) throws(DTLSError) -> [UInt8] {
        do {
            switch self {
            case .x25519(let key):
                let peer = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: peerPublicKey)
                return Array(try key.sharedSecretFromKeyAgreement(with: peer))
            case .secp256r1(let key):
                guard peerPublicKey.first == 4 else { throw CryptoKitError.invalidPublicKey }
                let peer = try P256.KeyAgreement.PublicKey(x963Representation: peerPublicKey)
                return Array(try key.sharedSecretFromKeyAgreement(with: peer))
            }
        } catch { throw .illegalParameter("peer key share: \(error)") }
    }
}
