import BrookSansIO

/// A stateless STUN server for Binding requests (RFC 8489 §6.3 with no authentication, §18.2):
/// each request is answered with XOR-MAPPED-ADDRESS (the source it came from), SOFTWARE and FINGERPRINT.
public struct STUNBindingServer: Sendable {
    /// The SOFTWARE value of responses (RFC 8489 §14.14).
    public var software: String

    public init(software: String = "Brook") {
        self.software = software
    }

    /// The response to `datagram` received from `source`, or nil when it gets none (not STUN, malformed,
    /// not a request: RFC 8489 §6.3 drops those silently). A request with unknown comprehension-required
    /// attributes gets 420 (RFC 8489 §6.3.1.1), one of another method 400.
    public func respond(to datagram: some Collection<UInt8>, from source: TransportAddress) -> [UInt8]? {
        guard let decoded = try? STUNMessage.decode(datagram), decoded.message.type.messageClass == .request else { return nil }
        let request = decoded.message
        let response: STUNMessage
        if request.type.method != .binding {
            response = STUNMessage(type: STUNMessageType(method: request.type.method, messageClass: .errorResponse),
                                   transactionID: request.transactionID,
                                   attributes: [.errorCode(code: 400, reason: "Bad Request"), .software(software)])
        } else if !decoded.unknownComprehensionRequired.isEmpty {
            response = STUNMessage(type: .bindingError, transactionID: request.transactionID,
                                   attributes: [.errorCode(code: 420, reason: "Unknown Attribute"),
                                                .unknownAttributes(decoded.unknownComprehensionRequired), .software(software)])
        } else {
            response = STUNMessage(type: .bindingSuccess, transactionID: request.transactionID,
                                   attributes: [.xorMappedAddress(source), .software(software)])
        }
        return try? response.encode(fingerprint: true)
    }
}
