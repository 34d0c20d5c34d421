import BrookTestSupport
import BrookCrypto
import BrookDTLS
import BrookSansIO
import BrookX509

/// Deterministic identities and configurations for tests.
enum Identity {
    static let notBefore = try! UTCDateTime(year: 2026, month: 11, day: 24, hour: 0, minute: 0, second: 0)
    static let notAfter = try! UTCDateTime(year: 2026, month: 12, day: 25, hour: 0, minute: 0, second: 0)

    static func make(seed: UInt64) -> (key: P256.Signing.PrivateKey, certificate: Certificate) {
        var rng = SeededGenerator(seed: seed)
        let key = P256.Signing.PrivateKey(using: &rng)
        let certificate = try! Certificate.selfSigned(privateKey: key, commonName: "WebRTC", notBefore: notBefore,
                                                      notAfter: notAfter, using: &rng)
        return (key, certificate)
    }

    static let client = make(seed: 1)
    static let server = make(seed: 2)

    /// A configuration for `me` that expects `peer`'s fingerprint.
    static func configuration(
        _ me: (key: P256.Signing.PrivateKey, certificate: Certificate),
        expecting peer: (key: P256.Signing.PrivateKey, certificate: Certificate)
    ) -> DTLSConfiguration {
        DTLSConfiguration(certificate: me.certificate, privateKey: me.key,
                          peerVerification: .fingerprints([CertificateFingerprint(certificate: peer.certificate)]))
    }
}

/// Everything one endpoint reported while being pumped.
struct Reported {
    var connected: DTLSNegotiated?
    var data: [[UInt8]] = []
    var closed: DTLSCloseReason?
    var peerCertificates = 0
    var deadline: Instant?

    mutating func drain(_ connection: inout DTLSConnection) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        while let output = connection.pollOutput() {
            switch output {
            case .transmit(let datagram): datagrams.append(datagram)
            case .timeout(let instant): deadline = instant
            case .event(.connected(let negotiated)): connected = negotiated
            case .event(.applicationData(let bytes)): data.append(bytes)
            case .event(.closed(let reason)): closed = reason
            case .event(.peerCertificate): peerCertificates += 1
            }
        }
        deadline = connection.nextDeadline
        return datagrams
    }
}

/// Moves datagrams between two endpoints with no loss until both are quiet; `split` may cut each
/// datagram into the records it carries so they arrive one at a time.
struct Pump {
    var client: DTLSConnection
    var server: DTLSConnection
    var clientReported = Reported()
    var serverReported = Reported()
    var now = Instant.zero
    var transform: ([UInt8]) -> [[UInt8]] = { [$0] }

    init(clientConfiguration: DTLSConfiguration, serverConfiguration: DTLSConfiguration, seed: UInt64 = 9) {
        client = DTLSConnection(role: .client, configuration: clientConfiguration, now: .zero,
                                rng: SeededGenerator(seed: seed))
        server = DTLSConnection(role: .server, configuration: serverConfiguration, now: .zero,
                                rng: SeededGenerator(seed: seed &+ 1))
    }

    /// A handshake without the cookie exchange at time zero, stopped once the server has handled
    /// the client's flight 5: the server is connected, its flight 6 queued and not yet polled.
    static func serverAnsweredFlight5() -> Pump {
        var serverConfiguration = Identity.configuration(Identity.server, expecting: Identity.client)
        serverConfiguration.cookieExchange = false
        var pump = Pump(clientConfiguration: Identity.configuration(Identity.client, expecting: Identity.server),
                        serverConfiguration: serverConfiguration)
        for _ in 0..<3 {
            for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
            guard !pump.server.isConnected else { break }
            for datagram in pump.serverReported.drain(&pump.server) { pump.client.handle(datagram: datagram, now: .zero) }
        }
        return pump
    }

    /// Runs until neither side has anything to send (at most `rounds` exchanges).
    mutating func run(rounds: Int = 50) {
        for _ in 0..<rounds {
            let toServer = clientReported.drain(&client)
            for datagram in toServer { for piece in transform(datagram) { server.handle(datagram: piece, now: now) } }
            let toClient = serverReported.drain(&server)
            for datagram in toClient { for piece in transform(datagram) { client.handle(datagram: piece, now: now) } }
            if toServer.isEmpty && toClient.isEmpty { return }
        }
    }
}

/// Splits a datagram into its records (one record per piece), to feed fragments one at a time.
func recordsOf(_ datagram: [UInt8]) -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    var offset = 0
    while offset + 13 <= datagram.count {
        let length = Int(datagram[offset + 11]) << 8 | Int(datagram[offset + 12])
        let end = min(offset + 13 + length, datagram.count)
        pieces.append(Array(datagram[offset..<end]))
        offset = end
    }
    return pieces
}
