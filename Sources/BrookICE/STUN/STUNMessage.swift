import BrookSansIO

/// A STUN message (RFC 8489 §5): type, transaction ID and attributes in order.
///
/// MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are not part of `attributes`: `encode`
/// appends them from a key, and `STUNMessage.decode` reports and checks them (`STUNDecodedMessage`).
public struct STUNMessage: Hashable, Sendable {
    public var type: STUNMessageType
    public var transactionID: STUNTransactionID
    public var attributes: [STUNAttribute]

    public init(type: STUNMessageType, transactionID: STUNTransactionID, attributes: [STUNAttribute] = []) {
        self.type = type
        self.transactionID = transactionID
        self.attributes = attributes
    }

    // MARK: - Accessors (the first occurrence wins, RFC 8489 §14)

    /// The first attribute of `type`.
    public func attribute(_ type: STUNAttributeType) -> STUNAttribute? {
        attributes.first { $0.type == type }
    }

    public var username: String? {
        if case .username(let value)? = attribute(.username) { return value }
        return nil
    }

    public var software: String? {
        if case .software(let value)? = attribute(.software) { return value }
        return nil
    }

    /// XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS (RFC 8489 §14.1: old servers send only the latter).
    public var mappedAddress: TransportAddress? {
        if case .xorMappedAddress(let address)? = attribute(.xorMappedAddress) { return address }
        if case .mappedAddress(let address)? = attribute(.mappedAddress) { return address }
        return nil
    }

    public var priority: UInt32? {
        if case .priority(let value)? = attribute(.priority) { return value }
        return nil
    }

    public var hasUseCandidate: Bool { attribute(.useCandidate) != nil }

    public var iceControlling: UInt64? {
        if case .iceControlling(let value)? = attribute(.iceControlling) { return value }
        return nil
    }

    public var iceControlled: UInt64? {
        if case .iceControlled(let value)? = attribute(.iceControlled) { return value }
        return nil
    }

    /// ERROR-CODE's code, e.g. 487.
    public var errorCode: Int? {
        if case .errorCode(let code, _)? = attribute(.errorCode) { return code }
        return nil
    }
}

/// Which integrity attributes `STUNMessage.encode` appends.
public struct STUNIntegrityAlgorithms: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// MESSAGE-INTEGRITY, HMAC-SHA1 (RFC 8489 §14.5).
    public static let sha1 = STUNIntegrityAlgorithms(rawValue: 1)
    /// MESSAGE-INTEGRITY-SHA256, HMAC-SHA256 untruncated (RFC 8489 §14.6).
    public static let sha256 = STUNIntegrityAlgorithms(rawValue: 2)
}
