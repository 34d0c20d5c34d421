import ArgumentParser
import BrookCrypto
import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import BrookX509
import Foundation

/// `brook dtls load`: load and memory figures of `brook dtls server` (issue 7), with the server in
/// its own process so its memory is its own.
///
/// - handshakes: `--connections` clients, each on its own socket, start together against one server
///   socket (cookie exchange on); handshakes per second, p50/p99 latency, the server's peak RSS.
/// - memory: the same clients hold their final flight back until all of them sit mid-handshake on
///   the server, then complete: server RSS per connection during the handshake and established.
/// - flood: `--flood` cookieless ClientHellos from `--flood-sources` sockets against a fresh
///   server, a legitimate client connecting halfway through: server RSS growth, bytes in and out,
///   HelloVerifyRequest sizes, connections created.
///
/// Prints one line per phase, or with `--json` one object per line (fields are stable).
struct DTLSLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Concurrent handshakes and a cookieless ClientHello flood against a `brook dtls server` child.")

    @Option(help: "Concurrent client connections (one UDP socket each).")
    var connections = 1000

    @Option(help: "Cookieless ClientHellos in the flood (0: no flood).")
    var flood = 100_000

    @Option(help: "Sockets the flood is sent from (distinct source ports; on IPv4 also 250 loopback addresses).")
    var floodSources = 1000

    @Option(help: "Where the server child listens (its loopback address decides the family).")
    var listen = "127.0.0.1:0"

    @Option(help: "Comma-separated phases to run: handshakes, memory, flood.")
    var phases = "handshakes,memory,flood"

    @Option(help: "Seconds each phase may take before it is reported as failed.")
    var timeout = 120.0

    @Flag(help: "Print one JSON object per phase and line.")
    var json = false

    func run() throws {
        try reportingFailures {
            let wanted = Set(phases.split(separator: ",").map(String.init))
            guard wanted.isSubset(of: ["handshakes", "memory", "flood"]), !wanted.isEmpty else {
                throw ValidationError("--phases takes handshakes, memory and flood")
            }
            guard connections > 0, flood >= 0, floodSources > 0, timeout > 0 else {
                throw ValidationError("--connections, --flood-sources and --timeout must be positive")
            }
            let setup = try LoadSetup(listen: listen, maximumConnections: connections + 16)
            defer { try? FileManager.default.removeItem(atPath: setup.directory) }
            let limit = Duration.milliseconds(Int64(timeout * 1000))
            if wanted.contains("handshakes") { emit(try LoadPhases.handshakes(setup, count: connections, timeout: limit)) }
            if wanted.contains("memory") { emit(try LoadPhases.memory(setup, count: connections, timeout: limit)) }
            if wanted.contains("flood") {
                emit(try LoadPhases.flood(setup, datagrams: flood, sources: floodSources, timeout: limit))
            }
        }
    }

    private func emit(_ report: LoadReport) {
        print(json ? report.json : report.text)
    }
}

/// Identities and the server child's arguments, shared by the phases.
struct LoadSetup {
    let executable: String
    let listen: String
    let serverArguments: [String]
    let clientConfiguration: DTLSConfiguration
    let directory: String

    init(listen: String, maximumConnections: Int) throws {
        executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        self.listen = listen
        let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let serverKey = P256.Signing.PrivateKey(), clientKey = P256.Signing.PrivateKey()
        let serverCertificate = try Certificate.webRTC(privateKey: serverKey, now: now)
        let clientCertificate = try Certificate.webRTC(privateKey: clientKey, now: now)
        directory = NSTemporaryDirectory() + "brook-load-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certFile = directory + "/server-cert.pem", keyFile = directory + "/server-key.pem"
        try serverCertificate.pemEncoded.write(toFile: certFile, atomically: true, encoding: .utf8)
        try serverKey.pemRepresentation.write(toFile: keyFile, atomically: true, encoding: .utf8)
        serverArguments = ["--cert", certFile, "--key", keyFile,
                           "--expect-fingerprint", "\(CertificateFingerprint(certificate: clientCertificate))",
                           "--max-connections", "\(maximumConnections)"]
        // Every load client presents the same certificate: the server's work per handshake is the same.
        clientConfiguration = DTLSConfiguration(
            certificate: clientCertificate, privateKey: clientKey,
            peerVerification: .fingerprints([CertificateFingerprint(certificate: serverCertificate)]))
    }

    func startServer(maximumConnections: Int? = nil) throws -> LoadServerProcess {
        var arguments = serverArguments
        if let maximumConnections { arguments += ["--max-connections", "\(maximumConnections)"] }
        return try LoadServerProcess(executable: executable, listen: listen, arguments: arguments)
    }
}
