import BrookTestSupport
import BrookICE
import BrookSansIO
import BrookUDP
import Foundation
import Glibc
import Testing

/// Server-reflexive discovery against a real STUN server: coturn's `turnserver`, started on loopback.
@Suite("STUN client against coturn")
struct CoturnInteropTests {
    /// Starts `turnserver -S` on a free loopback port and waits until it answers a Binding request.
    static func startCoturn() throws -> (process: Process, address: TransportAddress)? {
        guard let tool = TestEnvironment.require(ExternalProcess.which("turnserver"), "turnserver (Debian coturn)") else { return nil }
        for _ in 0..<5 {
            let port = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!).localAddress.port
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-n", "-S", "--no-cli", "--no-tls", "--no-dtls", "-L", "127.0.0.1", "-p", "\(port)",
                                 "--no-stdout-log", "--log-file", "/dev/null", "--pidfile", "/dev/null"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let address = TransportAddress(ip: .loopbackV4, port: port)
            let probe = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
            var rng = SeededGenerator(seed: UInt64(port))
            let request = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng)).encode()
            for _ in 0..<30 {
                try probe.send(request, to: address)
                if try probe.receive(timeout: .milliseconds(100)) != nil { return (process, address) }
                if !process.isRunning { break }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        Issue.record("turnserver did not start")
        return nil
    }

    @Test("a client transaction gets XOR-MAPPED-ADDRESS, SOFTWARE and a valid FINGERPRINT from coturn")
    func bindingTransaction() throws {
        guard let (process, server) = try Self.startCoturn() else { return }
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let socket = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
        var rng = SeededGenerator(seed: 77)
        let id = STUNTransactionID(using: &rng)
        let request = try STUNMessage(type: .bindingRequest, transactionID: id, attributes: [.software("Brook test")]).encode()
        var transaction = STUNClientTransaction(request: request, transactionID: id, now: .zero,
                                                timing: .init(rto: .milliseconds(100), maximumTransmissions: 4, finalWaitMultiplier: 4))
        try socket.send(request, to: server)
        var response: STUNDecodedMessage?
        var now = Instant.zero
        while response == nil {
            if let (bytes, _) = try socket.receive(timeout: .milliseconds(50)), let decoded = try? STUNMessage.decode(bytes),
               decoded.message.transactionID == id {
                response = decoded
                break
            }
            now = now + .milliseconds(50)
            switch transaction.handleTimeout(now: now) {
            case .retransmit(let bytes): try socket.send(bytes, to: server)
            case .timedOut: Issue.record("coturn did not answer"); return
            case .wait: break
            }
        }
        let message = try #require(response).message
        #expect(message.type == .bindingSuccess)
        #expect(message.mappedAddress == socket.localAddress)
        #expect(message.software?.lowercased().contains("coturn") == true, "\(message.software ?? "no SOFTWARE")")
    }

    @Test("the agent's server-reflexive gathering completes against coturn (loopback: the mapping equals the host address)")
    func agentGathering() throws {
        guard let (process, server) = try Self.startCoturn() else { return }
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let socket = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
        var driver = AgentUDPDriver(socket: socket) { ICEConfiguration(role: .controlling, hostAddresses: [$0], stunServers: [server]) }
        let started = driver.now
        driver.run(for: .seconds(8), until: { $0.events.contains(.gatheringComplete) })
        #expect(driver.events.contains(.gatheringComplete))
        // An answer, not a timeout (which takes 5.5 s with the default gathering timing).
        #expect(driver.now - started < .seconds(2))
        // RFC 8445 §5.1.3: without a NAT the reflexive address is the host address, so it is not added.
        #expect(driver.agent.localCandidates.map(\.kind) == [.host])
    }
}
