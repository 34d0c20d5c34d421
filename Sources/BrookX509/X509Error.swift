/// Errors thrown by BrookX509. Each case names what was wrong, so a rejected certificate or
/// fingerprint can be reported precisely; parsing never traps on hostile input.
public enum X509Error: Error, Hashable, Sendable {
    /// The DER is malformed (bad tag or length, non-minimal encoding, truncated, wrong structure).
    case malformedDER
    /// Bytes follow the end of the certificate's outer SEQUENCE.
    case trailingBytes
    /// The input exceeds the size limit for a certificate (`Certificate.maximumDERByteCount`).
    case tooLarge
    /// The version is not v1, v2 or v3, or v1 is written out although DER requires it omitted.
    case unsupportedVersion
    /// A field only allowed in a later version (unique identifiers, extensions) is present.
    case fieldNotAllowedInVersion
    /// The serial number is negative or longer than 20 octets (RFC 5280 §4.1.2.2).
    case invalidSerialNumber
    /// An AlgorithmIdentifier has parameters its algorithm forbids or requires differently.
    case invalidAlgorithmParameters
    /// The signature algorithm inside the TBS certificate differs from the outer one (RFC 5280 §4.1.1.2).
    case signatureAlgorithmMismatch
    /// A Name is malformed (an empty RDN, or an attribute value that is not a valid string).
    case invalidName
    /// A time is malformed or out of range (RFC 5280 §4.1.2.5), or notAfter precedes notBefore
    /// when generating.
    case invalidTime
    /// The subject public key names P-256 but its point is invalid.
    case invalidPublicKey
    /// The signatureValue BIT STRING does not hold whole octets. (A signature whose content is
    /// not a valid ECDSA encoding parses, and fails `verifySelfSignature()`.)
    case invalidSignatureEncoding
    /// The extensions field is empty, repeats an extension, or encodes `critical` as FALSE.
    case invalidExtensions
    /// The PEM text is malformed, is too long, does not hold exactly one "CERTIFICATE" document.
    case invalidPEM
    /// A common name given for a new certificate is empty or longer than 64 bytes (RFC 5280 ub-common-name).
    case invalidCommonName
    /// Signing the new certificate failed.
    case signingFailed
    /// A fingerprint's SDP text is malformed: unknown hash name, bad hex, missing colons, wrong length.
    case invalidFingerprint
}
