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
                for piece in try HandshakeFragment.parseAll(fragment) { _ = reassembler.add(piece) }
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
        for datagram in Self.datagrams(first, sequence: 0, recordSequence: 7) {
            server.handle(datagram: datagram, now: .zero)
        }
        // Answered from the first fragment alone (it holds all the cookie covers); the record echoes
        // the sequence number of the record that carried it (RFC 6347 §4.2.1).
        let answer = reported.drain(&server)
        #expect(answer.count == 1 && RecordHeader.split(datagram: answer[0][...]).map(\.header.sequenceNumber) == [7])
        let verify = try Self.handshakeMessages(answer, firstSequence: 0)
        #expect(verify.map(\.type) == [HandshakeType.helloVerifyRequest.rawValue])
        let cookie = try HelloVerifyRequest(body: try #require(verify.first).body).cookie
        #expect(cookie.count == 32)

        let second = Self.chromiumLikeHello(cookie: cookie).encode()
        for datagram in Self.datagrams(second, sequence: 1, recordSequence: 2) {
            server.handle(datagram: datagram, now: Instant.zero + .milliseconds(5))
        }
        // The second half overtook the first: until a first fragment's cookie verifies nothing is
        // buffered, so it was dropped; the client's retransmission brings it back.
        #expect(reported.drain(&server).isEmpty)
        for datagram in Self.datagrams(second, sequence: 1, recordSequence: 4) {
            server.handle(datagram: datagram, now: Instant.zero + .milliseconds(55))
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
        #expect(server.reassembler.bufferedBytes == 0 && server.nextDeadline == nil, "nothing kept for a hello that did not verify")
    }
}
