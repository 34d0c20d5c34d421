/// The fixed parts of a STUN header (RFC 8489 §5): message class, method and transaction ID.

/// The class of a STUN message, carried in bits C1 and C0 of the message type (RFC 8489 §5).
public enum STUNClass: UInt16, Hashable, Sendable {
    case request = 0b00
    case indication = 0b01
    case successResponse = 0b10
    case errorResponse = 0b11
}

/// A STUN method (12 bits). ICE only uses Binding (RFC 8489 §18.2).
public struct STUNMethod: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init?(rawValue: UInt16) {
        guard rawValue < 0x1000 else { return nil }
        self.rawValue = rawValue
    }
    /// Binding, 0x001.
    public static let binding = STUNMethod(rawValue: 0x001)!
}

/// A STUN message type: a class and a method interleaved into 14 bits (RFC 8489 §5, Figure 3).
public struct STUNMessageType: Hashable, Sendable {
    public var method: STUNMethod
    public var messageClass: STUNClass

    public init(method: STUNMethod, messageClass: STUNClass) {
        self.method = method
        self.messageClass = messageClass
    }

    /// A Binding request.
    public static let bindingRequest = STUNMessageType(method: .binding, messageClass: .request)
    /// A Binding success response.
    public static let bindingSuccess = STUNMessageType(method: .binding, messageClass: .successResponse)
    /// A Binding error response.
    public static let bindingError = STUNMessageType(method: .binding, messageClass: .errorResponse)
    /// A Binding indication.
    public static let bindingIndication = STUNMessageType(method: .binding, messageClass: .indication)

    /// The 16-bit field: M11..M7 C1 M6..M4 C0 M3..M0, top two bits zero.
    var rawValue: UInt16 {
        let m = method.rawValue, c = messageClass.rawValue
        return (m & 0x0F80) << 2 | (c & 0b10) << 7 | (m & 0x0070) << 1 | (c & 0b01) << 4 | (m & 0x000F)
    }

    /// Decodes the 16-bit field; nil when either of the top two bits is set.
    init?(rawValue: UInt16) {
        guard rawValue & 0xC000 == 0 else { return nil }
        let m = (rawValue >> 2) & 0x0F80 | (rawValue >> 1) & 0x0070 | rawValue & 0x000F
        let c = (rawValue >> 7) & 0b10 | (rawValue >> 4) & 0b01
        self.method = STUNMethod(rawValue: m)!
        self.messageClass = STUNClass(rawValue: c)!
    }
}

/// The 96-bit transaction ID (RFC 8489 §5), chosen uniformly at random by the client.
public struct STUNTransactionID: Hashable, Sendable, CustomStringConvertible {
    /// The first 4 bytes.
    public var high: UInt32
    /// The last 8 bytes.
    public var low: UInt64

    /// The ID made of `high` (bytes 0-3) and `low` (bytes 4-11).
    public init(high: UInt32, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A fresh random ID.
    public init(using rng: inout some RandomNumberGenerator) {
        high = UInt32(truncatingIfNeeded: rng.next())
        low = rng.next()
    }

    /// The ID in `bytes`; nil unless exactly 12 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 12 else { return nil }
        var high: UInt32 = 0, low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 4 { high = high << 8 | UInt32(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.init(high: high, low: low)
    }

    /// The 12 bytes in wire order.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12)
        append(to: &out)
        return out
    }

    /// Appends the 12 bytes in wire order.
    func append(to out: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt32(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
    }

    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// Protocol constants (RFC 8489 §5, §14).
enum STUNWire {
    /// The magic cookie, 0x2112A442 (RFC 8489 §5).
    static let magicCookie: UInt32 = 0x2112_A442
    static let headerLength = 20
    static let attributeHeaderLength = 4
    /// FINGERPRINT's XOR constant, "STUN" in ASCII (RFC 8489 §14.7).
    static let fingerprintXOR: UInt32 = 0x5354_554E
    /// USERNAME, REALM, SOFTWARE and reason phrases are capped at 763 bytes (RFC 8489 §14.3, §14.8-14.9, §14.14);
    /// USERNAME at 513 bytes.
    static let maximumUsernameLength = 513
    static let maximumTextLength = 763
    /// More attributes than this in one message is an attack, not a message.
    static let maximumAttributeCount = 64
}
