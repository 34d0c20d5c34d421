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

    @Test("without a NAT, coturn's answer maps the host address itself, which is not added as a candidate")
    func agentGatheringWithoutNAT() throws {
        guard let (process, server) = try Self.startCoturn() else { return }
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let socket = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
        var driver = AgentUDPDriver(socket: socket) { ICEConfiguration(role: .controlling, hostAddresses: [$0], stunServers: [server]) }
        driver.run(for: .seconds(8), until: { $0.events.contains(.gatheringComplete) })
        #expect(driver.events.contains(.gatheringComplete))
        // An answer, not a timeout: coturn's Binding success reached the agent, mapping the host address.
        let answers = driver.receivedSTUN.filter { $0.source == server }.compactMap { try? STUNMessage.decode($0.bytes).message }
        #expect(answers.contains { $0.type == .bindingSuccess && $0.mappedAddress == socket.localAddress }, "\(answers)")
        // RFC 8445 §5.1.3: without a NAT the reflexive address is the host address, so it is not added.
        #expect(driver.agent.localCandidates.map(\.kind) == [.host])
    }

    /// A NAT on loopback (LoopbackNAT: the agent's requests reach turnserver from another port), so
    /// coturn reports an address that is not the agent's: RFC 8445 §5.1.1.2's server-reflexive candidate.
    @Test("behind a loopback NAT the agent gathers a server-reflexive candidate: the NAT's address, related address the host")
    func agentGatheringBehindNAT() throws {
        guard let (process, server) = try Self.startCoturn() else { return }
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let nat = try LoopbackNAT(server: server)
        defer { nat.stop() }
        let socket = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
        let host = socket.localAddress
        var driver = AgentUDPDriver(socket: socket) {
            ICEConfiguration(role: .controlling, hostAddresses: [$0], stunServers: [nat.insideAddress])
        }
        driver.run(for: .seconds(8), until: { $0.events.contains(.gatheringComplete) })
        #expect(driver.events.contains(.gatheringComplete))
        #expect(nat.forwarded.out >= 1 && nat.forwarded.back >= 1, "the NAT relayed \(nat.forwarded)")
        let reflexive = driver.agent.localCandidates.filter { $0.kind == .serverReflexive }
        try #require(reflexive.count == 1, "local candidates: \(driver.agent.localCandidates)")
        let candidate = reflexive[0]
        #expect(candidate.address == nat.outsideAddress && candidate.address != host)
        #expect(candidate.relatedAddress == host && candidate.base == host)
        #expect(candidate.priority == ICECandidate.priority(kind: .serverReflexive, localPreference: 65535))
        #expect(driver.events.contains(.candidateGathered(candidate)), "the candidate was reported (trickle)")
        // Reported before gathering completed, and signalable as SDP (RFC 8839 §5.1: raddr/rport).
        let gathered = driver.events.firstIndex(of: .candidateGathered(candidate)), complete = driver.events.firstIndex(of: .gatheringComplete)
        #expect(gathered != nil && complete != nil && gathered! < complete!)
        #expect(candidate.sdpAttribute.contains("typ srflx raddr \(host.ip) rport \(host.port)"), "\(candidate.sdpAttribute)")
    }
}
