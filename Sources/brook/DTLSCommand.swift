import ArgumentParser
import BrookCrypto
import BrookDTLS
import BrookDTLSUDP
import BrookX509
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
        subcommands: [DTLSServerCommand.self, DTLSClientCommand.self, DTLSBenchCommand.self]
    )
}

/// Options both roles share.
struct DTLSEndpointOptions: ParsableArguments {
    @Option(help: "Certificate PEM file (default: a generated WebRTC-style certificate).")
    var cert: String?

    @Option(help: "EC private key PEM file (SEC 1 or PKCS #8) for --cert.")
    var key: String?

    @Option(help: "Comma-separated SRTP profiles in preference order (IANA names; 'none' for no use_srtp).")
    var srtpProfiles = "SRTP_AEAD_AES_256_GCM,SRTP_AEAD_AES_128_GCM,SRTP_AES128_CM_HMAC_SHA1_80,SRTP_AES128_CM_HMAC_SHA1_32"

    @Option(help: "Expected peer fingerprint, e.g. 'sha-256 AB:CD:…' (default: accept any and print it).")
    var expectFingerprint: String?

    @Option(help: "Largest handshake datagram in bytes.")
    var mtu = 1200

    @Option(help: "Bytes of RFC 5705 keying material (label EXTRACTOR-dtls_srtp) to print (default: the profile's).")
    var exportLength: Int?

    @Flag(help: "Skip the HelloVerifyRequest cookie exchange (server).")
    var noCookie = false

    func makeConfiguration() throws -> DTLSConfiguration {
        let privateKey: P256.Signing.PrivateKey
        let certificate: Certificate
        if let cert {
            guard let key else { throw ValidationError("--cert needs --key") }
            certificate = try Certificate(pemEncoded: String(contentsOfFile: cert, encoding: .utf8))
            privateKey = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: key, encoding: .utf8))
        } else {
            privateKey = P256.Signing.PrivateKey()
            let now = try UTCDateTime(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            certificate = try Certificate.webRTC(privateKey: privateKey, now: now)
            printError("fingerprint: \(CertificateFingerprint(certificate: certificate))")
        }
        let verification: DTLSPeerVerification
        if let expectFingerprint {
            verification = .fingerprints([try CertificateFingerprint(sdpValue: expectFingerprint)])
        } else {
            verification = .acceptAny
        }
        var configuration = DTLSConfiguration(certificate: certificate, privateKey: privateKey, peerVerification: verification)
        if srtpProfiles == "none" {
            configuration.srtpProfiles = []
        } else {
            configuration.srtpProfiles = try srtpProfiles.split(separator: ",").map { name in
                guard let profile = SRTPProtectionProfile.allCases.first(where: { $0.ianaName == name }) else {
                    throw ValidationError("unknown SRTP profile \(name)")
                }
                return profile
            }
        }
        configuration.maximumTransmissionUnit = mtu
        configuration.cookieExchange = !noCookie
        return configuration
    }
}

struct DTLSServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: "Serve DTLS on a UDP address.")

    @Option(help: "HOST:PORT to listen on.")
    var listen: String

    @Flag(help: "Exit after the first connection closes.")
    var once = false

    @OptionGroup var options: DTLSEndpointOptions

    func run() throws {
        guard let endpoint = IPv4Endpoint(listen) else { throw ValidationError("--listen wants IPv4 HOST:PORT") }
        let socket = try DatagramSocket(bind: endpoint)
        printError("listening: \(socket.localEndpoint)")
        let loop = DTLSUDPLoop(socket: socket, role: .server(maximumConnections: once ? 1 : 256),
                               configuration: try options.makeConfiguration())
        try relay(loop, options: options, stopAfterFirstClose: once)
    }
}

struct DTLSClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client", abstract: "Connect to a DTLS server over UDP.")

    @Option(help: "HOST:PORT to connect to.")
    var connect: String

    @OptionGroup var options: DTLSEndpointOptions

    func run() throws {
        guard let peer = IPv4Endpoint(connect) else { throw ValidationError("--connect wants IPv4 HOST:PORT") }
        let socket = try DatagramSocket(bind: IPv4Endpoint(address: 0, port: 0))
        let loop = DTLSUDPLoop(socket: socket, role: .client(peer: peer), configuration: try options.makeConfiguration())
        try relay(loop, options: options, stopAfterFirstClose: true)
    }
}

/// The shared loop: report connections, relay stdin to every connected peer and peer data to stdout.
private func relay(_ loop: DTLSUDPLoop, options: DTLSEndpointOptions, stopAfterFirstClose: Bool) throws {
    var stdinOpen = true
    var pending: [UInt8] = []  // stdin read before any peer is connected
    while true {
        let (events, stdinReadable) = loop.step(maximumWait: .milliseconds(200), watching: stdinOpen ? 0 : nil)
        for item in events {
            switch item.event {
            case .connected(let negotiated):
                printError("cipher: \(negotiated.cipherSuite.ianaName)")
                printError("group: \(negotiated.group)")
                printError("srtp-profile: \(negotiated.srtp?.profile.ianaName ?? "none")")
                printError("peer-fingerprint: \(negotiated.peerFingerprint)")
                let length = options.exportLength ?? negotiated.srtp?.profile.keyingMaterialLength ?? 60
                let material = try loop.exportKeyingMaterial(item.peer, label: SRTPKeyingMaterial.exporterLabel, length: length)
                printError("keying-material: \(material.map { String(format: "%02x", $0) }.joined())")
            case .applicationData(let bytes):
                FileHandle.standardOutput.write(Data(bytes))
            case .peerCertificate:
                break
            case .closed(let reason):
                switch reason {
                case .peerClosed, .localClose:
                    if stopAfterFirstClose { throw ExitCode.success }
                case .peerAlert(let alert):
                    printError("error: \(item.peer): peer sent fatal alert \(alert)")
                    if stopAfterFirstClose { throw ExitCode.failure }
                case .error(let error):
                    printError("error: \(item.peer): \(error)")
                    if stopAfterFirstClose { throw ExitCode.failure }
                case .handshakeTimeout:
                    printError("error: \(item.peer): handshake timed out")
                    if stopAfterFirstClose { throw ExitCode.failure }
                }
            }
        }
        if stdinReadable {
            let chunk = FileHandle.standardInput.availableData
            if chunk.isEmpty { stdinOpen = false } else { pending += chunk }
        }
        let peers = loop.connectedPeers
        if !peers.isEmpty {
            if !pending.isEmpty {
                for peer in peers { try loop.send(pending, to: peer) }
                pending = []
            }
            // End of input closes the connections, as s_client does.
            if !stdinOpen && stopAfterFirstClose { for peer in peers { loop.close(peer) } }
        }
    }
}

private func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
