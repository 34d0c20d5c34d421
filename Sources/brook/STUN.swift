import ArgumentParser
import BrookICE
import BrookSansIO
import BrookUDP
import Glibc

/// `brook stun --listen HOST:PORT`: a STUN server answering Binding requests (RFC 8489).
struct STUN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stun",
        abstract: "Run a STUN server that answers Binding requests with XOR-MAPPED-ADDRESS, SOFTWARE and FINGERPRINT."
    )

    @Option(name: .long, help: "Address to listen on, e.g. 127.0.0.1:3478 or [::1]:3478 (port 0: any free port).")
    var listen: String?

    @Option(name: .long, help: "Instead of serving, time this many ICE connectivity checks through a Sans-IO agent.")
    var bench: Int?

    @Option(name: .long, help: "Stop after answering this many requests (0: run until killed).")
    var count: Int = 0

    func run() throws {
        if let bench {
            let rate = try STUNBenchmark.run(count: max(1, bench))
            print("stun binding requests (decode, MESSAGE-INTEGRITY, FINGERPRINT, signed response): \(Int(rate)) per second")
            return
        }
        guard let listen, let address = TransportAddress(listen) else {
            throw ValidationError("--listen needs HOST:PORT, e.g. 127.0.0.1:3478 or [::1]:3478")
        }
        let socket = try UDPSocket(bind: address)
        let server = STUNBindingServer(software: "Brook STUN")
        // Unbuffered, so a parent process reading the pipe sees the line at once.
        let line = Array("listening on \(socket.localAddress)\n".utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        var answered = 0
        while count == 0 || answered < count {
            guard let (datagram, source) = try socket.receive(timeout: .seconds(1)) else { continue }
            guard let response = server.respond(to: datagram, from: source) else { continue }
            try socket.send(response, to: source)
            answered += 1
        }
    }
}
