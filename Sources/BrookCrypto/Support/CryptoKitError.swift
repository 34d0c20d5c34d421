/// Errors thrown by BrookCrypto. Named after CryptoKit's error type so code that catches
/// `CryptoKitError.authenticationFailure` ports by changing one import; the extra cases say
/// precisely what was wrong with an input instead of a generic failure.
public enum CryptoKitError: Error, Hashable, Sendable {
    /// A key has a length the algorithm does not accept.
    case incorrectKeySize
    /// A nonce, tag, block or other parameter has a length the algorithm does not accept.
    case incorrectParameterSize
    /// An AEAD tag or a MAC did not verify. Nothing of the plaintext is released.
    case authenticationFailure
    /// A public key is not a valid point: wrong encoding, not on the curve, or the point at infinity.
    case invalidPublicKey
    /// A private key is out of range (zero, or not below the group order).
    case invalidPrivateKey
    /// A key agreement produced an all-zero shared secret (X25519 with a small-order point).
    case zeroSharedSecret
    /// A signature encoding is malformed (bad DER, wrong length). A well-formed signature that does
    /// not verify is reported as `false` by `isValidSignature`, not as an error.
    case invalidSignatureEncoding
    /// A DER structure is malformed or is not the structure expected.
    case invalidDER
    /// A PEM document is malformed or has an unexpected label.
    case invalidPEM
    /// A key encoding names an algorithm or curve other than the one expected.
    case unsupportedAlgorithm
}
