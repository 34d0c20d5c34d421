extension STUNMessage {
    /// Encodes the message, then appends MESSAGE-INTEGRITY (and/or MESSAGE-INTEGRITY-SHA256) under
    /// `key` and FINGERPRINT, in the order RFC 8489 §14.5-14.7 requires.
    ///
    /// - Parameters:
    ///   - key: the integrity key; nil sends no integrity attribute.
    ///   - algorithms: which integrity attributes to append when `key` is given.
    ///   - fingerprint: whether to append FINGERPRINT (ICE requires it, RFC 8445 §7.1).
    ///   - padding: the byte that pads attribute values to 4 bytes (any value is allowed; RFC 5769 uses spaces).
    public func encode(integrity key: STUNIntegrityKey? = nil, algorithms: STUNIntegrityAlgorithms = .sha1,
                       fingerprint: Bool = true, padding: UInt8 = 0) throws(STUNError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        let typeValue = type.rawValue
        out.append(UInt8(typeValue >> 8)); out.append(UInt8(truncatingIfNeeded: typeValue)); out.append(0); out.append(0)
        out.append(0x21); out.append(0x12); out.append(0xA4); out.append(0x42)
        transactionID.append(to: &out)
        for attribute in attributes {
            try STUNAttributeCodec.encode(attribute, transactionID: transactionID, padding: padding, into: &out)
        }
        func setLength(_ length: Int) throws(STUNError) {
            guard length <= 0xFFFF else { throw .valueTooLong(.messageIntegrity) }
            out[2] = UInt8(length >> 8)
            out[3] = UInt8(truncatingIfNeeded: length)
        }
        if let key {
            if algorithms.contains(.sha1) {
                let start = out.count
                try setLength(start + 24 - STUNWire.headerLength)
                let code = out.withUnsafeBytes {
                    STUNIntegrityKey.code(key.sha1, message: $0, end: start, length: start + 24 - STUNWire.headerLength)
                }
                out += [0x00, 0x08, 0x00, 0x14]
                code.withUnsafeBytes { out += $0 }
            }
            if algorithms.contains(.sha256) {
                let start = out.count
                try setLength(start + 36 - STUNWire.headerLength)
                let code = out.withUnsafeBytes {
                    STUNIntegrityKey.code(key.sha256, message: $0, end: start, length: start + 36 - STUNWire.headerLength)
                }
                out += [0x00, 0x1C, 0x00, 0x20]
                code.withUnsafeBytes { out += $0 }
            }
        }
        if fingerprint {
            let start = out.count
            try setLength(start + 8 - STUNWire.headerLength)
            let crc = out.withUnsafeBytes { CRC32.checksum($0) } ^ STUNWire.fingerprintXOR
            out += [0x80, 0x28, 0x00, 0x04,
                    UInt8(crc >> 24), UInt8(truncatingIfNeeded: crc >> 16), UInt8(truncatingIfNeeded: crc >> 8), UInt8(truncatingIfNeeded: crc)]
        } else {
            try setLength(out.count - STUNWire.headerLength)
        }
        return out
    }
}
