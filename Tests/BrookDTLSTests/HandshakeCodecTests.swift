import BrookTestSupport
@testable import BrookDTLS
import Testing

/// Handshake message codecs and reassembly against truncated, mutated, duplicated, overlapping and
/// reordered input (RFC 6347 §4.2.3, RFC 5246 §7.4).
@Suite struct HandshakeCodecTests {
    static func sampleHello() -> ClientHello {
        var hello = ClientHello(random: [UInt8](repeating: 3, count: 32), cipherSuites: [0xC02B, 0xCCA9])
        hello.cookie = [1, 2, 3]
        hello.extensions.add(ExtensionType.supportedGroups, HelloExtensions.encodeU16List([29, 23]))
        hello.extensions.add(ExtensionType.useSRTP, HelloExtensions.encodeSRTP([.aeadAES128GCM]))
        hello.extensions.add(ExtensionType.extendedMasterSecret, [])
        return hello
    }

    @Test("ClientHello round trip; every truncation and a thousand mutations throw or parse, never trap")
    func clientHelloHostile() throws {
        let bytes = Self.sampleHello().encode()
        let parsed = try ClientHello(body: bytes)
        #expect(parsed.encode() == bytes)
        #expect(parsed.cookie == [1, 2, 3] && parsed.cipherSuites == [0xC02B, 0xCCA9])
        var bare = Self.sampleHello()
        bare.extensions = HelloExtensions()
        let withoutExtensions = bare.encode().count  // a hello may end before its extensions block
        for cut in 0..<bytes.count where cut != withoutExtensions {
            #expect(throws: DTLSError.self) { try ClientHello(body: bytes.prefix(cut)) }
        }
        #expect(throws: DTLSError.self) { try ClientHello(body: bytes + [0]) }
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<1000 {
            var mutated = bytes
            mutated[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            _ = try? ClientHello(body: mutated)
        }
    }

    @Test("a repeated extension is a decode error (RFC 5246 §7.4.1.4)")
    func duplicateExtension() {
        var hello = Self.sampleHello()
        hello.extensions.add(ExtensionType.extendedMasterSecret, [])
        #expect(throws: DTLSError.self) { try ClientHello(body: hello.encode()) }
    }

    @Test("repeats are found among thousands of extensions too (the set past the scanned first 32)",
          arguments: [5, 31, 32, 33, 4000])
    func duplicateAmongMany(count: Int) throws {
        var hello = ClientHello(random: [UInt8](repeating: 3, count: 32), cipherSuites: [0xC02B])
        for type in 0..<count { hello.extensions.add(UInt16(0x1000 + type), []) }
        let unique = try ClientHello(body: hello.encode())
        #expect(unique.extensions.entries.count == count)
        for repeatOf in [0, count / 2, count - 1] {
            var repeated = hello
            repeated.extensions.add(UInt16(0x1000 + repeatOf), [])
            #expect(throws: DTLSError.self, "extension \(repeatOf) of \(count) repeated") {
                try ClientHello(body: repeated.encode())
            }
        }
    }

    @Test("other messages: round trips and truncations")
    func otherMessages() throws {
        let bodies: [(String, [UInt8], ([UInt8]) throws -> Void)] = [
            ("ServerHello", ServerHello(random: [UInt8](repeating: 1, count: 32), cipherSuite: 0xC02C).encode(),
             { _ = try ServerHello(body: $0) }),
            ("HelloVerifyRequest", HelloVerifyRequest(cookie: [5, 6]).encode(), { _ = try HelloVerifyRequest(body: $0) }),
            ("Certificate", CertificateMessage(certificates: [[1, 2, 3], [4]]).encode(), { _ = try CertificateMessage(body: $0) }),
            ("ServerKeyExchange", ServerKeyExchange(group: 29, publicKey: [UInt8](repeating: 8, count: 32),
                                                    signatureAlgorithm: 0x0403, signature: [1, 2]).encode(),
             { _ = try ServerKeyExchange(body: $0) }),
            ("CertificateRequest", CertificateRequest().encode(), { _ = try CertificateRequest(body: $0) }),
            ("ClientKeyExchange", ClientKeyExchange(publicKey: [4, 1, 2]).encode(), { _ = try ClientKeyExchange(body: $0) }),
            ("CertificateVerify", CertificateVerify(signatureAlgorithm: 0x0403, signature: [7]).encode(),
             { _ = try CertificateVerify(body: $0) }),
        ]
        for (name, bytes, parse) in bodies {
            #expect(throws: Never.self, "\(name)") { try parse(bytes) }
            for cut in 0..<bytes.count { #expect(throws: DTLSError.self, "\(name) cut at \(cut)") { try parse(Array(bytes.prefix(cut))) } }
            #expect(throws: DTLSError.self, "\(name) with a trailing byte") { try parse(bytes + [0]) }
        }
        // CertificateRequest never has an empty certificate_types or signature list.
        let request = CertificateRequest().encode()
        #expect(request == [1, 64, 0, 2, 4, 3, 0, 0])
    }

    func fragments(of body: [UInt8], sequence: UInt16, size: Int) -> [HandshakeFragment] {
        stride(from: 0, to: body.count, by: size).map { offset in
            HandshakeFragment(type: 11, length: body.count, messageSequence: sequence, offset: offset,
                              body: body[offset..<min(offset + size, body.count)])
        }
    }

    @Test("reassembly of reordered, duplicated and overlapping fragments")
    func reassembly() throws {
        let body = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var reassembler = Reassembler(maximumMessageLength: 4096, maximumBufferedBytes: 8192)
        var pieces = fragments(of: body, sequence: 0, size: 100) + fragments(of: body, sequence: 0, size: 33)
        var rng = SeededGenerator(seed: 1)
        pieces.shuffle(using: &rng)
        for piece in pieces { #expect(reassembler.add(piece) == .accepted) }
        let next = reassembler.next()
        let message = try #require(next)
        #expect(Array(message.body) == body && message.sequence == 0 && message.type == 11)
        #expect(reassembler.next() == nil)
        // Old fragments are ignored once their message is delivered.
        #expect(reassembler.add(pieces[0]) == .ignored)
        #expect(reassembler.next() == nil)
    }

    static func isRefused(_ outcome: Reassembler.Outcome) -> Bool {
        if case .refused = outcome { return true }
        return false
    }

    @Test("reassembly caps: oversized messages, too much buffered, disagreeing fragments — refused, nothing changed")
    func reassemblyCaps() {
        var reassembler = Reassembler(maximumMessageLength: 1000, maximumBufferedBytes: 1500)
        let huge = HandshakeFragment(type: 11, length: 0xFFFFFF, messageSequence: 0, offset: 0, body: [1][...])
        #expect(Self.isRefused(reassembler.add(huge)))
        #expect(reassembler.bufferedBytes == 0, "refused before anything is allocated")
        let first = HandshakeFragment(type: 11, length: 1000, messageSequence: 1, offset: 0, body: [1][...])
        let second = HandshakeFragment(type: 11, length: 1000, messageSequence: 2, offset: 0, body: [1][...])
        #expect(reassembler.add(first) == .accepted)
        #expect(Self.isRefused(reassembler.add(second)), "over the buffer cap, and not nearer than what is held")
        let disagreeing = HandshakeFragment(type: 12, length: 1000, messageSequence: 1, offset: 5, body: [1][...])
        #expect(Self.isRefused(reassembler.add(disagreeing)))
        let longer = HandshakeFragment(type: 11, length: 999, messageSequence: 1, offset: 5, body: [1][...])
        #expect(Self.isRefused(reassembler.add(longer)))
        // Far-future sequence numbers are ignored, not buffered.
        let future = HandshakeFragment(type: 11, length: 10, messageSequence: 500, offset: 0, body: [1][...])
        #expect(reassembler.add(future) == .ignored)
        // A nearer message evicts a further one to fit: the next expected message always can.
        let next = HandshakeFragment(type: 2, length: 900, messageSequence: 0, offset: 0, body: [1][...])
        #expect(reassembler.add(next) == .accepted)
        #expect(reassembler.bufferedBytes == 900)
    }

    @Test("overlapping fragments: agreeing bytes merge, conflicting bytes are refused and the first bytes stay")
    func conflictingOverlaps() {
        let body = (0..<100).map { UInt8($0) }
        var reassembler = Reassembler(maximumMessageLength: 1000, maximumBufferedBytes: 1000)
        #expect(reassembler.add(HandshakeFragment(type: 11, length: 100, messageSequence: 0, offset: 0, body: body[0..<60])) == .accepted)
        var conflicting = Array(body[50..<100])
        conflicting[3] ^= 0xFF
        #expect(Self.isRefused(reassembler.add(HandshakeFragment(type: 11, length: 100, messageSequence: 0, offset: 50,
                                                                 body: conflicting[...]))))
        #expect(reassembler.next() == nil)
        #expect(reassembler.add(HandshakeFragment(type: 11, length: 100, messageSequence: 0, offset: 40, body: body[40..<100])) == .accepted)
        let whole = reassembler.next()
        #expect(whole.map { Array($0.body) } == body)
        // A whole message replaces an incomplete one it disagrees with (a spoofed head start).
        var spoofed = Reassembler(maximumMessageLength: 1000, maximumBufferedBytes: 1000)
        #expect(spoofed.add(HandshakeFragment(type: 11, length: 500, messageSequence: 0, offset: 0, body: [9, 9][...])) == .accepted)
        #expect(spoofed.add(HandshakeFragment(type: 11, length: 100, messageSequence: 0, offset: 0, body: body[...])) == .accepted)
        let replaced = spoofed.next()
        #expect(replaced.map { Array($0.body) } == body)
        #expect(spoofed.bufferedBytes == 0)
    }

    @Test("fragment headers: offset + length beyond the message is a decode error")
    func fragmentBounds() {
        var bytes: [UInt8] = []
        HandshakeFragment(type: 1, length: 10, messageSequence: 0, offset: 8, body: [1, 2, 3][...]).encode(into: &bytes)
        #expect(throws: DTLSError.self) { try HandshakeFragment.parseAll(bytes[...]) }
        for cut in 1..<bytes.count { #expect(throws: DTLSError.self) { try HandshakeFragment.parseAll(bytes.prefix(cut)) } }
    }

    @Test("a whole message in order stays a slice of its datagram; one that must wait is copied; either way duplicates are checked byte for byte")
    func wholeMessagesInPlace() throws {
        // Two whole messages at odd offsets of one buffer, as records lie in a datagram.
        let datagram: [UInt8] = [0xEE, 0xEE, 0xEE] + Array(0..<40) + [0xDD] + Array(100..<120)
        let first = datagram[3..<43], second = datagram[44..<64]
        var reassembler = Reassembler(maximumMessageLength: 1000, maximumBufferedBytes: 1000)
        // The second message arrives first: it waits, so it is copied out of the datagram.
        #expect(reassembler.add(HandshakeFragment(type: 12, length: 20, messageSequence: 1, offset: 0, body: second)) == .accepted)
        #expect(reassembler.add(HandshakeFragment(type: 11, length: 40, messageSequence: 0, offset: 0, body: first)) == .accepted)
        // Duplicates of part of the first message: the same bytes are accepted, others refused.
        #expect(reassembler.add(HandshakeFragment(type: 11, length: 40, messageSequence: 0, offset: 10, body: first.dropFirst(10).prefix(5)))
            == .accepted)
        let forged: [UInt8] = [10, 11, 12, 99, 14]
        #expect(Self.isRefused(reassembler.add(HandshakeFragment(type: 11, length: 40, messageSequence: 0, offset: 10, body: forged[...]))))
        let firstOut = reassembler.next(), secondOut = reassembler.next()
        let one = try #require(firstOut)
        #expect(Array(one.body) == Array(first) && one.body.startIndex == first.startIndex)
        let two = try #require(secondOut)
        #expect(Array(two.body) == Array(second) && two.body.startIndex == 0)
        #expect(reassembler.next() == nil && reassembler.bufferedBytes == 0)
        // A message read through ByteReader from its slice parses like one in its own array.
        var sliced = ByteReader(one.body)
        let leading = try sliced.u16("first")
        #expect(leading == 0x0001 && sliced.remaining == 38)
    }
}
