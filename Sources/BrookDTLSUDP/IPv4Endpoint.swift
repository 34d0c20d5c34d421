import Glibc

/// An IPv4 address and port, parsed from `HOST:PORT` (dotted quad or `localhost`).
public struct IPv4Endpoint: Hashable, Sendable, CustomStringConvertible {
    /// The address in network byte order, as `in_addr.s_addr` holds it.
    public let address: UInt32
    public let port: UInt16

    public init(address: UInt32, port: UInt16) {
        self.address = address
        self.port = port
    }

    /// Parses `HOST:PORT`; nil when it is not an IPv4 address (or `localhost`) and a port.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        var host = String(text[..<colon])
        if host == "localhost" { host = "127.0.0.1" }
        var parsed = in_addr()
        guard inet_pton(AF_INET, host, &parsed) == 1 else { return nil }
        self.init(address: parsed.s_addr, port: port)
    }

    init(_ socketAddress: sockaddr_in) {
        self.init(address: socketAddress.sin_addr.s_addr, port: UInt16(bigEndian: socketAddress.sin_port))
    }

    var socketAddress: sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = port.bigEndian
        result.sin_addr.s_addr = address
        return result
    }

    /// Six bytes naming the endpoint, for binding HelloVerifyRequest cookies to it.
    public var identity: [UInt8] {
        withUnsafeBytes(of: address) { Array($0) } + [UInt8(port >> 8), UInt8(port & 0xFF)]
    }

    public var description: String {
        let bytes = withUnsafeBytes(of: address) { Array($0) }
        return "\(bytes[0]).\(bytes[1]).\(bytes[2]).\(bytes[3]):\(port)"
    }
}
