import BrookCrypto

/// An independent reading of a STUN message's integrity attributes (RFC 8489 §14.5-14.7), written
/// here from the RFC and not from BrookICE's decoder, so the stun target can check the decoder
/// against it: the attribute walk, FINGERPRINT's CRC-32 (a bitwise one, ISO 3309) and
/// MESSAGE-INTEGRITY / MESSAGE-INTEGRITY-SHA256 (HMAC over the message with the length field
/// adjusted to end at the attribute).
struct STUNWireCheck {
    let bytes: [UInt8]
    /// Offsets of attribute headers, in order, with their type and value length.
    private(set) var attributes: [(offset: Int, type: UInt16, length: Int)] = []

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 20 else { return nil }
        self.bytes = bytes
        var offset = 20
        while offset + 4 <= bytes.count {
            let type = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            attributes.append((offset, type, length))
            offset += 4 + (length + 3) / 4 * 4
        }
    }

    /// The first FINGERPRINT attribute, if its 4-byte value lies inside the message.
    var fingerprint: (offset: Int, matches: Bool)? {
        guard let attribute = attributes.first(where: { $0.type == 0x8028 }), attribute.length == 4,
              attribute.offset + 8 <= bytes.count else { return nil }
        let stored = bytes[(attribute.offset + 4)..<(attribute.offset + 8)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return (attribute.offset, stored == Self.crc32(bytes[..<attribute.offset]) ^ 0x5354_554E)
    }

    /// Whether the message carries MESSAGE-INTEGRITY-SHA256 or MESSAGE-INTEGRITY valid under `key`:
    /// attributes after the first integrity attribute are ignored except a MESSAGE-INTEGRITY-SHA256
    /// following MESSAGE-INTEGRITY (§14.5), and the SHA-256 one decides when both are there.
    func isAuthentic(key password: [UInt8]) -> Bool {
        guard let first = attributes.firstIndex(where: { $0.type == 0x0008 || $0.type == 0x001C }) else { return false }
        var chosen = attributes[first]
        if chosen.type == 0x0008, let sha256 = attributes[(first + 1)...].first(where: { $0.type == 0x001C }) {
            chosen = sha256
        }
        let end = chosen.offset + 4 + chosen.length
        guard end <= bytes.count else { return false }
        var covered = Array(bytes[..<chosen.offset])
        covered[2] = UInt8((end - 20) >> 8)
        covered[3] = UInt8(truncatingIfNeeded: end - 20)
        let key = SymmetricKey(data: password)
        let expected: [UInt8] = chosen.type == 0x0008
            ? Array(HMAC<Insecure.SHA1>.authenticationCode(for: covered, using: key))
            : Array(Array(HMAC<SHA256>.authenticationCode(for: covered, using: key)).prefix(chosen.length))
        return chosen.length == expected.count && Array(bytes[(chosen.offset + 4)..<end]) == expected
    }

    /// CRC-32 (reflected polynomial 0xEDB88320), one bit at a time.
    static func crc32(_ data: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
