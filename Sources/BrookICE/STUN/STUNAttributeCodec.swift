import BrookSansIO

/// Value encodings of the attributes Brook knows (RFC 8489 §14, RFC 8445 §16.1).
enum STUNAttributeCodec {
    /// The attribute in `value`, nil for a type this codec does not know.
    static func decode(_ type: STUNAttributeType, _ value: UnsafeRawBufferPointer,
                       transactionID: STUNTransactionID) throws(STUNError) -> STUNAttribute? {
        func u32(_ at: Int) -> UInt32 {
            UInt32(value[at]) << 24 | UInt32(value[at + 1]) << 16 | UInt32(value[at + 2]) << 8 | UInt32(value[at + 3])
        }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) << 32 | UInt64(u32(at + 4)) }
        func text(limit: Int) throws(STUNError) -> String {
            guard value.count <= limit, let string = String(validating: value, as: UTF8.self) else {
                throw .malformedAttribute(type)
            }
            return string
        }
        switch type {
        case .mappedAddress:
            return .mappedAddress(try address(type, value, xor: nil))
        case .xorMappedAddress:
            return .xorMappedAddress(try address(type, value, xor: transactionID))
        case .username:
            return .username(try text(limit: STUNWire.maximumUsernameLength))
        case .realm:
            return .realm(try text(limit: STUNWire.maximumTextLength))
        case .nonce:
            return .nonce(try text(limit: STUNWire.maximumTextLength))
        case .software:
            return .software(try text(limit: STUNWire.maximumTextLength))
        case .errorCode:
            // RFC 8489 §14.8: 21 reserved bits, a 3-bit class (3-6), an 8-bit number (0-99), a reason.
            guard value.count >= 4 else { throw .malformedAttribute(type) }
            let errorClass = Int(value[2] & 0x07), number = Int(value[3])
            guard (3...6).contains(errorClass), number < 100, value.count - 4 <= STUNWire.maximumTextLength,
                  let reason = String(validating: UnsafeRawBufferPointer(rebasing: value[4...]), as: UTF8.self)
            else { throw .malformedAttribute(type) }
            return .errorCode(code: errorClass * 100 + number, reason: reason)
        case .unknownAttributes:
            guard value.count % 2 == 0 else { throw .malformedAttribute(type) }
            return .unknownAttributes(stride(from: 0, to: value.count, by: 2).map {
                STUNAttributeType(rawValue: UInt16(value[$0]) << 8 | UInt16(value[$0 + 1]))
            })
        case .priority:
            guard value.count == 4 else { throw .malformedAttribute(type) }
            return .priority(u32(0))
        case .useCandidate:
            guard value.isEmpty else { throw .malformedAttribute(type) }
            return .useCandidate
        case .iceControlled:
            guard value.count == 8 else { throw .malformedAttribute(type) }
            return .iceControlled(tieBreaker: u64(0))
        case .iceControlling:
            guard value.count == 8 else { throw .malformedAttribute(type) }
            return .iceControlling(tieBreaker: u64(0))
        default:
            return nil
        }
    }

    /// MAPPED-ADDRESS / XOR-MAPPED-ADDRESS (RFC 8489 §14.1-14.2): family 1 (IPv4) or 2 (IPv6).
    private static func address(_ type: STUNAttributeType, _ value: UnsafeRawBufferPointer,
                                xor transactionID: STUNTransactionID?) throws(STUNError) -> TransportAddress {
        guard value.count >= 4 else { throw .malformedAttribute(type) }
        let family = value[1]
        let addressLength: Int
        switch family {
        case 1: addressLength = 4
        case 2: addressLength = 16
        default: throw .malformedAttribute(type)
        }
        guard value.count == 4 + addressLength else { throw .malformedAttribute(type) }
        var port = UInt16(value[2]) << 8 | UInt16(value[3])
        var addressBytes = Array(value[4...])
        if let transactionID {
            port ^= UInt16(STUNWire.magicCookie >> 16)
            let mask = xorMask(transactionID)
            for index in addressBytes.indices { addressBytes[index] ^= mask[index] }
        }
        return TransportAddress(ip: IPAddress(bytes: addressBytes)!, port: port)
    }

    /// The magic cookie followed by the transaction ID: what X-Address is XORed with (RFC 8489 §14.2).
    private static func xorMask(_ transactionID: STUNTransactionID) -> [UInt8] {
        var mask: [UInt8] = [0x21, 0x12, 0xA4, 0x42]
        transactionID.append(to: &mask)
        return mask
    }

    /// Appends `attribute` (header, value, padding) to `out`, writing the value in place.
    static func encode(_ attribute: STUNAttribute, transactionID: STUNTransactionID,
                       padding: UInt8, into out: inout [UInt8]) throws(STUNError) {
        let start = out.count
        let type = attribute.type.rawValue
        out.append(UInt8(type >> 8)); out.append(UInt8(truncatingIfNeeded: type)); out.append(0); out.append(0)
        func appendU32(_ x: UInt32) {
            out.append(UInt8(x >> 24)); out.append(UInt8(truncatingIfNeeded: x >> 16))
            out.append(UInt8(truncatingIfNeeded: x >> 8)); out.append(UInt8(truncatingIfNeeded: x))
        }
        switch attribute {
        case .mappedAddress(let address), .xorMappedAddress(let address):
            var port = address.port
            let isXOR: Bool
            if case .xorMappedAddress = attribute { isXOR = true } else { isXOR = false }
            if isXOR { port ^= UInt16(STUNWire.magicCookie >> 16) }
            out.append(0); out.append(address.family == .ipv4 ? 1 : 2)
            out.append(UInt8(port >> 8)); out.append(UInt8(truncatingIfNeeded: port))
            switch address.ip {
            case .v4(let value):
                appendU32(isXOR ? value ^ STUNWire.magicCookie : value)
            case .v6(let high, let low):
                let maskHigh = isXOR ? UInt64(STUNWire.magicCookie) << 32 | UInt64(transactionID.high) : 0
                let maskLow = isXOR ? transactionID.low : 0
                appendU32(UInt32(truncatingIfNeeded: (high ^ maskHigh) >> 32)); appendU32(UInt32(truncatingIfNeeded: high ^ maskHigh))
                appendU32(UInt32(truncatingIfNeeded: (low ^ maskLow) >> 32)); appendU32(UInt32(truncatingIfNeeded: low ^ maskLow))
            }
        case .username(let text):
            out.append(contentsOf: text.utf8)
            guard out.count - start - 4 <= STUNWire.maximumUsernameLength else { throw .valueTooLong(attribute.type) }
        case .realm(let text), .nonce(let text), .software(let text):
            out.append(contentsOf: text.utf8)
            guard out.count - start - 4 <= STUNWire.maximumTextLength else { throw .valueTooLong(attribute.type) }
        case .errorCode(let code, let reason):
            guard (300...699).contains(code) else { throw .malformedAttribute(.errorCode) }
            out.append(0); out.append(0); out.append(UInt8(code / 100)); out.append(UInt8(code % 100))
            out.append(contentsOf: reason.utf8)
            guard out.count - start - 8 <= STUNWire.maximumTextLength else { throw .valueTooLong(attribute.type) }
        case .unknownAttributes(let types):
            for type in types { out.append(UInt8(type.rawValue >> 8)); out.append(UInt8(truncatingIfNeeded: type.rawValue)) }
        case .priority(let priority):
            appendU32(priority)
        case .useCandidate:
            break
        case .iceControlled(let tieBreaker), .iceControlling(let tieBreaker):
            appendU32(UInt32(truncatingIfNeeded: tieBreaker >> 32))
            appendU32(UInt32(truncatingIfNeeded: tieBreaker))
        case .other(_, let bytes):
            out.append(contentsOf: bytes)
        }
        let length = out.count - start - 4
        guard length <= 0xFFFF - 3 else { throw .valueTooLong(attribute.type) }
        out[start + 2] = UInt8(length >> 8)
        out[start + 3] = UInt8(truncatingIfNeeded: length)
        for _ in 0..<((4 - length % 4) % 4) { out.append(padding) }
    }
}
