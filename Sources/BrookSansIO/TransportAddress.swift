/// An IP address and a UDP/TCP port: where a datagram comes from or goes to.
///
/// Named to stay clear of NIO's `SocketAddress`. Text form: `192.0.2.1:3478` and `[2001:db8::1]:3478`
/// (RFC 5952 §6), which `init?(_:)` parses and `description` produces.
public struct TransportAddress: Hashable, Sendable, CustomStringConvertible {
    /// The IP address.
    public var ip: IPAddress
    /// The port.
    public var port: UInt16

    /// The transport address `ip`:`port`.
    public init(ip: IPAddress, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// The address family of `ip`.
    public var family: IPAddress.Family { ip.family }

    /// Parses `a.b.c.d:port` or `[ipv6]:port`; nil when malformed.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard let lastColon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let portText = utf8[(lastColon + 1)...]
        guard (1...5).contains(portText.count), portText.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let portValue = portText.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard portValue <= 65535 else { return nil }
        var hostText = utf8[..<lastColon]
        if hostText.first == UInt8(ascii: "[") {
            guard hostText.count >= 2, hostText.last == UInt8(ascii: "]") else { return nil }
            hostText = hostText.dropFirst().dropLast()
            guard hostText.contains(UInt8(ascii: ":")) else { return nil }
        } else if hostText.contains(UInt8(ascii: ":")) {
            return nil  // an IPv6 address needs brackets before the port
        }
        guard let ip = IPAddress(String(decoding: hostText, as: UTF8.self)) else { return nil }
        self.init(ip: ip, port: UInt16(portValue))
    }

    public var description: String {
        switch ip {
        case .v4: return "\(ip):\(port)"
        case .v6: return "[\(ip)]:\(port)"
        }
    }
}
