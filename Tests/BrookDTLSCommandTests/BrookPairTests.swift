import Foundation
import Testing

/// `brook dtls server` ↔ `brook dtls client` on loopback, as separate processes: the stderr lines of
/// issue 4 in form and in agreement (same keying material, each side's fingerprint is the other's
/// peer-fingerprint), a line of stdin relayed each way, and exit status 0 on a clean close.
@Suite struct BrookPairTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var listen = "127.0.0.1:0"
        /// How the client names the server: nil for the printed `listening:` address, else HOST for HOST:PORT.
        var connectHost: String?
        var server: [String] = []
        var client: [String] = []
        var profile: String
        var exportLength: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "defaults: AEAD_AES_256_GCM, 88 bytes", profile: "SRTP_AEAD_AES_256_GCM"),
        Case(name: "--no-cookie, --mtu 300 (fragmented flights)", server: ["--no-cookie", "--mtu", "300"],
             client: ["--mtu", "300"], profile: "SRTP_AEAD_AES_256_GCM"),
        Case(name: "--export-length 32 over SRTP_AES128_CM_HMAC_SHA1_80",
             server: ["--srtp-profiles", "SRTP_AES128_CM_HMAC_SHA1_80", "--export-length", "32"],
             client: ["--srtp-profiles", "SRTP_AEAD_AES_128_GCM,SRTP_AES128_CM_HMAC_SHA1_80", "--export-length", "32"],
             profile: "SRTP_AES128_CM_HMAC_SHA1_80", exportLength: 32),
        Case(name: "server's order picks SRTP_AEAD_AES_128_GCM (56 bytes)",
             server: ["--srtp-profiles", "SRTP_AEAD_AES_128_GCM,SRTP_AES128_CM_HMAC_SHA1_32"],
             client: ["--srtp-profiles", "SRTP_AES128_CM_HMAC_SHA1_32,SRTP_AEAD_AES_128_GCM"], profile: "SRTP_AEAD_AES_128_GCM"),
        Case(name: "--srtp-profiles none (60 bytes)", server: ["--srtp-profiles", "none"], client: ["--srtp-profiles", "none"],
             profile: "none"),
        Case(name: "IPv6 loopback [::1]", listen: "[::1]:0", profile: "SRTP_AEAD_AES_256_GCM"),
        Case(name: "host name localhost", listen: "localhost:0", connectHost: "localhost", profile: "SRTP_AEAD_AES_256_GCM"),
    ]

    @Test("brook server --once ↔ brook client", arguments: cases)
    func pair(_ item: Case) throws {
        let server = try BrookServer(["--once", "--stats-interval", "0.1"] + item.server, listen: item.listen)
        let connect = item.connectHost.map { "\($0):\(server.port)" } ?? server.address
        let client = try brookClient(connect, item.client)
        defer { server.process.kill(); client.kill() }

        #expect(client.stderrLine(startingWith: "keying-material: ") != nil, "client: \(client.stderr)")
        #expect(server.process.stderrLine(startingWith: "keying-material: ") != nil, "server: \(server.process.stderr)")
        client.write("ping from the client\n")
        #expect(server.process.waitFor("ping from the client\n"), "server stdout: \(server.process.stdout)")
        server.process.write("pong from the server\n")
        #expect(client.waitFor("pong from the server\n"), "client stdout: \(client.stdout)")
        client.closeInput()  // end of input: close_notify, as s_client does
        #expect(client.waitForExit() == 0, "client: \(client.stderr)")
        #expect(server.process.waitForExit() == 0, "server: \(server.process.stderr)")
        #expect(client.stdout == "pong from the server\n")
        #expect(server.process.stdout == "ping from the client\n")

        // Exactly these lines, in this order, and nothing else.
        let clientLines = client.stderrLines, serverLines = withoutStats(server.process.stderrLines)
        #expect(clientLines.count == 6 && clientLines.first?.hasPrefix("fingerprint: ") == true, "\(clientLines)")
        #expect(serverLines.count == 7 && serverLines.first?.hasPrefix("fingerprint: ") == true
                && serverLines[1].hasPrefix("listening: "), "\(serverLines)")
        let ours = try HandshakeReport(lines: clientLines), theirs = try HandshakeReport(lines: serverLines)
        #expect(ours.cipher == theirs.cipher && ours.group == theirs.group)
        #expect(ours.srtpProfile == item.profile && theirs.srtpProfile == item.profile)
        #expect(ours.keyingMaterial == theirs.keyingMaterial)
        #expect(ours.keyingMaterial.count == (item.exportLength ?? HandshakeReport.profileKeyingLength[item.profile]!))
        #expect(clientLines[0] == "fingerprint: " + theirs.peerFingerprint)
        #expect(serverLines[0] == "fingerprint: " + ours.peerFingerprint)

        let stats = try #require(lastStats(server.process), "\(server.process.stderr)")
        let cookies = !item.server.contains("--no-cookie")
        #expect(stats["hello_verify_requests"] == (cookies ? 1 : 0), "\(stats)")
        #expect(stats["connections_created"] == 1 && stats["amplifying_replies"] == 0, "\(stats)")
        if let mtu = item.server.firstIndex(of: "--mtu").map({ Int(item.server[$0 + 1])! }) {
            // The certificate flight did not fit: it went out in several datagrams, none above the MTU.
            #expect(stats["largest_datagram_out"]! <= mtu && stats["datagrams_out"]! >= 4, "\(stats)")
        } else {
            #expect(stats["largest_datagram_out"]! <= 1200, "\(stats)")
        }
    }

    @Test("a server without --once keeps serving: two clients at once, then a third")
    func manyClients() throws {
        let server = try BrookServer(["--stats-interval", "0.1"])
        defer { server.process.kill() }
        var materials: [[UInt8]] = []
        for round in 0..<2 {
            let clients = try (0..<(round == 0 ? 2 : 1)).map { _ in try brookClient(server.address, []) }
            defer { clients.forEach { $0.kill() } }
            for (index, client) in clients.enumerated() {
                #expect(client.stderrLine(startingWith: "keying-material: ") != nil, "client: \(client.stderr)")
                client.write("client \(round)-\(index)\n")
                #expect(server.process.waitFor("client \(round)-\(index)\n"))
                client.closeInput()
                #expect(client.waitForExit() == 0, "\(client.stderr)")
                materials.append(try HandshakeReport(lines: client.stderrLines).keyingMaterial)
            }
        }
        // The server printed one block per connection, with the same keying material as its client.
        let serverLines = withoutStats(server.process.stderrLines)
        let blocks = serverLines.indices.filter { serverLines[$0].hasPrefix("cipher: ") }
        let serverMaterials = try blocks.map { try HandshakeReport(lines: Array(serverLines[$0...])).keyingMaterial }
        #expect(Set(serverMaterials) == Set(materials) && materials.count == 3)
        #expect(!serverLines.contains { $0.hasPrefix("error:") }, "\(serverLines)")
        Thread.sleep(forTimeInterval: 0.3)
        let stats = try #require(lastStats(server.process))
        #expect(stats["connections_created"] == 3 && stats["connections"] == 0, "\(stats)")
    }

    @Test("--idle-timeout: the server closes a peer that stays quiet, with close_notify; the client exits 0")
    func idleTimeout() throws {
        let server = try BrookServer(["--idle-timeout", "0.5", "--stats-interval", "0.1"])
        defer { server.process.kill() }
        let client = try brookClient(server.address, [])
        defer { client.kill() }
        #expect(client.stderrLine(startingWith: "keying-material: ") != nil, "client: \(client.stderr)")
        // Silent, stdin open: only the server's idle timer can end it.
        #expect(client.waitForExit(seconds: 10) == 0, "client: \(client.stderr)")
        let idleLine = server.process.stderrLine(startingWith: "error: ")
        #expect(idleLine?.contains("idle timeout") == true, "\(server.process.stderr)")
        Thread.sleep(forTimeInterval: 0.3)
        let stats = try #require(lastStats(server.process))
        #expect(stats["connections_created"] == 1 && stats["connections"] == 0, "\(stats)")
    }
}
