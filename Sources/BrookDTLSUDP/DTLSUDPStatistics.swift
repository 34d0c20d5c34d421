/// What a `DTLSUDPLoop` has received and sent: the figures a load test checks (no amplification,
/// no per-client state from cookieless ClientHellos).
public struct DTLSUDPStatistics: Sendable, Equatable {
    public var datagramsReceived = 0
    public var bytesReceived = 0
    public var datagramsSent = 0
    public var bytesSent = 0
    /// The largest datagram sent (a handshake flight is fragmented to the configured MTU).
    public var largestDatagramSent = 0
    /// HelloVerifyRequests sent by the stateless gate (RFC 6347 §4.2.1), their bytes, and the bytes
    /// of the datagrams they answered.
    public var helloVerifyRequests = 0
    public var helloVerifyRequestBytes = 0
    public var answeredHelloBytes = 0
    /// HelloVerifyRequests larger than the datagram they answered (amplification; should stay 0).
    public var amplifyingReplies = 0
    /// Datagrams the gate dropped: from addresses without a connection (garbage, partial hellos), or
    /// a restart's ClientHello fragments from an established peer before its cookie verified.
    public var droppedByGate = 0
    /// Datagrams dropped because the connection table was full.
    public var droppedAtCapacity = 0
    /// Connections created (server: ClientHellos admitted) and connections currently held.
    public var connectionsCreated = 0
    public var connections = 0
    /// Held connections whose handshake has completed.
    public var connected = 0
    /// `sendto` calls that failed.
    public var sendFailures = 0
    /// Connections (established or half-open) replaced by a new handshake from the same address (RFC 6347 §4.2.8).
    public var restarts = 0

    public init() {}
}
