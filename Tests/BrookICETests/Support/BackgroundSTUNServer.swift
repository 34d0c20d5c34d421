import BrookICE
import BrookSansIO
import BrookUDP
import Foundation

/// A `STUNBindingServer` on a real UDP socket, answering on a background thread until stopped.
final class BackgroundSTUNServer: @unchecked Sendable {
    let address: TransportAddress
    private let socket: UDPSocket
    private let lock = NSLock()
    private var stopped = false
    private var answeredCount = 0
    private let finished = DispatchSemaphore(value: 0)

    init(bind: TransportAddress) throws {
        socket = try UDPSocket(bind: bind)
        address = socket.localAddress
        let thread = Thread { [self] in run() }
        thread.start()
    }

    var answered: Int { lock.withLock { answeredCount } }

    private func run() {
        let server = STUNBindingServer(software: "Brook test")
        while !lock.withLock({ stopped }) {
            guard let received = try? socket.receive(timeout: .milliseconds(50)) else { continue }
            if let response = server.respond(to: received.bytes, from: received.source) {
                try? socket.send(response, to: received.source)
                lock.withLock { answeredCount += 1 }
            }
        }
        finished.signal()
    }

    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
    }
}
