import BrookCrypto
import BrookSansIO

/// A decoded STUN message with what is needed to authenticate it.
///
/// Decoding checks the structure and FINGERPRINT; MESSAGE-INTEGRITY needs a key, which depends on the
/// USERNAME, so it is checked afterwards with `isAuthentic(using:)`.
public struct STUNDecodedMessage: Sendable {
    /// The message (without MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT).
    public let message: STUNMessage
    /// Comprehension-required attribute types this decoder does not know (RFC 8489 §14): a request
    /// carrying any is answered with 420 (`UNKNOWN-ATTRIBUTES`), a response carrying any is discarded.
    public let unknownComprehensionRequired: [STUNAttributeType]
    /// True when a FINGERPRINT was present (it was verified: a wrong one fails decoding).
    public let hasFingerprint: Bool
    /// True when MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 is present.
    public var hasIntegrity: Bool { integritySHA1 != nil || integritySHA256 != nil }

    let bytes: [UInt8]
    /// Offset of the MESSAGE-INTEGRITY attribute header, and of MESSAGE-INTEGRITY-SHA256's with its value length.
    let integritySHA1: Int?
    let integritySHA256: (offset: Int, length: Int)?

    /// True when the message carries a MESSAGE-INTEGRITY-SHA256 or MESSAGE-INTEGRITY that matches
    /// under `key` (RFC 8489 §9.1.3; the SHA-256 one is preferred when both are present). The comparison
    /// is constant-time; a message with neither attribute is not authentic.
    public func isAuthentic(using key: STUNIntegrityKey) -> Bool {
        bytes.withUnsafeBytes { raw in
            if let (offset, length) = integritySHA256 {
                let end = offset + 4 + length
                let code = STUNIntegrityKey.code(key.sha256, message: raw, end: offset, length: end - STUNWire.headerLength)
                return code.withUnsafeBytes { full in
                    ConstantTime.isEqual(UnsafeRawBufferPointer(rebasing: full[0..<length]),
                                         UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<end]))
                }
            }
            if let offset = integritySHA1 {
                let end = offset + 24
                let code = STUNIntegrityKey.code(key.sha1, message: raw, end: offset, length: end - STUNWire.headerLength)
                return code.withUnsafeBytes { ConstantTime.isEqual($0, UnsafeRawBufferPointer(rebasing: raw[(offset + 4)..<end])) }
            }
            return false
        }
    }
}

extension STUNMessage {
    /// True when `datagram` looks like STUN by its first byte (RFC 7983 §7: 0-3) and magic cookie.
    /// A first byte of 4-63 is never STUN on a WebRTC port, whatever follows: 20-63 is DTLS.
    public static func isSTUN(_ datagram: some Collection<UInt8>) -> Bool {
        guard datagram.count >= STUNWire.headerLength else { return false }
        var iterator = datagram.makeIterator()
        var prefix: UInt64 = 0
        for _ in 0..<8 { prefix = prefix << 8 | UInt64(iterator.next()!) }
        return prefix >> 58 == 0 && UInt32(truncatingIfNeeded: prefix) == STUNWire.magicCookie
    }

    /// Decodes one STUN datagram (RFC 8489 §5, §14). Checks the header, every attribute's bounds and
    /// the FINGERPRINT if present; never traps and never allocates from a length field beyond the datagram.
    public static func decode(_ datagram: some Collection<UInt8>) throws(STUNError) -> STUNDecodedMessage {
        let bytes = Array(datagram)
        let result: Result<STUNDecodedMessage, STUNError> = bytes.withUnsafeBytes { raw in
            do throws(STUNError) {
                return .success(try decode(raw: raw, bytes: bytes))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func decode(raw: UnsafeRawBufferPointer, bytes: [UInt8]) throws(STUNError) -> STUNDecodedMessage {
        guard raw.count >= STUNWire.headerLength else { throw .truncated(length: raw.count) }
        func u16(_ at: Int) -> UInt16 { UInt16(raw[at]) << 8 | UInt16(raw[at + 1]) }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) << 16 | UInt32(u16(at + 2)) }
        guard let type = STUNMessageType(rawValue: u16(0)), u32(4) == STUNWire.magicCookie else { throw .notSTUN }
        let declared = Int(u16(2))
        guard declared % 4 == 0, declared + STUNWire.headerLength == raw.count else {
            throw .badLength(declared: declared, available: raw.count - STUNWire.headerLength)
        }
        let transactionID = STUNTransactionID(bytes: raw[8..<20])!

        var attributes: [STUNAttribute] = []
        var unknown: [STUNAttributeType] = []
        var integritySHA1: Int?, integritySHA256: (offset: Int, length: Int)?
        var hasFingerprint = false
        var offset = STUNWire.headerLength
        var count = 0
        while offset < raw.count {
            guard offset + 4 <= raw.count else { throw .attributeOverrun(STUNAttributeType(rawValue: 0), offset: offset) }
            let attributeType = STUNAttributeType(rawValue: u16(offset))
            let length = Int(u16(offset + 2))
            let valueStart = offset + 4
            let padded = (length + 3) & ~3
            guard valueStart + padded <= raw.count else { throw .attributeOverrun(attributeType, offset: offset) }
            count += 1
            guard count <= STUNWire.maximumAttributeCount else { throw .tooManyAttributes }
            let value = UnsafeRawBufferPointer(rebasing: raw[valueStart..<(valueStart + length)])
            defer { offset = valueStart + padded }
            // RFC 8489 §14.7: FINGERPRINT is last.
            if hasFingerprint { throw .misplacedAttribute(attributeType) }
            switch attributeType {
            case .fingerprint:
                guard length == 4 else { throw .malformedAttribute(attributeType) }
                let expected = CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<offset])) ^ STUNWire.fingerprintXOR
                guard u32(valueStart) == expected else { throw .badFingerprint }
                hasFingerprint = true
            case .messageIntegrity:
                // RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY other than MI-SHA256 and FINGERPRINT are ignored.
                guard length == 20 else { throw .malformedAttribute(attributeType) }
                if integritySHA1 == nil && integritySHA256 == nil { integritySHA1 = offset }
            case .messageIntegritySHA256:
                // RFC 8489 §14.6: 16 to 32 bytes, a multiple of 4.
                guard (16...32).contains(length), length % 4 == 0 else { throw .malformedAttribute(attributeType) }
                if integritySHA256 == nil { integritySHA256 = (offset, length) }
            default:
                if integritySHA1 != nil || integritySHA256 != nil { continue }
                if let attribute = try STUNAttributeCodec.decode(attributeType, value, transactionID: transactionID) {
                    attributes.append(attribute)
                } else if attributeType.isComprehensionRequired {
                    if !unknown.contains(attributeType) { unknown.append(attributeType) }
                } else {
                    attributes.append(.other(type: attributeType, value: Array(value)))
                }
            }
        }
        return STUNDecodedMessage(
            message: STUNMessage(type: type, transactionID: transactionID, attributes: attributes),
            unknownComprehensionRequired: unknown, hasFingerprint: hasFingerprint,
            bytes: bytes, integritySHA1: integritySHA1, integritySHA256: integritySHA256)
    }
}
