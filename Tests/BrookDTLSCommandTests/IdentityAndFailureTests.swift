import BrookTestSupport
import Foundation
import Testing

/// `--cert/--key` PEM files made by OpenSSL (the fingerprint printed is `openssl x509 -fingerprint
/// -sha256`'s), `--expect-fingerprint` accepting and refusing, and every failure ending in one
/// `error:` line and a non-zero exit status.
@Suite struct IdentityAndFailureTests {
    /// A P-256 certificate and key made by OpenSSL: the key as PKCS #8, or SEC 1 with `sec1`.
    static func opensslIdentity(in directory: TemporaryDirectory, name: String, sec1: Bool) throws
        -> (cert: String, key: String, fingerprint: String)
    {
        let key = directory.file("\(name)-key.pem")
        let cert = directory.file("\(name)-cert.pem")
        if sec1 {
            try ExternalProcess.run("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key])
            try ExternalProcess.run("openssl", ["req", "-x509", "-new", "-key", key, "-out", cert, "-subj", "/CN=\(name)", "-days", "30"])
        } else {
            try ExternalProcess.run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                                "-nodes", "-keyout", key, "-out", cert, "-subj", "/CN=\(name)", "-days", "30"])
        }
        let output = try ExternalProcess.run("openssl", ["x509", "-in", cert, "-noout", "-fingerprint", "-sha256"]).stdoutText
        // "sha256 Fingerprint=AB:CD:…" (OpenSSL 3) or "SHA256 Fingerprint=…" (1.1).
        let hex = try #require(output.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        return (cert, key, "sha-256 " + hex.uppercased())
    }

    @Test("--cert/--key from OpenSSL (PKCS #8 and SEC 1 keys), --expect-fingerprint on both sides")
    func opensslIdentities() throws {
        guard CommandEnvironment.requireOpenSSL() else { return }
        let directory = try TemporaryDirectory()
        let serverIdentity = try Self.opensslIdentity(in: directory, name: "server", sec1: false)
        let clientIdentity = try Self.opensslIdentity(in: directory, name: "client", sec1: true)
        let server = try BrookServer(["--once", "--cert", serverIdentity.cert, "--key", serverIdentity.key,
                                      "--expect-fingerprint", clientIdentity.fingerprint])
        let client = try brookClient(server.address, ["--cert", clientIdentity.cert, "--key", clientIdentity.key,
                                                      "--expect-fingerprint", serverIdentity.fingerprint])
        defer { server.process.kill(); client.kill() }
        #expect(client.stderrLine(startingWith: "keying-material: ") != nil, "\(client.stderr)")
        client.closeInput()
        #expect(client.waitForExit() == 0, "\(client.stderr)")
        #expect(server.process.waitForExit() == 0, "\(server.process.stderr)")
        #expect(server.process.stderrLines.first == "fingerprint: " + serverIdentity.fingerprint)
        #expect(client.stderrLines.first == "fingerprint: " + clientIdentity.fingerprint)
        let clientReport = try HandshakeReport(lines: client.stderrLines)
        let serverReport = try HandshakeReport(lines: server.process.stderrLines)
        #expect(clientReport.peerFingerprint == serverIdentity.fingerprint)
        #expect(serverReport.peerFingerprint == clientIdentity.fingerprint)
        #expect(clientReport.keyingMaterial == serverReport.keyingMaterial)
    }

    static let wrongFingerprint = "sha-256 " + Array(repeating: "AB", count: 32).joined(separator: ":")

    @Test("the client refuses a server whose fingerprint does not match: bad_certificate, one line, exit 1")
    func clientRefuses() throws {
        let server = try BrookServer(["--once"])
        let client = try brookClient(server.address, ["--expect-fingerprint", Self.wrongFingerprint])
        defer { server.process.kill(); client.kill() }
        let clientStatus = client.waitForExit()
        let serverStatus = server.process.waitForExit()
        #expect(clientStatus != nil && clientStatus != 0)
        #expect(serverStatus != nil && serverStatus != 0)
        // The client: its fingerprint, then exactly one reason.
        let lines = client.stderrLines
        #expect(lines.count == 2 && lines[0].hasPrefix("fingerprint: "), "\(lines)")
        #expect(lines.last == "error: \(server.address): bad certificate: certificate fingerprint does not match", "\(lines)")
        // The server hears the fatal alert (RFC 5246 §7.2.2 bad_certificate) and says so in one line.
        let serverErrors = server.process.stderrLines.filter { $0.hasPrefix("error: ") }
        #expect(serverErrors.count == 1 && serverErrors[0].hasSuffix(": peer sent fatal alert bad_certificate"), "\(server.process.stderr)")
        #expect(!server.process.stderr.contains("keying-material:") && !client.stderr.contains("keying-material:"))
    }

    @Test("the server refuses a client whose fingerprint does not match")
    func serverRefuses() throws {
        let server = try BrookServer(["--once", "--expect-fingerprint", Self.wrongFingerprint])
        let client = try brookClient(server.address, [])
        defer { server.process.kill(); client.kill() }
        let serverStatus = server.process.waitForExit(), clientStatus = client.waitForExit()
        #expect(serverStatus != nil && serverStatus != 0 && clientStatus != nil && clientStatus != 0)
        let serverErrors = server.process.stderrLines.filter { $0.hasPrefix("error: ") }
        #expect(serverErrors.count == 1 && serverErrors[0].hasSuffix(": bad certificate: certificate fingerprint does not match"),
                "\(server.process.stderr)")
        #expect(client.stderrLines.last == "error: \(server.address): peer sent fatal alert bad_certificate", "\(client.stderr)")
        #expect(client.stderrLines.filter { $0.hasPrefix("error: ") }.count == 1)
    }

    @Test("usage and setup failures: one error line, exit status 1", arguments: [
        (["server", "--listen", "nonsense"], "error: nonsense: expected HOST:PORT"),
        (["server", "--listen", "::1:4433"], "error: ::1:4433: expected an IPv4 address, [IPv6 address] or host name before :PORT"),
        (["client", "--connect", "no-such-host.invalid:4433"], nil),
        (["server", "--listen", "127.0.0.1:0", "--cert", "/nonexistent/cert.pem", "--key", "/nonexistent/key.pem"], nil),
        (["client", "--connect", "127.0.0.1:9", "--export-length", "0"], "error: --export-length must be 1…65536"),
        (["client", "--connect", "127.0.0.1:9", "--srtp-profiles", "SRTP_NULL"], "error: unknown SRTP profile SRTP_NULL"),
        (["client", "--connect", "127.0.0.1:9", "--expect-fingerprint", "md5 00"],
         "error: --expect-fingerprint 'md5 00' is not an SDP fingerprint (invalidFingerprint)"),
        (["server", "--listen", "127.0.0.1:0", "--idle-timeout", "1e9"], "error: --idle-timeout must be 0…31536000"),
    ] as [([String], String?)])
    func setupFailures(arguments: [String], expected: String?) throws {
        let process = try CommandProcess(CommandEnvironment.brook, ["dtls"] + arguments)
        defer { process.kill() }
        process.closeInput()
        #expect(process.waitForExit() == 1)
        let errors = process.stderrLines.filter { !$0.hasPrefix("fingerprint: ") }
        #expect(errors.count == 1 && errors[0].hasPrefix("error: "), "\(process.stderr)")
        if let expected { #expect(errors.first == expected) }
    }
}
