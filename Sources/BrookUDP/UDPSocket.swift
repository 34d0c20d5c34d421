import BrookSansIO
import Glibc

/// Why a socket call failed: the call's name and `errno`.
public struct UDPSocketError: Error, Hashable, Sendable, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public var description: String { "\(operation) failed: errno \(code)" }
}

/// A blocking UDP socket over Glibc, IPv4 or IPv6: bind, send to, and receive with a deadline.
///
/// The adapter between real networks and Brook's Sans-IO endpoints; a class so the descriptor closes once.
public final class UDPSocket {
    /// The descriptor.
    public let descriptor: Int32
    /// The bound local address (port 0 in `bind` is resolved to the port the kernel chose).
    public private(set) var localAddress: TransportAddress

    /// Opens a socket bound to `address` (port 0: any free port).
    public init(bind address: TransportAddress) throws(UDPSocketError) {
        let family = address.family == .ipv4 ? AF_INET : AF_INET6
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw UDPSocketError(operation: "socket", code: errno) }
        descriptor = fd
        localAddress = address
        if address.family == .ipv6 {
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        let status = SocketAddressStorage.with(address) { bind(fd, $0, $1) }
        guard status == 0 else {
            let code = errno
            close(fd)
            throw UDPSocketError(operation: "bind", code: code)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        if named == 0, let bound = SocketAddressStorage.address(from: storage) { localAddress = bound }
    }

    deinit { close(descriptor) }

    /// Sends one datagram to `destination`.
    public func send(_ datagram: some Collection<UInt8>, to destination: TransportAddress) throws(UDPSocketError) {
        let bytes = Array(datagram)
        let sent = bytes.withUnsafeBytes { buffer in
            SocketAddressStorage.with(destination) { sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, $1) }
        }
        guard sent >= 0 else { throw UDPSocketError(operation: "sendto", code: errno) }
    }

    /// Waits up to `timeout` for one datagram; nil when none arrived in time.
    public func receive(timeout: Duration, maximumSize: Int = 65_536) throws(UDPSocketError) -> (bytes: [UInt8], source: TransportAddress)? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = max(0, Int32(clamping: timeout.nanosecondsClamped / 1_000_000))
        let ready = poll(&poller, 1, milliseconds)
        if ready < 0 {
            if errno == EINTR { return nil }
            throw UDPSocketError(operation: "poll", code: errno)
        }
        if ready == 0 { return nil }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let descriptor = descriptor
        // Read into uninitialised scratch space and copy the datagram out at its own size: no
        // zero-filled 64 KiB array per datagram.
        let bytes = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, maximumSize)) { scratch -> [UInt8]? in
            let received = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(descriptor, scratch.baseAddress, scratch.count, 0, $0, &length)
                }
            }
            return received >= 0 ? Array(scratch[0..<received]) : nil
        }
        guard let bytes else { throw UDPSocketError(operation: "recvfrom", code: errno) }
        guard let source = SocketAddressStorage.address(from: storage) else { return nil }
        return (bytes, source)
    }
}

/// Conversions between `TransportAddress` and `sockaddr_in` / `sockaddr_in6`.
enum SocketAddressStorage {
    static func with<R>(_ address: TransportAddress, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch address.ip {
        case .v4(let value):
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = address.port.bigEndian
            socketAddress.sin_addr = in_addr(s_addr: value.bigEndian)
            return withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6:
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = address.port.bigEndian
            let bytes = address.ip.bytes
            withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { raw in
                for index in 0..<16 { raw[index] = bytes[index] }
            }
            return withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    static func address(from storage: sockaddr_storage) -> TransportAddress? {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    TransportAddress(ip: .v4(UInt32(bigEndian: $0.pointee.sin_addr.s_addr)), port: UInt16(bigEndian: $0.pointee.sin_port))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var addr = pointer.pointee.sin6_addr
                    let bytes = withUnsafeBytes(of: &addr) { Array($0) }
                    return TransportAddress(ip: IPAddress(bytes: bytes)!, port: UInt16(bigEndian: pointer.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }
}
