import BrookTestSupport
@testable import BrookDTLS
import BrookSansIO
import Testing

/// A ClientHello shaped like Chromium's (PEERS.md): DTLS 1.3 and 1.2 offered together, an
/// X25519MLKEM768 key share, TLS 1.3 suites, unknown groups, signature algorithms and extensions,
/// about 1.4 KB split over two datagrams. A 1.2 server reassembles it and answers DTLS 1.2.
@Suite struct BrowserClientHelloTests {
    static func chromiumLikeHello(cookie: [UInt8]) -> ClientHello {
        var rng = SeededGenerator(seed: 156)
        var hello = ClientHello(random: rng.bytes(32), cipherSuites: [0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xCCA9,
                                                                       0xCCA8, 0xC009, 0xC013, 0xC00A, 0xC014, 0x009C,
                                                                       0x009D, 0x002F, 0x0035])
        hello.cookie = cookie
        var extensions = HelloExtensions()
        extensions.add(0x0A0A, [])                                              // GREASE
        extensions.add(ExtensionType.extendedMasterSecret, [])
        extensions.add(ExtensionType.renegotiationInfo, [0])
        extensions.add(ExtensionType.supportedGroups, HelloExtensions.encodeU16List([0x11EC, 29, 23, 24]))
        extensions.add(ExtensionType.ecPointFormats, [1, 0])
        extensions.add(35, [])                                                  // session_ticket
        extensions.add(ExtensionType.signatureAlgorithms,
                       HelloExtensions.encodeU16List([0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201]))
        extensions.add(ExtensionType.useSRTP, HelloExtensions.encodeU16List([0x0007, 0x0008, 0x0001, 0x0002, 0x0099]) + [0])
        extensions.add(43, [4, 0xFE, 0xFC, 0xFE, 0xFD])                         // supported_versions: DTLS 1.3, 1.2
        var shares: [UInt8] = []
        shares.appendVector(lengthWidth: 2) { list in
            list.append(u16: 0x11EC)                                            // X25519MLKEM768
            list.appendVector(lengthWidth: 2) { $0 += rng.bytes(1216) }
            list.append(u16: 29)
            list.appendVector(lengthWidth: 2) { $0 += rng.bytes(32) }
        }
        extensions.add(51, shares)                                              // key_share
        extensions.add(45, [1, 1])                                              // psk_key_exchange_modes
        hello.extensions = extensions
        return hello
    }

    /// The ClientHello as two datagrams of one handshake fragment each, second half first.
    static func datagrams(_ body: [UInt8], sequence: UInt16, recordSequence: UInt64) -> [[UInt8]] {
        let half = body.count / 2
        return [(half, body.count, recordSequence + 1), (0, half, recordSequence)].map { start, end, recordNumber in
            var plaintext: [UInt8] = []
            HandshakeFragment(type: 1, length: body.count, messageSequence: sequence, offset: start,
                              body: body[start..<end]).encode(into: &plaintext)
            var datagram: [UInt8] = []
            RecordHeader(contentType: 22, version: ProtocolVersion.dtls10, epoch: 0, sequenceNumber: recordNumber,
                         length: plaintext.count).encode(into: &datagram)
            return datagram + plaintext
        }
    }

    static func handshakeMessages(_ datagrams: [[UInt8]], firstSequence: UInt16) throws -> [Reassembler.Message] {
        var reassembler = Reassembler(maximumMessageLength: 1 << 16, maximumBufferedBytes: 1 << 17)
        reassembler.reset(nextSequence: firstSequence)
        for datagram in datagrams {
            for (header, fragment) in RecordHeader.split(datagram: datagram[...]) where header.contentType == 22 && header.epoch == 0 {
                for piece in try HandshakeFragment.parseAll(fragment) { try reassembler.add(piece) }
            }
        }
        var messages: [Reassembler.Message] = []
        while let message = reassembler.next() { messages.append(message) }
        return messages
    }

    @Test("fragmented DTLS 1.3 + 1.2 ClientHello with ML-KEM share: HelloVerifyRequest, then a DTLS 1.2 ServerHello")
    func chromiumHello() throws {
        let configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        var server = DTLSConnection(role: .server, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 3))
        var reported = Reported()
        let first = Self.chromiumLikeHello(cookie: []).encode()
        #expect(first.count > 1300 && first.count < 1500)
        for datagram in Self.datagrams(first, sequence: 0, recordSequence: 0) {
            server.handle(datagram: datagram, now: .zero)
        }
        let verify = try Self.handshakeMessages(reported.drain(&server), firstSequence: 0)
        #expect(verify.map(\.type) == [HandshakeType.helloVerifyRequest.rawValue])
        let cookie = try HelloVerifyRequest(body: try #require(verify.first).body).cookie
        #expect(cookie.count == 32)

        let second = Self.chromiumLikeHello(cookie: cookie).encode()
        for datagram in Self.datagrams(second, sequence: 1, recordSequence: 2) {
            server.handle(datagram: datagram, now: Instant.zero + .milliseconds(5))
        }
        let output = reported.drain(&server)
        #expect(output.allSatisfy { $0.count <= 1200 })
        let flight = try Self.handshakeMessages(output, firstSequence: 1)
        #expect(flight.map(\.type) == [2, 11, 12, 13, 14])
        let serverHello = try ServerHello(body: try #require(flight.first).body)
        #expect(serverHello.serverVersion == ProtocolVersion.dtls12)
        #expect(serverHello.cipherSuite == DTLSCipherSuite.ecdheECDSAWithAES128GCMSHA256.rawValue)
        #expect(serverHello.extensions[43] == nil, "no supported_versions in a DTLS 1.2 ServerHello")
        let srtp = try HelloExtensions.srtpProfiles(try #require(serverHello.extensions[ExtensionType.useSRTP]))
        #expect(srtp.profiles == [SRTPProtectionProfile.aeadAES256GCM.rawValue], "the server's own preference")
        let keyExchange = try ServerKeyExchange(body: flight[2].body)
        #expect(keyExchange.group == DTLSNamedGroup.x25519.rawValue)
        #expect(reported.closed == nil)
    }

    @Test("a ClientHello whose cookie does not verify gets a fresh HelloVerifyRequest, never a ServerHello")
    func forgedCookie() throws {
        let configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        var server = DTLSConnection(role: .server, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 3))
        var reported = Reported()
        let forged = Self.chromiumLikeHello(cookie: [UInt8](repeating: 0xAB, count: 32)).encode()
        for datagram in Self.datagrams(forged, sequence: 1, recordSequence: 0) { server.handle(datagram: datagram, now: .zero) }
        let answer = try Self.handshakeMessages(reported.drain(&server), firstSequence: 1)
        #expect(answer.map(\.type) == [HandshakeType.helloVerifyRequest.rawValue])
    }
}

/// The stateless front door of a many-client server.
@Suite struct HelloGateTests {
    @Test("the gate answers a cookieless ClientHello, admits the cookie-bearing one, drops garbage")
    func gate() throws {
        var gate = DTLSHelloGate(now: .zero)
        var client = DTLSConnection(role: .client, configuration: Identity.configuration(Identity.client, expecting: Identity.server),
                                    now: .zero, rng: SeededGenerator(seed: 8))
        var clientReported = Reported()
        let address: [UInt8] = [127, 0, 0, 1, 0x30, 0x39]
        #expect(gate.judge(datagram: [1, 2, 3], peerIdentity: address, now: .zero) == .drop)
        let hello = clientReported.drain(&client)
        guard case .reply(let verify) = gate.judge(datagram: hello[0], peerIdentity: address, now: .zero) else {
            Issue.record("no HelloVerifyRequest")
            return
        }
        // The same hello from another address gets another cookie, never admission.
        if case .admit = gate.judge(datagram: hello[0], peerIdentity: [10, 0, 0, 1, 0, 1], now: .zero) {
            Issue.record("a cookieless hello admitted")
        }
        client.handle(datagram: verify, now: .zero)
        let second = clientReported.drain(&client)
        guard case .admit(let admitted) = gate.judge(datagram: second[0], peerIdentity: address, now: .zero) else {
            Issue.record("cookie-bearing hello not admitted")
            return
        }
        if case .admit = gate.judge(datagram: second[0], peerIdentity: [10, 0, 0, 2, 0, 1], now: .zero) {
            Issue.record("a cookie made for one address admitted another")
        }

        var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        configuration.cookieExchange = false
        var server = DTLSConnection(role: .server, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 9))
        var serverReported = Reported()
        server.handle(datagram: admitted, now: .zero)
        var toClient = serverReported.drain(&server)
        for _ in 0..<5 {
            for datagram in toClient { client.handle(datagram: datagram, now: .zero) }
            let toServer = clientReported.drain(&client)
            for datagram in toServer { server.handle(datagram: datagram, now: .zero) }
            toClient = serverReported.drain(&server)
        }
        #expect(clientReported.connected != nil && serverReported.connected != nil, "\(String(describing: clientReported.closed)) \(String(describing: serverReported.closed))")
    }
}

extension HelloGateTests {
    @Test("the gate reassembles Chromium's two-datagram ClientHello (bounded) and admits it once the cookie checks")
    func fragmentedHello() throws {
        var gate = DTLSHelloGate(now: .zero)
        let address: [UInt8] = [127, 0, 0, 1, 0x12, 0x34]
        let first = BrowserClientHelloTests.datagrams(BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode(),
                                                      sequence: 0, recordSequence: 0)
        #expect(gate.judge(datagram: first[0], peerIdentity: address, now: .zero) == .drop)
        guard case .reply(let verify) = gate.judge(datagram: first[1], peerIdentity: address, now: .zero) else {
            Issue.record("no HelloVerifyRequest for the reassembled hello")
            return
        }
        let messages = try BrowserClientHelloTests.handshakeMessages([verify], firstSequence: 0)
        let cookie = try HelloVerifyRequest(body: try #require(messages.first).body).cookie
        let second = BrowserClientHelloTests.datagrams(BrowserClientHelloTests.chromiumLikeHello(cookie: cookie).encode(),
                                                       sequence: 1, recordSequence: 2)
        #expect(gate.judge(datagram: second[0], peerIdentity: address, now: .zero) == .drop)
        guard case .admit(let admitted) = gate.judge(datagram: second[1], peerIdentity: address, now: .zero) else {
            Issue.record("reassembled cookie-bearing hello not admitted")
            return
        }
        var configuration = Identity.configuration(Identity.server, expecting: Identity.client)
        configuration.cookieExchange = false
        var server = DTLSConnection(role: .server, configuration: configuration, now: .zero, rng: SeededGenerator(seed: 9))
        server.handle(datagram: admitted, now: .zero)
        var reported = Reported()
        let flight = try BrowserClientHelloTests.handshakeMessages(reported.drain(&server), firstSequence: 1)
        #expect(flight.map(\.type) == [2, 11, 12, 13, 14])
    }

    @Test("partial hellos from many addresses stay within the table's bound")
    func partialFlood() {
        var gate = DTLSHelloGate(now: .zero)
        let piece = BrowserClientHelloTests.datagrams(BrowserClientHelloTests.chromiumLikeHello(cookie: []).encode(),
                                                      sequence: 0, recordSequence: 0)[0]
        for index in 0..<1000 {
            let address: [UInt8] = [10, 0, UInt8(index >> 8), UInt8(index & 0xFF), 0, 1]
            #expect(gate.judge(datagram: piece, peerIdentity: address, now: .zero) == .drop)
        }
        #expect(gate.partialHelloCount <= DTLSHelloGate.maximumPartialHellos)
    }
}
