import BrookSansIO
import Glibc

/// Why `HOST:PORT` text names no address.
public struct EndpointResolutionError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\(text): \(reason)" }
}

extension TransportAddress {
    /// Resolves `HOST:PORT`: a literal (`192.0.2.1:4433`, `[::1]:4433`, RFC 3986 §3.2.2 brackets)
    /// without any lookup, else a host name through the system resolver (`getaddrinfo`, so
    /// /etc/hosts and DNS), every UDP address it has, in the resolver's order.
    public static func resolve(_ text: String) throws(EndpointResolutionError) -> [TransportAddress] {
        if let literal = TransportAddress(text) { return [literal] }
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw EndpointResolutionError(text: text, reason: "expected HOST:PORT")
        }
        let host = String(text[..<colon])
        guard !host.isEmpty, !host.contains(":"), !host.hasPrefix("[") else {
            throw EndpointResolutionError(text: text, reason: "expected an IPv4 address, [IPv6 address] or host name before :PORT")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let list else {
            throw EndpointResolutionError(text: text, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var found: [TransportAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let entry = cursor {
            if let address = entry.pointee.ai_addr, let ip = Self.ip(of: address, family: entry.pointee.ai_family) {
                let candidate = TransportAddress(ip: ip, port: port)
                if !found.contains(candidate) { found.append(candidate) }
            }
            cursor = entry.pointee.ai_next
        }
        guard !found.isEmpty else { throw EndpointResolutionError(text: text, reason: "no IPv4 or IPv6 address") }
        return found
    }

    private static func ip(of address: UnsafeMutablePointer<sockaddr>, family: Int32) -> IPAddress? {
        switch family {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr)) }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                var raw = pointer.pointee.sin6_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        default:
            return nil
        }
    }

    /// The wildcard address of this address's family with port 0: where a client binds.
    public var anyOfSameFamily: TransportAddress {
        TransportAddress(ip: family == .ipv4 ? .v4(0) : .v6(high: 0, low: 0), port: 0)
    }

    /// The address and port as bytes (network order): what HelloVerifyRequest cookies are bound to.
    public var cookieIdentity: [UInt8] {
        ip.bytes + [UInt8(port >> 8), UInt8(port & 0xFF)]
    }
}
