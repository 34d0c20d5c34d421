import BrookCrypto
import BrookDTLS
import BrookSansIO
import BrookX509

/// The fixed endpoints the DTLS targets start from: identities made from fixed seeds, endpoints
/// drawing from seeded randomness, the clock at zero. Everything an endpoint sends is then a
/// function of what it received, so traffic recorded against OpenSSL from these very endpoints
/// (`Tests/BrookFuzzTests/DTLSCaptureTests.swift`) replays through the targets to the end of the
/// handshake and beyond. Change a seed here and those seeds must be recorded again.
public enum DTLSFuzzFixture {
    /// A P-256 key and its self-signed certificate.
    public struct Identity: Sendable {
        public let key: P256.Signing.PrivateKey
        public let certificate: Certificate

        public var fingerprint: CertificateFingerprint { CertificateFingerprint(certificate: certificate) }
    }

    static func identity(seed: UInt64, commonName: String) -> Identity {
        var rng = FuzzRandom(seed: seed)
        let key = P256.Signing.PrivateKey(using: &rng)
        let certificate = try! Certificate.selfSigned(
            privateKey: key, commonName: commonName,
            notBefore: try! UTCDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            notAfter: try! UTCDateTime(year: 2036, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            using: &rng)
        return Identity(key: key, certificate: certificate)
    }

    /// The client's identity (an OpenSSL client recording seeds uses it too).
    public static let clientIdentity = identity(seed: 0xC11E_2026, commonName: "brook fuzz client")
    /// The server's identity (an OpenSSL server recording seeds uses it too).
    public static let serverIdentity = identity(seed: 0x5E12_2026, commonName: "brook fuzz server")

    /// What the server binds its cookies to, standing for the client's address (RFC 6347 §4.2.1).
    public static let peerIdentity: [UInt8] = [127, 0, 0, 1, 0xC3, 0x50]

    static let clientSeed: UInt64 = 0xD715_C11E
    static let serverSeed: UInt64 = 0xD715_5E12

    /// The server MTUs the dtls-server mode byte picks from (bits 2-3).
    public static let serverMTUs = [1200, 300, 576, 150]

    /// The client's configuration: defaults (every suite, group and SRTP profile), the server's fingerprint.
    public static func clientConfiguration() -> DTLSConfiguration {
        DTLSConfiguration(certificate: clientIdentity.certificate, privateKey: clientIdentity.key,
                          peerVerification: .fingerprints([serverIdentity.fingerprint]))
    }

    /// The server's configuration: defaults, the client's fingerprint, and what the mode asks for.
    public static func serverConfiguration(
        cookieExchange: Bool = true, maximumTransmissionUnit: Int = 1200, cipherSuites: [DTLSCipherSuite]? = nil,
        groups: [DTLSNamedGroup]? = nil
    ) -> DTLSConfiguration {
        var configuration = DTLSConfiguration(certificate: serverIdentity.certificate, privateKey: serverIdentity.key,
                                              peerVerification: .fingerprints([clientIdentity.fingerprint]))
        configuration.cookieExchange = cookieExchange
        configuration.maximumTransmissionUnit = maximumTransmissionUnit
        if let cipherSuites { configuration.cipherSuites = cipherSuites }
        if let groups { configuration.groups = groups }
        return configuration
    }

    /// A fresh client at instant zero; its ClientHello is waiting in `pollOutput`.
    public static func client() -> DTLSConnection {
        DTLSConnection(role: .client, configuration: clientConfiguration(), now: .zero, rng: FuzzRandom(seed: clientSeed))
    }

    /// A fresh server at instant zero.
    public static func server(cookieExchange: Bool = true, maximumTransmissionUnit: Int = 1200,
                              cipherSuites: [DTLSCipherSuite]? = nil, groups: [DTLSNamedGroup]? = nil) -> DTLSConnection {
        DTLSConnection(role: .server,
                       configuration: serverConfiguration(cookieExchange: cookieExchange,
                                                          maximumTransmissionUnit: maximumTransmissionUnit,
                                                          cipherSuites: cipherSuites, groups: groups),
                       peerIdentity: peerIdentity, now: .zero, rng: FuzzRandom(seed: serverSeed))
    }

    /// The dtls-server target's server for `mode`: bit 0 turns the cookie exchange off, bits 2-3 pick the MTU.
    public static func server(mode: UInt8) -> DTLSConnection {
        server(cookieExchange: mode & 1 == 0, maximumTransmissionUnit: serverMTUs[Int(mode >> 2) & 3])
    }

    /// Every datagram `connection` has queued (events and deadlines are dropped).
    static func datagrams(_ connection: inout DTLSConnection) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        while let output = connection.pollOutput() {
            if case .transmit(let datagram) = output { datagrams.append(datagram) }
        }
        return datagrams
    }
}

/// Two fixed endpoints taken through the start of a handshake, once per process: the states the
/// dtls-client target copies for each input.
struct DTLSClientStates {
    /// The client after sending its first ClientHello.
    var afterHello: DTLSConnection
    /// The client after a HelloVerifyRequest from a real (fixed) server and its second ClientHello:
    /// it expects ServerHello.
    var afterCookie: DTLSConnection
    /// The client's first and second ClientHello datagrams.
    var firstHello: [[UInt8]]
    var secondHello: [[UInt8]]

    nonisolated(unsafe) static let shared = DTLSClientStates()

    private init() {
        var client = DTLSFuzzFixture.client()
        firstHello = DTLSFuzzFixture.datagrams(&client)
        afterHello = client
        var server = DTLSFuzzFixture.server()
        for datagram in firstHello { server.handle(datagram: datagram, now: .zero) }
        let verifyRequest = DTLSFuzzFixture.datagrams(&server)
        for datagram in verifyRequest { client.handle(datagram: datagram, now: .zero) }
        secondHello = DTLSFuzzFixture.datagrams(&client)
        afterCookie = client
    }
}
