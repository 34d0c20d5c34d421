import ArgumentParser
import BrookDTLS
import BrookDTLSUDP
import BrookSansIO
import Foundation

/// `brook dtls server|client`: a DTLS 1.2 endpoint on UDP, like `openssl s_server`/`s_client`.
///
/// Once connected it prints on stderr (scripts depend on these lines; keep them stable):
///
///     cipher: <IANA name>
///     group: <x25519|secp256r1>
///     srtp-profile: <IANA name|none>
///     peer-fingerprint: sha-256 <HEX:…>
///     keying-material: <hex>
///
/// then relays stdin to the peer and the peer's application data to stdout until either side
/// closes. Exit status 0 on a clean close; 1 with a one-line `error: …` on failure.
struct DTLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dtls",
        abstract: "A DTLS 1.2 server or client with DTLS-SRTP (RFC 6347, RFC 5764).",
        subcommands: [DTLSServerCommand.self, DTLSClientCommand.self, DTLSBenchCommand.self, DTLSLoadCommand.self]
    )
}

struct DTLSServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: "Serve DTLS on a UDP address.")

    @Option(help: "HOST:PORT to listen on (192.0.2.1:4433, [::1]:4433 or a host name; port 0: any free port).")
    var listen: String

    @Flag(help: "Exit after the first connection closes.")
    var once = false

    @Option(help: "Connections held at once (handshaking or established); ClientHellos beyond are dropped.")
    var maxConnections = 1024

    @Option(help: "Print a 'stats: {…}' line of socket and connection counters on stderr every N seconds.")
    var statsInterval: Double?

    @Option(help: "Close an established connection after this many seconds without a record from its peer (0: never).")
    var idleTimeout: Double = 300

    @OptionGroup var options: DTLSEndpointOptions

    func run() throws {
        try reportingFailures {
            guard maxConnections > 0 else { throw ValidationError("--max-connections must be positive") }
            guard idleTimeout >= 0, idleTimeout <= 86_400 * 365 else { throw ValidationError("--idle-timeout must be 0…31536000") }
            var configuration = try options.makeConfiguration()
            if idleTimeout > 0 { configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1000)) }
            let address = try TransportAddress.resolve(listen)[0]
            let loop = try DTLSUDPLoop(bind: address, role: .server(maximumConnections: once ? 1 : maxConnections),
                                       configuration: configuration)
            printError("listening: \(loop.localAddress)")
            try DTLSRelay(loop: loop, options: options, stopAfterFirstClose: once, statsInterval: statsInterval).run()
        }
    }
}

struct DTLSClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client", abstract: "Connect to a DTLS server over UDP.")

    @Option(help: "HOST:PORT to connect to (192.0.2.1:4433, [::1]:4433 or a host name: its first address).")
    var connect: String

    @OptionGroup var options: DTLSEndpointOptions

    func run() throws {
        try reportingFailures {
            let configuration = try options.makeConfiguration()
            let peer = try TransportAddress.resolve(connect)[0]
            let loop = try DTLSUDPLoop(bind: peer.anyOfSameFamily, role: .client(peer: peer), configuration: configuration)
            try DTLSRelay(loop: loop, options: options, stopAfterFirstClose: true, statsInterval: nil).run()
        }
    }
}

/// Runs `body`; any failure becomes one `error: …` line on stderr and exit status 1.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        printError("error: \(error.message)")
        throw ExitCode.failure
    } catch {
        printError("error: \(oneLine(error))")
        throw ExitCode.failure
    }
}

func oneLine(_ value: Any) -> String {
    "\(value)".split(whereSeparator: \.isNewline).joined(separator: " ")
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
