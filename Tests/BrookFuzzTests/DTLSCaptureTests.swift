import BrookDTLS
import BrookFuzzTargets
import BrookSansIO
import BrookTestSupport
import BrookUDP
import Foundation
import Testing

/// Records the DTLS seeds from real traffic: the fixed endpoints of the DTLS fuzz targets
/// (DTLSFuzzFixture) complete handshakes with `openssl s_client -dtls1_2` and `openssl s_server
/// -dtls1_2` on 127.0.0.1, every suite, both groups, four SRTP profiles, small MTUs, cookies on and
/// off, renegotiation attempts; every datagram our endpoint receives is recorded. The recording
/// must replay through the target's endpoint to the same outcome (the fixture is deterministic, so
/// the seeds reach the end of the handshake) and hold the target's properties.
///
/// `BROOK_FUZZ_WRITE_CORPUS=1 swift test --filter DTLSCaptureTests` writes every case, and the
/// seeds only Brook's own endpoints can make (DTLSFuzzSeeds), to Fuzz/Corpus; without it a few cases run.
@Suite struct DTLSCaptureTests {
    static let writing = ProcessInfo.processInfo.environment["BROOK_FUZZ_WRITE_CORPUS"] == "1"

    struct Case: Sendable, CustomStringConvertible {
        var suite: DTLSCipherSuite
        var group: DTLSNamedGroup
        var profile: SRTPProtectionProfile
        var smallMTU = false
        var cookies = true
        var renegotiate = false
        var requestCertificate = true

        var description: String {
            let suiteName = ["aes128gcm", "aes256gcm", "chacha20"][DTLSCipherSuite.allCases.firstIndex(of: suite)!]
            let profileName = ["sha1-80", "sha1-32", "gcm128", "gcm256"][SRTPProtectionProfile.allCases.firstIndex(of: profile)!]
            var name = "\(suiteName)-\(group)-srtp-\(profileName)"
            if smallMTU { name += "-mtu300" }
            if !cookies { name += "-nocookie" }
            if renegotiate { name += "-renegotiate" }
            if !requestCertificate { name += "-nocertrequest" }
            return name
        }
    }

    static let allCases: [Case] = [
        Case(suite: .ecdheECDSAWithAES128GCMSHA256, group: .x25519, profile: .aeadAES128GCM),
        Case(suite: .ecdheECDSAWithAES256GCMSHA384, group: .secp256r1, profile: .aeadAES256GCM, smallMTU: true),
        Case(suite: .ecdheECDSAWithChaCha20Poly1305SHA256, group: .x25519, profile: .aes128CMHMACSHA1_80, renegotiate: true),
        Case(suite: .ecdheECDSAWithAES128GCMSHA256, group: .secp256r1, profile: .aes128CMHMACSHA1_32, smallMTU: true,
             cookies: false, requestCertificate: false),
        Case(suite: .ecdheECDSAWithAES256GCMSHA384, group: .x25519, profile: .aeadAES256GCM, renegotiate: true),
        Case(suite: .ecdheECDSAWithChaCha20Poly1305SHA256, group: .secp256r1, profile: .aeadAES128GCM, smallMTU: true),
    ]
    static let cases = writing ? allCases : [allCases[0], allCases[2], allCases[3]]
    static let greeting = "hello from openssl\n"

    static func opensslName(_ suite: DTLSCipherSuite) -> String {
        switch suite {
        case .ecdheECDSAWithAES128GCMSHA256: "ECDHE-ECDSA-AES128-GCM-SHA256"
        case .ecdheECDSAWithAES256GCMSHA384: "ECDHE-ECDSA-AES256-GCM-SHA384"
        case .ecdheECDSAWithChaCha20Poly1305SHA256: "ECDHE-ECDSA-CHACHA20-POLY1305"
        }
    }

    static func opensslName(_ profile: SRTPProtectionProfile) -> String {
        profile.ianaName.replacingOccurrences(of: "_HMAC_", with: "_")  // SRTP_AES128_CM_SHA1_80
    }

    static func opensslArguments(_ test: Case, identity: DTLSFuzzFixture.Identity, in directory: TemporaryDirectory) throws -> [String] {
        let certificate = try directory.write("cert.pem", identity.certificate.pemEncoded)
        let key = try directory.write("key.pem", identity.key.pemRepresentation)
        var arguments = ["-dtls1_2", "-cert", certificate, "-key", key, "-cipher", opensslName(test.suite),
                         "-groups", test.group == .x25519 ? "X25519:P-256" : "P-256", "-use_srtp", opensslName(test.profile)]
        if test.smallMTU { arguments += ["-mtu", "300"] }
        return arguments
    }

    @Test("openssl s_client's datagrams to the fixed server replay through dtls-server", arguments: cases)
    func recordServer(_ test: Case) throws {
        guard requireOpenSSL() else { return }
        let directory = try TemporaryDirectory(prefix: "brook-fuzz-capture")
        let mode: UInt8 = test.cookies ? 0 : 1
        let socket = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
        var capture = Capture(connection: DTLSFuzzFixture.server(mode: mode), socket: socket, peer: nil)
        let client = try ChildProcess(["stdbuf", "-oL", "openssl", "s_client", "-connect", "127.0.0.1:\(socket.localAddress.port)"]
                                      + Self.opensslArguments(test, identity: DTLSFuzzFixture.clientIdentity, in: directory))
        try capture.run(seconds: 10) { $0.outcome.connected || $0.outcome.closed != nil }
        #expect(capture.outcome.connected, "\(String(describing: capture.outcome.closed)): \(client.output)")
        try converse(&capture, with: client, renegotiate: "R\n", quit: "Q\n", test: test)

        let script = FuzzScript(mode: mode, steps: capture.received.map { FuzzStep.datagram($0) })
        #expect(DTLSFuzzSeeds.replayServer(script) == capture.outcome, "the recording does not replay to the same end")
        let target = try #require(FuzzTarget.named("dtls-server"))
        #expect(throws: Never.self) { try target.run(script.bytes) }
        if Self.writing { try CorpusWriter.write("dtls-server", "openssl-\(test).bin", script.bytes) }
    }

    @Test("openssl s_server's datagrams to the fixed client replay through dtls-client", arguments: cases)
    func recordClient(_ test: Case) throws {
        guard requireOpenSSL() else { return }
        let directory = try TemporaryDirectory(prefix: "brook-fuzz-capture")
        var arguments = ["s_server", "-accept", "127.0.0.1:0", "-no_ticket"]
            + (try Self.opensslArguments(test, identity: DTLSFuzzFixture.serverIdentity, in: directory))
        if test.requestCertificate { arguments += ["-verify", "1"] }
        let server = try ChildProcess(["stdbuf", "-oL", "openssl"] + arguments)
        let banner = try #require(server.waitForOutput(containing: "ACCEPT", seconds: 10), "\(server.output)")
        let line = banner.split(separator: "\n").first { $0.hasPrefix("ACCEPT") } ?? ""
        let port = try #require(line.split(separator: ":").last.flatMap { UInt16($0) }, "\(banner)")
        let socket = try UDPSocket(bind: TransportAddress("127.0.0.1:0")!)
        var capture = Capture(connection: DTLSFuzzFixture.client(), socket: socket,
                              peer: TransportAddress(ip: .loopbackV4, port: port))
        try capture.run(seconds: 10) { $0.outcome.connected || $0.outcome.closed != nil }
        #expect(capture.outcome.connected, "\(String(describing: capture.outcome.closed)): \(server.output)")
        try converse(&capture, with: server, renegotiate: "r\n", quit: "q\n", test: test)

        // Everything OpenSSL sent, from its HelloVerifyRequest on: the client's state after its first ClientHello.
        let whole = FuzzScript(mode: 1, steps: capture.received.map { FuzzStep.datagram($0) })
        #expect(DTLSFuzzSeeds.replayClient(whole) == capture.outcome, "the recording does not replay to the same end")
        let target = try #require(FuzzTarget.named("dtls-client"))
        #expect(throws: Never.self) { try target.run(whole.bytes) }
        // What came after OpenSSL's HelloVerifyRequest, for the client that had the fixed server's instead.
        let verifyRequest = capture.received.firstIndex { $0.count > 25 && $0[0] == 22 && $0[13] == 3 }
        var afterCookie: FuzzScript?
        if let verifyRequest {
            let rest = capture.received[(verifyRequest + 1)...]
            afterCookie = FuzzScript(mode: 0, steps: rest.map { FuzzStep.datagram($0) })
        }
        if let afterCookie { #expect(try target.run(afterCookie.bytes) == .accepted) }
        if Self.writing {
            try CorpusWriter.write("dtls-client", "openssl-\(test).bin", whole.bytes)
            if let afterCookie { try CorpusWriter.write("dtls-client", "openssl-after-hvr-\(test).bin", afterCookie.bytes) }
        }
    }

    /// A line from OpenSSL, maybe a renegotiation attempt, then OpenSSL's quit command.
    func converse(_ capture: inout Capture, with peer: ChildProcess, renegotiate: String, quit: String, test: Case) throws {
        guard capture.outcome.connected else { return }
        peer.write(Self.greeting)
        try capture.run(seconds: 5) { $0.outcome.applicationData.count >= Self.greeting.utf8.count }
        #expect(capture.outcome.applicationData == Array(Self.greeting.utf8))
        if test.renegotiate {
            peer.write(renegotiate)
            try capture.run(seconds: 1) { $0.outcome.closed != nil }
        }
        if capture.outcome.closed == nil {
            peer.write(quit)
            try capture.run(seconds: 2) { $0.outcome.closed != nil }
        }
    }

    @Test("the seeds only the fixed endpoints can make hold the targets' properties")
    func ownSeeds() throws {
        let sets: [(String, [(name: String, script: FuzzScript)])] = [
            ("dtls-client", DTLSFuzzSeeds.clientFromFixedServer()), ("dtls-server", DTLSFuzzSeeds.serverFromFixedClient()),
            ("dtls-record", DTLSFuzzSeeds.record()),
        ]
        for (name, seeds) in sets {
            let target = try #require(FuzzTarget.named(name))
            #expect(seeds.count >= 3, "\(name): \(seeds.count) seeds")
            for seed in seeds {
                do {
                    #expect(try target.run(seed.script.bytes) == .accepted, "\(seed.name)")
                } catch {
                    Issue.record("\(name)/\(seed.name): \(error)")
                }
            }
        }
        for seed in DTLSFuzzSeeds.clientFromFixedServer() {
            let outcome = DTLSFuzzSeeds.replayClient(seed.script)
            #expect(outcome.connected && outcome.applicationData == DTLSFuzzSeeds.greeting && outcome.closed == .peerClosed, "\(seed.name)")
        }
        for seed in DTLSFuzzSeeds.serverFromFixedClient() {
            let outcome = DTLSFuzzSeeds.replayServer(seed.script)
            #expect(outcome.connected && outcome.applicationData == DTLSFuzzSeeds.greeting && outcome.closed == .peerClosed, "\(seed.name)")
        }
        if Self.writing {
            for (name, seeds) in sets {
                for seed in seeds { try CorpusWriter.write(name, "\(seed.name).bin", seed.script.bytes) }
            }
        }
    }

    /// The committed recordings still take the fixed endpoints through whole handshakes: a change in
    /// what they send (a message, a use of the seeded randomness) makes OpenSSL's recorded answers
    /// stale, and the fuzzer would no longer get past the first flights. Record them again then.
    @Test("the committed DTLS recordings still reach the end of the handshake")
    func committedRecordingsAreCurrent() throws {
        for (target, replay) in [("dtls-server", DTLSFuzzSeeds.replayServer), ("dtls-client", DTLSFuzzSeeds.replayClient)] {
            let files = CorpusWriter.files(target).filter {
                ($0.lastPathComponent.hasPrefix("openssl-") || $0.lastPathComponent.hasPrefix("fixed-"))
                    && !$0.lastPathComponent.hasPrefix("openssl-after-hvr-")
            }
            #expect(files.count >= 6, "\(target): \(files.count) recordings")
            for file in files {
                let bytes = try [UInt8](Data(contentsOf: file))
                let script = try #require(FuzzScript.parse(bytes))
                #expect(replay(script).connected,
                        "\(target)/\(file.lastPathComponent) no longer completes a handshake: record the seeds again (BROOK_FUZZ_WRITE_CORPUS=1 swift test --filter DTLSCaptureTests)")
            }
        }
    }

    func requireOpenSSL(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        TestEnvironment.require(ChildProcess.opensslAvailable ? true : nil, "the openssl command", sourceLocation: sourceLocation) != nil
    }
}

/// Drives a fixed endpoint over a real socket at instant zero (the targets' clock), recording every
/// datagram it receives and what it reports.
struct Capture {
    var connection: DTLSConnection
    let socket: UDPSocket
    /// Where datagrams go; a server learns it from the first datagram.
    var peer: TransportAddress?
    var received: [[UInt8]] = []
    var outcome = DTLSFuzzSeeds.Outcome()

    mutating func run(seconds: Double, until done: (Capture) -> Bool) throws {
        let end = Date().addingTimeInterval(seconds)
        while true {
            try flush()
            if done(self) || Date() >= end { return }
            if let (bytes, source) = try socket.receive(timeout: .milliseconds(20)) {
                if peer == nil { peer = source }
                received.append(bytes)
                connection.handle(datagram: bytes, now: .zero)
            }
        }
    }

    mutating func flush() throws {
        while let output = connection.pollOutput() {
            switch output {
            case .transmit(let datagram): if let peer { try socket.send(datagram, to: peer) }
            case .event(.connected): outcome.connected = true
            case .event(.applicationData(let data)): outcome.applicationData += data
            case .event(.closed(let reason)): outcome.closed = reason
            default: break
            }
        }
    }
}

/// Fuzz/Corpus/<target>/ files: listing and writing seeds.
enum CorpusWriter {
    static func folder(_ target: String) -> URL {
        TestEnvironment.packageRoot.appendingPathComponent("Fuzz/Corpus").appendingPathComponent(target)
    }

    static func files(_ target: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(target).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder(target).appendingPathComponent($0) }
    }

    static func write(_ target: String, _ name: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(at: folder(target), withIntermediateDirectories: true)
        try Data(bytes).write(to: folder(target).appendingPathComponent(name))
    }
}
