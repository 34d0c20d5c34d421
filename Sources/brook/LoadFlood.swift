import BrookDTLSUDP
import BrookSansIO
import BrookUDP
import Glibc

/// The cookieless ClientHello flood of `brook dtls load`: copies of one real ClientHello, each with
/// its own random, sent from many sockets (distinct source ports, and on IPv4 distinct loopback
/// addresses 127.0.0.1–127.0.0.250). It keeps at most `window` ClientHellos unanswered, so the
/// server handles the whole flood instead of the kernel dropping most of it; a HelloVerifyRequest
/// lost anyway is written off after 100 ms of silence.
final class LoadFlood {
    struct Result {
        var sent = 0
        var bytesSent = 0
        var replies = 0
        var replyBytes = 0
        var largestReply = 0
        /// Replies larger than the ClientHello they answer (amplification).
        var amplifyingReplies = 0
        var writtenOff = 0
        var seconds = 0.0
    }

    private let sockets: [UDPSocket]
    private var descriptors: [pollfd]
    private let server: TransportAddress
    private let template: [UInt8]
    let window: Int

    init(template: [UInt8], sources: Int, server: TransportAddress, window: Int = 256) throws {
        try LoadClients.raiseDescriptorLimit(to: sources + 64)
        self.template = template
        self.server = server
        self.window = window
        sockets = try (0..<sources).map { index in
            let ip: IPAddress = server.family == .ipv4 ? .v4(0x7F00_0001 + UInt32(index % 250)) : .loopbackV6
            return try UDPSocket(bind: TransportAddress(ip: ip, port: 0))
        }
        descriptors = sockets.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
    }

    /// The distinct source addresses (address and port) the flood comes from.
    var sourceCount: Int { Set(sockets.map(\.localAddress)).count }

    /// Sends `total` ClientHellos; `between` runs after every poll (the legitimate client's turn,
    /// memory sampling) with the number sent so far.
    func run(total: Int, between: (Int) -> Void) -> Result {
        var result = Result()
        var hello = template
        // RFC 6347 §4.2.2: record header (13) + handshake header (12) + client_version (2), then the random.
        let randomOffset = 13 + 12 + 2
        var outstanding = 0
        var silentSince = monotonicNow()
        let start = silentSince
        while result.sent < total || outstanding > 0 {
            while result.sent < total && outstanding < window {
                var counter = UInt64(result.sent)
                for index in 0..<8 {
                    hello[randomOffset + index] = UInt8(truncatingIfNeeded: counter)
                    counter >>= 8
                }
                try? sockets[result.sent % sockets.count].send(hello, to: server)
                result.sent += 1
                result.bytesSent += hello.count
                outstanding += 1
            }
            if poll(&descriptors, nfds_t(descriptors.count), 10) > 0 {
                for index in descriptors.indices where descriptors[index].revents & Int16(POLLIN) != 0 {
                    while let reply = (try? sockets[index].receive(timeout: .zero)) ?? nil {
                        result.replies += 1
                        result.replyBytes += reply.bytes.count
                        result.largestReply = max(result.largestReply, reply.bytes.count)
                        if reply.bytes.count > hello.count { result.amplifyingReplies += 1 }
                        outstanding = max(0, outstanding - 1)
                        silentSince = monotonicNow()
                    }
                }
            }
            if outstanding > 0 && monotonicNow() - silentSince > .milliseconds(100) {
                result.writtenOff += outstanding
                outstanding = 0
                silentSince = monotonicNow()
            }
            between(result.sent)
        }
        result.seconds = Double((monotonicNow() - start).nanosecondsClamped) / 1e9
        return result
    }
}
