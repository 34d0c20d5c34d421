import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// `DTLSConfiguration.validate()` and what a connection does with an invalid configuration: no
/// empty list ever goes on the wire where the RFC requires a non-empty one.
@Suite struct ConfigurationValidationTests {
    static func base() -> DTLSConfiguration { Identity.configuration(Identity.client, expecting: Identity.server) }

    /// The case of a configuration error, without its text.
    static func kind(_ error: DTLSConfigurationError) -> String {
        switch error {
        case .noCipherSuites: "noCipherSuites"
        case .noGroups: "noGroups"
        case .certificateKeyMismatch: "certificateKeyMismatch"
        case .invalidRetransmission: "invalidRetransmission"
        case .invalidLimit: "invalidLimit"
        }
    }

    static var invalid: [(String, (inout DTLSConfiguration) -> Void, String)] { [
        ("no cipher suites", { $0.cipherSuites = [] }, "noCipherSuites"),
        ("no groups", { $0.groups = [] }, "noGroups"),
        ("another key's certificate", { $0.certificate = Identity.server.certificate }, "certificateKeyMismatch"),
        ("zero initial timeout", { $0.retransmission.initialTimeout = .zero }, "invalidRetransmission"),
        ("cap below the initial timeout", { $0.retransmission.maximumTimeout = .milliseconds(10) }, "invalidRetransmission"),
        ("zero handshake timeout", { $0.retransmission.handshakeTimeout = .zero }, "invalidRetransmission"),
        ("zero RTT clamp", { $0.retransmission.rttClamp = .zero ... .seconds(1) }, "invalidRetransmission"),
        ("reassembly below one message", { $0.maximumReassemblyBytes = 1000 }, "invalidLimit"),
        ("no output slots", { $0.maximumQueuedOutputs = 0 }, "invalidLimit"),
    ] }

    @Test("the default configuration validates; each broken one names its reason")
    func validate() {
        #expect(throws: Never.self) { try Self.base().validate() }
        for (name, edit, reason) in Self.invalid {
            var configuration = Self.base()
            edit(&configuration)
            do {
                try configuration.validate()
                Issue.record("\(name) validated")
            } catch {
                #expect(Self.kind(error) == reason, "\(name): \(error)")
            }
        }
    }

    @Test("a connection made from an invalid configuration sends nothing and reports closed with the reason")
    func connectionRefuses() {
        for (name, edit, reason) in Self.invalid {
            var configuration = Self.base()
            edit(&configuration)
            for role in [DTLSConnection.Role.client, .server] {
                var connection = DTLSConnection(role: role, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 1))
                var outputs: [DTLSOutput] = []
                while let output = connection.pollOutput() { outputs.append(output) }
                guard outputs.count == 1, case .event(.closed(.error(.invalidConfiguration(let got)))) = outputs[0] else {
                    Issue.record("\(name), \(role): \(outputs)")
                    continue
                }
                #expect(Self.kind(got) == reason, "\(name): \(got)")
                connection.handle(datagram: [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], now: .zero)
                #expect(connection.pollOutput() == nil && !connection.isConnected)
            }
        }
    }

    @Test("every list in a valid ClientHello is non-empty; use_srtp is left out rather than sent empty")
    func noEmptyLists() throws {
        for profiles in [[SRTPProtectionProfile.aeadAES128GCM], []] {
            var configuration = Self.base()
            configuration.cipherSuites = [.ecdheECDSAWithChaCha20Poly1305SHA256]
            configuration.groups = [.secp256r1]
            configuration.srtpProfiles = profiles
            var client = DTLSConnection(role: .client, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 1))
            var reported = Reported()
            let message = try #require(Surgery.messages(reported.drain(&client), firstSequence: 0).first)
            let hello = try ClientHello(body: message.body)
            #expect(hello.cipherSuites == [DTLSCipherSuite.ecdheECDSAWithChaCha20Poly1305SHA256.rawValue])
            #expect(try HelloExtensions.u16List(try #require(hello.extensions[ExtensionType.supportedGroups]), "groups") == [23])
            #expect(try HelloExtensions.u16List(try #require(hello.extensions[ExtensionType.signatureAlgorithms]), "sigs") == [0x0403])
            if profiles.isEmpty {
                #expect(hello.extensions[ExtensionType.useSRTP] == nil)
            } else {
                #expect(try HelloExtensions.srtpProfiles(try #require(hello.extensions[ExtensionType.useSRTP])).profiles == [7])
            }
        }
    }
}
