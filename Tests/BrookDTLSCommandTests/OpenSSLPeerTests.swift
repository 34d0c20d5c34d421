import BrookTestSupport
import Foundation
import Testing

/// `brook dtls client` ↔ `openssl s_server -dtls1_2` and `openssl s_client -dtls1_2` ↔ `brook dtls
/// server` on loopback: the keying material brook prints equals OpenSSL's `-keymatexport
/// EXTRACTOR-dtls_srtp`, a line crosses each way, and brook exits 0 on the clean close.
@Suite struct OpenSSLPeerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var profile: String          // IANA name, what brook prints
        var opensslProfile: String   // OpenSSL's name for -use_srtp
        var length: Int
        var opensslGroups = "X25519:P-256"
        var group: String
        var mtu: Int?
        var cookies = true
        var testDescription: String {
            "\(profile), \(group)\(mtu.map { ", MTU \($0)" } ?? "")\(cookies ? "" : ", --no-cookie")"
        }
    }

    static let cases: [Case] = [
        Case(profile: "SRTP_AES128_CM_HMAC_SHA1_80", opensslProfile: "SRTP_AES128_CM_SHA1_80", length: 60, group: "x25519"),
        Case(profile: "SRTP_AEAD_AES_256_GCM", opensslProfile: "SRTP_AEAD_AES_256_GCM", length: 88, opensslGroups: "P-256",
             group: "secp256r1", mtu: 300, cookies: false),
        Case(profile: "SRTP_AEAD_AES_128_GCM", opensslProfile: "SRTP_AEAD_AES_128_GCM", length: 56, group: "x25519", mtu: 300),
        Case(profile: "SRTP_AES128_CM_HMAC_SHA1_32", opensslProfile: "SRTP_AES128_CM_SHA1_32", length: 60, opensslGroups: "P-256",
             group: "secp256r1", cookies: false),
    ]

    static func opensslKeyingMaterial(_ output: String) -> [UInt8]? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("Keying material: ") }) else { return nil }
        return HandshakeReport.bytes(hex: String(line.split(separator: " ").last ?? "").lowercased())
    }

    @Test("brook dtls client ↔ openssl s_server -dtls1_2", arguments: cases)
    func clientAgainstOpenSSL(_ item: Case) throws {
        guard CommandEnvironment.requireOpenSSL() else { return }
        let directory = try TemporaryDirectory()
        let identity = try IdentityAndFailureTests.opensslIdentity(in: directory, name: "openssl", sec1: false)
        var arguments = ["-oL", "openssl", "s_server", "-dtls1_2", "-accept", "127.0.0.1:0", "-cert", identity.cert,
                         "-key", identity.key, "-groups", item.opensslGroups, "-use_srtp", item.opensslProfile,
                         "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "\(item.length)", "-verify", "1",
                         "-naccept", "1"]
        if let mtu = item.mtu { arguments += ["-mtu", "\(mtu)"] }
        let server = try CommandProcess("stdbuf", arguments)
        defer { server.kill() }
        try #require(server.waitFor("ACCEPT"), "\(server.stdout)\(server.stderr)")
        let banner = try #require(server.stdout.split(separator: "\n").first { $0.hasPrefix("ACCEPT") })
        let port = try #require(banner.split(separator: ":").last.map(String.init))

        var clientArguments = ["--srtp-profiles", item.profile, "--expect-fingerprint", identity.fingerprint]
        if let mtu = item.mtu { clientArguments += ["--mtu", "\(mtu)"] }
        let client = try brookClient("127.0.0.1:\(port)", clientArguments)
        defer { client.kill() }
        #expect(client.stderrLine(startingWith: "keying-material: ") != nil, "\(client.stderr)")
        #expect(server.waitFor("Keying material: "), "\(server.stdout)")
        client.write("hello from brook\n")
        #expect(server.waitFor("hello from brook"), "\(server.stdout)")
        server.write("hello from openssl\n")
        #expect(client.waitFor("hello from openssl\n"), "\(client.stdout)")
        client.closeInput()
        #expect(client.waitForExit() == 0, "\(client.stderr)")

        let report = try HandshakeReport(lines: client.stderrLines)
        #expect(report.srtpProfile == item.profile && report.group == item.group)
        #expect(report.peerFingerprint == identity.fingerprint)
        #expect(report.keyingMaterial.count == item.length)
        #expect(report.keyingMaterial == Self.opensslKeyingMaterial(server.stdout), "\(server.stdout)")
        #expect(client.stdout == "hello from openssl\n")
    }

    @Test("openssl s_client -dtls1_2 ↔ brook dtls server --once", arguments: cases)
    func openSSLAgainstServer(_ item: Case) throws {
        guard CommandEnvironment.requireOpenSSL() else { return }
        let directory = try TemporaryDirectory()
        let identity = try IdentityAndFailureTests.opensslIdentity(in: directory, name: "openssl", sec1: true)
        var serverArguments = ["--once", "--srtp-profiles", item.profile, "--expect-fingerprint", identity.fingerprint,
                               "--stats-interval", "0.1"]
        if let mtu = item.mtu { serverArguments += ["--mtu", "\(mtu)"] }
        if !item.cookies { serverArguments.append("--no-cookie") }
        let server = try BrookServer(serverArguments)
        defer { server.process.kill() }
        var arguments = ["-oL", "openssl", "s_client", "-dtls1_2", "-connect", server.address, "-cert", identity.cert,
                         "-key", identity.key, "-groups", item.opensslGroups, "-use_srtp", item.opensslProfile,
                         "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", "\(item.length)"]
        if let mtu = item.mtu { arguments += ["-mtu", "\(mtu)"] }
        let client = try CommandProcess("stdbuf", arguments)
        defer { client.kill() }
        #expect(server.process.stderrLine(startingWith: "keying-material: ") != nil, "\(server.process.stderr)")
        #expect(client.waitFor("Keying material: "), "\(client.stdout)\(client.stderr)")
        client.write("hello from openssl\n")
        #expect(server.process.waitFor("hello from openssl\n"), "\(server.process.stdout)")
        server.process.write("hello from brook\n")
        #expect(client.waitFor("hello from brook"), "\(client.stdout)")
        client.closeInput()  // s_client sends close_notify at the end of its input
        #expect(server.process.waitForExit() == 0, "\(server.process.stderr)")

        let report = try HandshakeReport(lines: server.process.stderrLines)
        #expect(report.srtpProfile == item.profile && report.group == item.group)
        #expect(report.peerFingerprint == identity.fingerprint)
        #expect(report.keyingMaterial.count == item.length)
        #expect(report.keyingMaterial == Self.opensslKeyingMaterial(client.stdout), "\(client.stdout)")
        #expect(server.process.stdout == "hello from openssl\n")
        let stats = try #require(lastStats(server.process))
        #expect(item.cookies ? stats["hello_verify_requests"]! >= 1 : stats["hello_verify_requests"]! == 0, "\(stats)")
        if let mtu = item.mtu { #expect(stats["largest_datagram_out"]! <= mtu, "\(stats)") }
    }
}
