/// What went wrong in a DTLS connection, and where. Each case maps to the fatal alert sent for it
/// (RFC 5246 §7.2.2); the associated text names the message or field at fault.
public enum DTLSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bytes that do not parse (a truncated field, a bad length, trailing bytes).
    case decodeError(String)
    /// A well-formed field with a value that is not allowed here.
    case illegalParameter(String)
    /// A message that is not expected in the current state.
    case unexpectedMessage(String)
    /// No acceptable parameters in common (suite, group, SRTP profile, extended master secret).
    case handshakeFailure(String)
    /// The peer's certificate is unusable or does not match the expected fingerprint.
    case badCertificate(String)
    /// A signature or Finished value that does not verify.
    case decryptError(String)
    /// The peer does not speak DTLS 1.2.
    case protocolVersion(String)
    /// An extension in a ServerHello that the ClientHello did not offer (RFC 5246 §7.4.1.4).
    case unsupportedExtension(UInt16)
    /// A renegotiation attempt (always refused, RFC 5746).
    case noRenegotiation
    /// A limit on buffered or queued data was reached.
    case limitExceeded(String)
    /// `send` or an export was used before the handshake completed or after the connection closed.
    case notConnected
    /// A cryptographic operation failed unexpectedly (an invalid key share, say).
    case cryptoFailure(String)
    /// The connection was created from a configuration that `DTLSConfiguration.validate()` rejects;
    /// it sent nothing.
    case invalidConfiguration(DTLSConfigurationError)

    /// The alert sent for this error.
    public var alert: DTLSAlertDescription {
        switch self {
        case .decodeError: .decodeError
        case .illegalParameter, .cryptoFailure: .illegalParameter
        case .unexpectedMessage, .notConnected: .unexpectedMessage
        case .handshakeFailure: .handshakeFailure
        case .badCertificate: .badCertificate
        case .decryptError: .decryptError
        case .protocolVersion: .protocolVersion
        case .noRenegotiation: .noRenegotiation
        case .unsupportedExtension: .unsupportedExtension
        case .limitExceeded, .invalidConfiguration: .internalError
        }
    }

    public var description: String {
        switch self {
        case .decodeError(let s): "decode error: \(s)"
        case .illegalParameter(let s): "illegal parameter: \(s)"
        case .unexpectedMessage(let s): "unexpected message: \(s)"
        case .handshakeFailure(let s): "handshake failure: \(s)"
        case .badCertificate(let s): "bad certificate: \(s)"
        case .decryptError(let s): "decrypt error: \(s)"
        case .protocolVersion(let s): "protocol version: \(s)"
        case .noRenegotiation: "renegotiation refused"
        case .unsupportedExtension(let type): "unsupported extension \(type)"
        case .limitExceeded(let s): "limit exceeded: \(s)"
        case .notConnected: "not connected"
        case .cryptoFailure(let s): "crypto failure: \(s)"
        case .invalidConfiguration(let reason): "invalid configuration: \(reason)"
        }
    }
}
