import BrookCrypto
import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// A hostile peer at the handshake level (issue 7), each case asserting what the RFC prescribes:
/// alerts at every state of both roles, renegotiation attempts, invalid and small-order key shares,
/// DTLS 1.0 and DTLS-1.3-only ClientHellos. (A certificate that does not match the expected
/// fingerprint: `HandshakePumpTests.fingerprintMismatch`.)
@Suite struct HostilePeerHandshakeTests {
    static func configurations(cookies: Bool = true) -> (client: DTLSConfiguration, server: DTLSConfiguration) {
        var server = Identity.configuration(Identity.server, expecting: Identity.client)
        server.cookieExchange = cookies
        return (Identity.configuration(Identity.client, expecting: Identity.server), server)
    }

    // MARK: Alerts at every state (RFC 5246 §7.2)

    /// The states each role passes through, in order (RFC 5246 §7.3 with RFC 6347 §4.2.1).
    static let clientStates: [ConnectionPhase] = [
        .handshaking(.serverHelloOrVerifyRequest), .handshaking(.serverCertificate), .handshaking(.serverKeyExchange),
        .handshaking(.certificateRequestOrServerHelloDone), .handshaking(.serverHelloDone),
        .handshaking(.serverFinished), .connected,
    ]
    static let serverStates: [ConnectionPhase] = [
        .handshaking(.clientHello), .handshaking(.clientCertificate), .handshaking(.clientKeyExchange),
        .handshaking(.certificateVerify), .handshaking(.clientFinished), .connected,
    ]
    /// Fatal descriptions, three per state in turn: unexpected_message, handshake_failure,
    /// bad_certificate, illegal_parameter, decode_error, internal_error, and an unassigned value.
    static let fatalDescriptions: [UInt8] = [10, 40, 42, 47, 50, 80, 255]
    /// Warnings other than close_notify: no_renegotiation, user_canceled, and a warning-level bad_certificate.
    static let warningDescriptions: [UInt8] = [100, 90, 42]

    enum Role: CustomStringConvertible {
        case client, server
        var description: String { self == .client ? "client" : "server" }
    }

    /// Runs a handshake until `target` reaches `state`, has its peer send `alert` (level,
    /// description) there, and returns how `target` ended, what it sent in answer, and whether the
    /// alert had to wait for keys. A peer that has sent its ChangeCipherSpec writes the alert in
    /// epoch 1; a server that has not yet read ClientKeyExchange holds it until it has the keys
    /// (RFC 6347 §4.1) and acts on it then.
    static func inject(_ alert: [UInt8], into target: Role, at state: ConnectionPhase)
        throws -> (closed: DTLSCloseReason?, answer: [[UInt8]], completed: Bool, deferred: Bool)
    {
        let (client, server) = configurations()
        var pump = RecordPump(client: client, server: server)
        let reached = pump.run(until: { (target == .client ? $0.client.phase : $0.server.phase) == state })
        try #require(reached, "the \(target) never reached \(state)")
        var datagram: [UInt8] = []
        let deferred: Bool
        if target == .client {
            try pump.server.records.appendRecord(type: .alert, epoch: pump.server.writeEpoch, payload: alert, into: &datagram)
            pump.client.handle(datagram: datagram, now: pump.now)
            deferred = !pump.client.futureRecords.isEmpty
        } else {
            try pump.client.records.appendRecord(type: .alert, epoch: pump.client.writeEpoch, payload: alert, into: &datagram)
            pump.server.handle(datagram: datagram, now: pump.now)
            deferred = !pump.server.futureRecords.isEmpty
        }
        let answer = target == .client ? pump.clientReported.drain(&pump.client) : pump.serverReported.drain(&pump.server)
        // Whatever was in flight continues: a side that ignored the alert must still complete, one
        // that held it acts on it once it can read it.
        pump.run()
        let closed = target == .client ? pump.clientReported.closed : pump.serverReported.closed
        return (closed, answer, pump.clientReported.connected != nil && pump.serverReported.connected != nil, deferred)
    }

    @Test("an alert at every handshake state of both roles: fatal → closed naming it, close_notify → closed, warnings ignored")
    func alertAtEveryState() throws {
        for (target, states) in [(Role.client, Self.clientStates), (Role.server, Self.serverStates)] {
            for (index, state) in states.enumerated() {
                // A server that has admitted no ClientHello is stateless (RFC 6347 §4.2.1): nothing to end.
                let stateless = target == .server && state == .handshaking(.clientHello)
                let fatal = (0..<3).map { Self.fatalDescriptions[(3 * index + $0) % Self.fatalDescriptions.count] }
                for description in fatal {
                    let result = try Self.inject([2, description], into: target, at: state)
                    #expect(result.deferred == (target == .server && state == .handshaking(.clientKeyExchange)))
                    if stateless {
                        #expect(result.closed == nil && result.completed, "\(target) at \(state) must ignore alert \(description)")
                    } else {
                        #expect(result.closed == .peerAlert(DTLSAlertDescription(rawValue: description)),
                                "\(target) at \(state), fatal \(description): \(String(describing: result.closed))")
                        #expect(!result.completed || state == .connected, "\(target) at \(state): the handshake went on")
                        // A fatal alert is not answered (RFC 5246 §7.2.2: the connection is over).
                        #expect(result.answer.isEmpty, "\(target) at \(state) answered a fatal alert")
                    }
                }
                // RFC 5246 §7.2.2: a warning may be ignored; Brook ignores every warning but close_notify.
                for description in Self.warningDescriptions {
                    let result = try Self.inject([1, description], into: target, at: state)
                    #expect(result.closed == nil && result.completed, "\(target) at \(state), warning \(description)")
                }
                // RFC 5246 §7.2.1: close_notify ends the connection, answered by a close_notify.
                let result = try Self.inject([1, 0], into: target, at: state)
                if stateless {
                    #expect(result.closed == nil && result.completed)
                } else {
                    #expect(result.closed == .peerClosed, "\(target) at \(state): \(String(describing: result.closed))")
                    if !result.deferred { #expect(result.answer.count == 1, "close_notify answered by close_notify") }
                }
            }
        }
    }

    @Test("a malformed alert record over epoch 0 is discarded (RFC 6347 §4.1.2.7); the handshake completes")
    func malformedPlaintextAlert() throws {
        let (client, server) = Self.configurations()
        var pump = RecordPump(client: client, server: server)
        pump.run(until: { $0.client.phase == .handshaking(.serverCertificate) })
        for payload: [UInt8] in [[], [2], [2, 40, 0]] {
            pump.client.handle(datagram: Surgery.record(contentType: 21, payload: payload, recordSequence: 99), now: .zero)
        }
        pump.client.handle(datagram: Surgery.record(contentType: 20, payload: [2], recordSequence: 100), now: .zero)
        #expect(pump.client.invalidRecordsDiscarded == 4)
        pump.run()
        #expect(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
    }
}

// MARK: Renegotiation after the handshake (RFC 5746 §4.2, §4.5)

extension HostilePeerHandshakeTests {
    /// A connected pair without the cookie exchange.
    static func connected() throws -> Pump {
        let (client, server) = configurations(cookies: false)
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        pump.run()
        try #require(pump.clientReported.connected != nil && pump.serverReported.connected != nil)
        return pump
    }

    @Test("a ClientHello from the client and a HelloRequest from the server, after the handshake: a no_renegotiation warning, the connection stays up")
    func renegotiationFromBothSides() throws {
        var pump = try Self.connected()
        // The client asks to renegotiate (RFC 5746 §4.5: the server answers no_renegotiation).
        var hello: [UInt8] = []
        let body = try #require(pump.client.negotiated).peerCertificate.derEncoded.prefix(40)
        HandshakeFragment(type: HandshakeType.clientHello.rawValue, length: body.count, messageSequence: 5, offset: 0,
                          body: body).encode(into: &hello)
        var datagram: [UInt8] = []
        try pump.client.records.appendRecord(type: .handshake, epoch: 1, payload: hello, into: &datagram)
        pump.server.handle(datagram: datagram, now: .zero)
        var answer = pump.serverReported.drain(&pump.server)
        #expect(Surgery.alerts(in: answer, readBy: pump.client.records) == [[1, 100]])
        for datagram in answer { pump.client.handle(datagram: datagram, now: .zero) }

        // The server asks (HelloRequest, RFC 5246 §7.4.1.1): the client answers no_renegotiation (RFC 5746 §4.2).
        var request: [UInt8] = []
        HandshakeFragment(type: HandshakeType.helloRequest.rawValue, length: 0, messageSequence: 6, offset: 0, body: []).encode(into: &request)
        datagram = []
        try pump.server.records.appendRecord(type: .handshake, epoch: 1, payload: request, into: &datagram)
        pump.client.handle(datagram: datagram, now: .zero)
        answer = pump.clientReported.drain(&pump.client)
        #expect(Surgery.alerts(in: answer, readBy: pump.server.records) == [[1, 100]])
        for datagram in answer { pump.server.handle(datagram: datagram, now: .zero) }
        _ = pump.serverReported.drain(&pump.server)

        // A plaintext ClientHello (epoch 0) after the handshake is unauthenticated: ignored, unanswered.
        pump.server.handle(datagram: Surgery.message(.clientHello, sequence: 0, body: Array(body), recordSequence: 50), now: .zero)
        #expect(pump.serverReported.drain(&pump.server).isEmpty)

        #expect(pump.client.isConnected && pump.server.isConnected)
        #expect(pump.clientReported.closed == nil && pump.serverReported.closed == nil)
        try pump.client.send([1])
        try pump.server.send([2])
        pump.run()
        #expect(pump.serverReported.data == [[1]] && pump.clientReported.data == [[2]])
    }
}

// MARK: Invalid and small-order key shares (RFC 8422 §5.11, RFC 7748 §6.1)

extension HostilePeerHandshakeTests {
    /// X25519 u-coordinates of small order (RFC 7748 §6.1: the shared secret comes out all zero):
    /// 0, 1, the two points of order 8, p − 1 (order 2), and p, p + 1 (which reduce to 0 and 1);
    /// plus encodings of the wrong length.
    static let badX25519: [(String, [UInt8])] = [
        ("u = 0", [UInt8](repeating: 0, count: 32)),
        ("u = 1", [1] + [UInt8](repeating: 0, count: 31)),
        ("order 8 (a)", hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")),
        ("order 8 (b)", hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")),
        ("u = p − 1", [0xEC] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]),
        ("u = p", [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]),
        ("u = p + 1", [0xEE] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]),
        ("31 bytes", [UInt8](repeating: 9, count: 31)),
        ("33 bytes", [9] + [UInt8](repeating: 0, count: 32)),
    ]

    /// P-256 points that are not valid uncompressed points on the curve (RFC 8422 §5.1.2, §5.11).
    static var badSecp256r1: [(String, [UInt8])] {
        var rng = SeededGenerator(seed: 256)
        let valid = P256.KeyAgreement.PrivateKey(using: &rng).publicKey
        let x = Array(valid.x963Representation[1..<33]), y = Array(valid.x963Representation[33...])
        return [
            ("the point at infinity", [0]),
            ("off the curve (1, 1)", [4] + [UInt8](repeating: 0, count: 31) + [1] + [UInt8](repeating: 0, count: 31) + [1]),
            ("off the curve (0, 0)", [4] + [UInt8](repeating: 0, count: 64)),
            ("x on the curve, y flipped", [4] + x + y.dropLast() + [y.last! ^ 1]),
            ("x ≥ p", [4] + [UInt8](repeating: 0xFF, count: 32) + y),
            ("compressed (not negotiated)", valid.compressedRepresentation),
            ("raw x ‖ y, 64 bytes", x + y),
            ("66 bytes", valid.x963Representation + [0]),
        ]
    }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    static func cases() -> [(DTLSNamedGroup, String, [UInt8])] {
        badX25519.map { (.x25519, $0.0, $0.1) } + badSecp256r1.map { (.secp256r1, $0.0, $0.1) }
    }

    /// Runs up to flight 5 with `group`; returns the pump after flight 4 reached the client (or, with
    /// `holdFlight4`, the undelivered flight 4).
    static func pumpToFlight4(_ group: DTLSNamedGroup) -> (Pump, [[UInt8]]) {
        var (client, server) = configurations(cookies: false)
        server.groups = [group]
        client.groups = [group]
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        for datagram in pump.clientReported.drain(&pump.client) { pump.server.handle(datagram: datagram, now: .zero) }
        return (pump, pump.serverReported.drain(&pump.server))
    }

    @Test("an invalid or small-order share in ClientKeyExchange: the server aborts with illegal_parameter")
    func badClientKeyExchange() {
        // illegal_parameter (RFC 5246 §7.2.2: "a field in the handshake was out of range or
        // inconsistent"): the message parsed, its value is not a usable point. handshake_failure is for
        // parameters that merely have nothing in common, which is not the case here.
        for (group, name, share) in Self.cases() {
            var (pump, flight4) = Self.pumpToFlight4(group)
            for datagram in flight4 { pump.client.handle(datagram: datagram, now: .zero) }
            let flight5 = pump.clientReported.drain(&pump.client).map {
                Surgery.replacing(.clientKeyExchange, with: ClientKeyExchange(publicKey: share).encode(), in: $0)
            }
            for datagram in flight5 { pump.server.handle(datagram: datagram, now: .zero) }
            let answer = pump.serverReported.drain(&pump.server)
            guard case .error(.illegalParameter)? = pump.serverReported.closed else {
                Issue.record("\(group) \(name): \(String(describing: pump.serverReported.closed))")
                continue
            }
            #expect(Surgery.alerts(in: answer) == [[2, 47]], "\(group) \(name)")
            #expect(pump.serverReported.connected == nil)
        }
    }

    @Test("an invalid or small-order share in a validly signed ServerKeyExchange: the client aborts with illegal_parameter")
    func badServerKeyExchange() throws {
        for (group, name, share) in Self.cases() {
            var (pump, flight4) = Self.pumpToFlight4(group)
            let messages = Surgery.messages(flight4, firstSequence: 0)
            let serverRandom = Array(try #require(messages.first).body.dropFirst(2).prefix(32))
            // Signed with the server's real key, so only the point is wrong (RFC 8422 §5.4).
            // ServerECDHParams written out: named_curve (3), the group, the point with its length.
            let params = [3, UInt8(group.rawValue >> 8), UInt8(group.rawValue & 0xFF), UInt8(share.count)] + share
            let signature = try Identity.server.key.signature(for: pump.client.handshake.clientRandom + serverRandom + params)
            let exchange = ServerKeyExchange(group: group.rawValue, publicKey: share, signatureAlgorithm: ecdsaSecp256r1SHA256,
                                             signature: signature.derRepresentation).encode()
            for datagram in flight4 {
                pump.client.handle(datagram: Surgery.replacing(.serverKeyExchange, with: exchange, in: datagram), now: .zero)
            }
            let answer = pump.clientReported.drain(&pump.client)
            guard case .error(.illegalParameter)? = pump.clientReported.closed else {
                Issue.record("\(group) \(name): \(String(describing: pump.clientReported.closed))")
                continue
            }
            #expect(Surgery.alerts(in: answer) == [[2, 47]], "\(group) \(name)")
        }
    }
}

// MARK: Versions (RFC 6347 §4.1, RFC 8446 §4.2.1, RFC 9147 §5.3)

extension HostilePeerHandshakeTests {
    /// A client whose ClientHello is rewritten by `edit` before it is sent.
    static func pump(cookies: Bool, editing edit: (inout ClientHello) -> Void) -> Pump {
        let (client, server) = configurations(cookies: cookies)
        var pump = Pump(clientConfiguration: client, serverConfiguration: server)
        _ = pump.clientReported.drain(&pump.client)  // the unedited hello is never delivered
        edit(&pump.client.handshake.clientHello!)
        pump.client.nextSendSequence = 0  // sent in its place, as message 0
        pump.client.sendClientHello(now: .zero)
        return pump
    }

    @Test("a DTLS 1.0 ClientHello (0xFEFF) gets a protocol_version alert, with and without the cookie exchange")
    func dtls10() {
        for cookies in [false, true] {
            var pump = Self.pump(cookies: cookies) { $0.clientVersion = ProtocolVersion.dtls10 }
            pump.run()
            guard case .error(.protocolVersion)? = pump.serverReported.closed else {
                Issue.record("cookies \(cookies): \(String(describing: pump.serverReported.closed))")
                continue
            }
            #expect(pump.clientReported.closed == .peerAlert(.protocolVersion))
        }
    }

    @Test("supported_versions with only DTLS 1.3 (0xFEFC) gets protocol_version; with 1.3 and 1.2 the handshake completes in 1.2")
    func supportedVersions() throws {
        var only13 = Self.pump(cookies: false) { $0.extensions.add(ExtensionType.supportedVersions, [2, 0xFE, 0xFC]) }
        only13.run()
        guard case .error(.protocolVersion)? = only13.serverReported.closed else {
            Issue.record("\(String(describing: only13.serverReported.closed))")
            return
        }
        #expect(only13.clientReported.closed == .peerAlert(.protocolVersion))

        for cookies in [false, true] {
            var both = Self.pump(cookies: cookies) { $0.extensions.add(ExtensionType.supportedVersions, [4, 0xFE, 0xFC, 0xFE, 0xFD]) }
            both.run()
            #expect(both.clientReported.connected != nil && both.serverReported.connected != nil,
                    "\(String(describing: both.serverReported.closed))")
        }
        // Malformed supported_versions is a decode_error, not silently skipped.
        var odd = Self.pump(cookies: false) { $0.extensions.add(ExtensionType.supportedVersions, [3, 0xFE, 0xFD, 0xFE]) }
        odd.run()
        guard case .error(.decodeError)? = odd.serverReported.closed else {
            Issue.record("\(String(describing: odd.serverReported.closed))")
            return
        }
    }
}
