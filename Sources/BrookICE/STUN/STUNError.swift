/// Why a datagram is not an acceptable STUN message, or why a STUN operation failed.
public enum STUNError: Error, Hashable, Sendable {
    /// Shorter than the 20-byte header, or the header's length does not match the datagram.
    case truncated(length: Int)
    /// Not STUN: the top two bits are set or the magic cookie is wrong (RFC 8489 §5).
    case notSTUN
    /// The header's message length is not a multiple of 4 or disagrees with the datagram (RFC 8489 §5).
    case badLength(declared: Int, available: Int)
    /// An attribute's length runs past the end of the message.
    case attributeOverrun(STUNAttributeType, offset: Int)
    /// A known attribute whose value is malformed (wrong length, bad family, bad text).
    case malformedAttribute(STUNAttributeType)
    /// An attribute follows FINGERPRINT, or FINGERPRINT/MESSAGE-INTEGRITY is in the wrong place (RFC 8489 §14.5-14.7).
    case misplacedAttribute(STUNAttributeType)
    /// More attributes than any honest message carries.
    case tooManyAttributes
    /// FINGERPRINT present but wrong (RFC 8489 §14.7).
    case badFingerprint
    /// A text value longer than the attribute allows, or a value too large to encode.
    case valueTooLong(STUNAttributeType)
}
