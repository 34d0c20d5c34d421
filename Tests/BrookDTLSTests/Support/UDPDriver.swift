import BrookDTLS
import BrookSansIO
import Glibc

/// Runs a `DTLSConnection` over a real UDP socket with the monotonic clock, collecting what it reports.
struct UDPDriver {
    var connection: DTLSConnection
    let socket: UDPSocket
    /// Where datagrams go; a server learns it from the first datagram it receives.
    var peer: sockaddr_in?
    var reported = Reported()

    /// Pumps until `done` holds or `seconds` pass; returns whether `done` held.
    mutating func run(seconds: Double, until done: (Reported) -> Bool) -> Bool {
        let end = monotonicNow() + .milliseconds(Int64(seconds * 1000))
        while monotonicNow() < end {
            flush()
            if done(reported) { return true }
            var wait: Int32 = 20
            if let deadline = reported.deadline {
                let left = deadline - monotonicNow()
                wait = Int32(clamping: max(0, min(20, left.nanosecondsClamped / 1_000_000)))
            }
            if let (bytes, from) = socket.receive(timeoutMilliseconds: wait) {
                if peer == nil { peer = from }
                connection.handle(datagram: bytes, now: monotonicNow())
            }
            if let deadline = reported.deadline, monotonicNow() >= deadline {
                connection.handleTimeout(now: monotonicNow())
            }
        }
        flush()
        return done(reported)
    }

    mutating func flush() {
        for datagram in reported.drain(&connection) {
            if let peer { socket.send(datagram, to: peer) }
        }
    }
}
