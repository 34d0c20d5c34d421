import BrookTestSupport
import BrookSansIO
import BrookVectors
import Foundation
import Testing
@testable import BrookICE

/// Truncated, oversized, mutated and malicious STUN input: the decoder rejects with a typed error and never traps.
@Suite("STUN hostile input")
struct STUNHostileInputTests {
    static func vector() throws -> [UInt8] {
        let text = try String(contentsOf: TestEnvironment.vectorFile("stun-rfc5769.txt"), encoding: .utf8)
        return try #require(RSPFile(text: text).records.first?.bytes("Message"))
    }

    static func header(length: Int, type: UInt16 = 0x0001) -> [UInt8] {
        [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF), 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 7, count: 12)
    }

    @Test("every truncation of the RFC 5769 request is rejected")
    func truncations() throws {
        let message = try Self.vector()
        for length in 0..<message.count {
            #expect(throws: STUNError.self) { try STUNMessage.decode(message[0..<length]) }
        }
        #expect(throws: STUNError.self) { try STUNMessage.decode(message + [0, 0, 0, 0]) }
    }

    @Test("no single-bit flip of the RFC 5769 request changes its authenticated content")
    func bitFlips() throws {
        let message = try Self.vector()
        let key = STUNIntegrityKey(shortTermPassword: "VOkJxbRl1RmTxUk/WvJxBt")
        let original = try STUNMessage.decode(message).message
        var changedButAccepted = 0, fingerprintStripped = 0
        for bit in 0..<(message.count * 8) {
            var mutated = message
            mutated[bit / 8] ^= UInt8(1 << (bit % 8))
            guard let decoded = try? STUNMessage.decode(mutated), decoded.isAuthentic(using: key) else { continue }
            // Only a flip in FINGERPRINT's type turns it into an ignored attribute after MESSAGE-INTEGRITY
            // (RFC 8489 §14.5): the content is unchanged and still authentic, but no longer fingerprinted.
            if decoded.message != original { changedButAccepted += 1 }
            if !decoded.hasFingerprint { fingerprintStripped += 1 }
        }
        #expect(changedButAccepted == 0)
        #expect(fingerprintStripped == 16)
    }

    @Test("20,000 seeded random datagrams (raw and STUN-shaped) never trap")
    func randomInput() {
        var rng = SeededGenerator(seed: 0xBAD)
        for index in 0..<20_000 {
            var bytes = rng.bytes(Int(rng.next() % 120))
            if index % 2 == 0 {
                // A valid header with random attributes, so the attribute walker is exercised.
                let body = rng.bytes(Int(rng.next() % 25) * 4)
                bytes = Self.header(length: body.count) + body
            }
            _ = try? STUNMessage.decode(bytes)
            _ = STUNBindingServer().respond(to: bytes, from: TransportAddress("127.0.0.1:9")!)
        }
    }

    @Test("structural errors are named")
    func structuralErrors() {
        #expect(throws: STUNError.notSTUN) { try STUNMessage.decode([0xC0, 1, 0, 0, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12)) }
        #expect(throws: STUNError.notSTUN) { try STUNMessage.decode([0, 1, 0, 0, 0x21, 0x12, 0xA4, 0x43] + [UInt8](repeating: 0, count: 12)) }
        #expect(throws: STUNError.badLength(declared: 2, available: 2)) { try STUNMessage.decode(Self.header(length: 2) + [0, 0]) }
        // An attribute claiming more bytes than the message has.
        #expect(throws: STUNError.attributeOverrun(.username, offset: 20)) {
            try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x06, 0xFF, 0xFF, 1, 2, 3, 4])
        }
        // Wrong lengths of known attributes.
        #expect(throws: STUNError.malformedAttribute(.priority)) { try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x24, 0x00, 0x03, 1, 2, 3, 0]) }
        #expect(throws: STUNError.malformedAttribute(.useCandidate)) { try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x25, 0x00, 0x04, 1, 2, 3, 4]) }
        #expect(throws: STUNError.malformedAttribute(.xorMappedAddress)) { try STUNMessage.decode(Self.header(length: 12) + [0x00, 0x20, 0x00, 0x08, 0, 3, 0, 1, 1, 2, 3, 4]) }
        #expect(throws: STUNError.malformedAttribute(.xorMappedAddress)) { try STUNMessage.decode(Self.header(length: 12) + [0x00, 0x20, 0x00, 0x08, 0, 2, 0, 1, 1, 2, 3, 4]) }
        #expect(throws: STUNError.malformedAttribute(.messageIntegrity)) { try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x08, 0x00, 0x04, 1, 2, 3, 4]) }
        #expect(throws: STUNError.malformedAttribute(.messageIntegritySHA256)) { try STUNMessage.decode(Self.header(length: 16) + [0x00, 0x1C, 0x00, 0x0C] + [UInt8](repeating: 1, count: 12)) }
        #expect(throws: STUNError.malformedAttribute(.errorCode)) { try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x09, 0x00, 0x04, 0, 0, 2, 0]) }
        #expect(throws: STUNError.malformedAttribute(.unknownAttributes)) { try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x0A, 0x00, 0x03, 0, 1, 2, 0]) }
        // Invalid UTF-8 in USERNAME; an over-long USERNAME.
        #expect(throws: STUNError.malformedAttribute(.username)) { try STUNMessage.decode(Self.header(length: 8) + [0x00, 0x06, 0x00, 0x02, 0xC3, 0x28, 0, 0]) }
        let long = [UInt8](repeating: 0x61, count: 516)
        #expect(throws: STUNError.malformedAttribute(.username)) { try STUNMessage.decode(Self.header(length: 520) + [0x00, 0x06, 0x02, 0x04] + long) }
        // Too many attributes.
        let many = (0..<65).flatMap { _ in [UInt8](arrayLiteral: 0x80, 0x99, 0x00, 0x00) }
        #expect(throws: STUNError.tooManyAttributes) { try STUNMessage.decode(Self.header(length: many.count) + many) }
    }

    @Test("RFC 8489 §14.7: a wrong FINGERPRINT is rejected and nothing may follow it")
    func fingerprintPlacement() throws {
        var rng = SeededGenerator(seed: 11)
        let message = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng), attributes: [.priority(5)]).encode()
        var wrong = message
        wrong[wrong.count - 1] ^= 0x01
        #expect(throws: STUNError.badFingerprint) { try STUNMessage.decode(wrong) }
        // Append a SOFTWARE attribute after FINGERPRINT (lengths fixed up; the CRC still covers what precedes it).
        var trailing = message + [0x80, 0x22, 0x00, 0x00]
        trailing[3] += 4
        let fingerprintOffset = message.count - 8
        let crc = trailing[0..<fingerprintOffset].withUnsafeBytes { CRC32.checksum($0) } ^ 0x5354_554E
        for index in 0..<4 { trailing[fingerprintOffset + 4 + index] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt32(index))) }
        #expect(throws: STUNError.misplacedAttribute(.software)) { try STUNMessage.decode(trailing) }
    }

    @Test("RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY are ignored; unknown required ones are reported")
    func afterIntegrityAndUnknown() throws {
        var rng = SeededGenerator(seed: 12)
        let key = STUNIntegrityKey(shortTermPassword: "pw")
        let id = STUNTransactionID(using: &rng)
        var bytes = try STUNMessage(type: .bindingRequest, transactionID: id,
                                    attributes: [.other(type: STUNAttributeType(rawValue: 0x7777), value: [1, 2, 3, 4]), .priority(9)])
            .encode(integrity: key, fingerprint: false)
        // Append a USERNAME after MESSAGE-INTEGRITY: it must be ignored, and integrity still verifies.
        bytes += [0x00, 0x06, 0x00, 0x04, 0x61, 0x3A, 0x62, 0x63]
        bytes[3] += 8
        let decoded = try STUNMessage.decode(bytes)
        #expect(decoded.message.username == nil)
        #expect(decoded.isAuthentic(using: key))
        #expect(decoded.unknownComprehensionRequired == [STUNAttributeType(rawValue: 0x7777)])
        #expect(decoded.message.priority == 9)
    }

    @Test("duplicated attributes: the first one wins (RFC 8489 §14)")
    func duplicates() throws {
        var rng = SeededGenerator(seed: 13)
        let bytes = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng),
                                    attributes: [.priority(1), .priority(2), .username("x:y"), .username("z:w")]).encode()
        let decoded = try STUNMessage.decode(bytes)
        #expect(decoded.message.priority == 1 && decoded.message.username == "x:y")
    }

    @Test("the STUN server answers 420 to unknown required attributes and ignores non-requests")
    func serverResponses() throws {
        var rng = SeededGenerator(seed: 14)
        let source = TransportAddress("[2001:db8::5]:4242")!
        let server = STUNBindingServer(software: "test")
        let id = STUNTransactionID(using: &rng)
        let plain = try STUNMessage(type: .bindingRequest, transactionID: id).encode(fingerprint: false)
        let ok = try STUNMessage.decode(try #require(server.respond(to: plain, from: source)))
        #expect(ok.message.type == .bindingSuccess && ok.message.transactionID == id && ok.hasFingerprint)
        #expect(ok.message.mappedAddress == source && ok.message.software == "test")
        let unknown = try STUNMessage(type: .bindingRequest, transactionID: id, attributes: [.other(type: STUNAttributeType(rawValue: 0x0033), value: [])]).encode()
        let rejected = try STUNMessage.decode(try #require(server.respond(to: unknown, from: source)))
        #expect(rejected.message.errorCode == 420)
        #expect(rejected.message.attribute(.unknownAttributes) == .unknownAttributes([STUNAttributeType(rawValue: 0x0033)]))
        let indication = try STUNMessage(type: .bindingIndication, transactionID: id).encode()
        #expect(server.respond(to: indication, from: source) == nil)
        #expect(server.respond(to: [0x16, 0xFE, 0xFD], from: source) == nil)
    }
}
