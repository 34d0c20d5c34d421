import BrookSansIO
import Glibc

/// A failed socket call: which one and `errno`.
public struct DatagramSocketError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public var description: String { "\(operation) failed: \(String(cString: strerror(code)))" }
}

/// A blocking IPv4 UDP socket: the adapter between the network and Sans-IO DTLS connections.
public final class DatagramSocket {
    public let descriptor: Int32
    /// The bound address (port 0 resolved to the port the kernel chose).
    public private(set) var localEndpoint: IPv4Endpoint

    public init(bind endpoint: IPv4Endpoint) throws(DatagramSocketError) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw DatagramSocketError(operation: "socket", code: errno) }
        var address = endpoint.socketAddress
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else {
            let code = errno
            close(fd)
            throw DatagramSocketError(operation: "bind", code: code)
        }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        localEndpoint = IPv4Endpoint(bound)
    }

    deinit { close(descriptor) }

    public func send(_ datagram: [UInt8], to endpoint: IPv4Endpoint) {
        var address = endpoint.socketAddress
        _ = datagram.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Waits up to `timeout` until the socket or `watched` is readable. Returns a datagram if one
    /// came, and whether `watched` is readable.
    public func wait(timeout: Duration, watching watched: Int32? = nil) -> (datagram: (bytes: [UInt8], from: IPv4Endpoint)?, watchedReadable: Bool) {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        if let watched { descriptors.append(pollfd(fd: watched, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = Int32(clamping: max(0, (timeout.nanosecondsClamped + 999_999) / 1_000_000))
        guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { return (nil, false) }
        let watchedReadable = descriptors.count > 1 && descriptors[1].revents != 0
        guard descriptors[0].revents & Int16(POLLIN) != 0 else { return (nil, watchedReadable) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var from = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = buffer.withUnsafeMutableBytes { raw in
            withUnsafeMutablePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(descriptor, raw.baseAddress, raw.count, 0, $0, &length) }
            }
        }
        guard count >= 0 else { return (nil, watchedReadable) }
        return ((Array(buffer.prefix(count)), IPv4Endpoint(from)), watchedReadable)
    }
}

/// The monotonic clock as an `Instant`: the adapter reads the clock so the library never does.
public func monotonicNow() -> Instant {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Instant(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
}
