import BrookTestSupport
import BrookSansIO
import BrookVectors
import Foundation
import Testing
@testable import BrookICE

/// Encode/decode round trips over every attribute, and a differential check of MESSAGE-INTEGRITY,
/// MESSAGE-INTEGRITY-SHA256, FINGERPRINT and XOR-MAPPED-ADDRESS against Python's hmac/zlib.
@Suite("STUN codec")
struct STUNCodecTests {
    static func randomAddress(_ rng: inout SeededGenerator) -> TransportAddress {
        let port = UInt16(truncatingIfNeeded: rng.next())
        if rng.next() & 1 == 0 { return TransportAddress(ip: .v4(UInt32(truncatingIfNeeded: rng.next())), port: port) }
        return TransportAddress(ip: .v6(high: rng.next(), low: rng.next()), port: port)
    }

    static func randomText(_ rng: inout SeededGenerator, maximum: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789:+/ é€".unicodeScalars)
        let count = Int(rng.next() % UInt64(maximum))
        return String(String.UnicodeScalarView((0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
    }

    static func randomMessage(_ rng: inout SeededGenerator) -> STUNMessage {
        var attributes: [STUNAttribute] = []
        for _ in 0..<Int(rng.next() % 8) {
            switch rng.next() % 12 {
            case 0: attributes.append(.mappedAddress(randomAddress(&rng)))
            case 1: attributes.append(.xorMappedAddress(randomAddress(&rng)))
            case 2: attributes.append(.username(randomText(&rng, maximum: 40)))
            case 3: attributes.append(.errorCode(code: 300 + Int(rng.next() % 400), reason: randomText(&rng, maximum: 20)))
            case 4: attributes.append(.unknownAttributes((0..<Int(rng.next() % 4)).map { _ in STUNAttributeType(rawValue: UInt16(truncatingIfNeeded: rng.next())) }))
            case 5: attributes.append(.software(randomText(&rng, maximum: 30)))
            case 6: attributes.append(.priority(UInt32(truncatingIfNeeded: rng.next())))
            case 7: attributes.append(.useCandidate)
            case 8: attributes.append(.iceControlled(tieBreaker: rng.next()))
            case 9: attributes.append(.iceControlling(tieBreaker: rng.next()))
            case 10: attributes.append(.realm(randomText(&rng, maximum: 20)))
            default: attributes.append(.other(type: STUNAttributeType(rawValue: 0x8000 | UInt16(truncatingIfNeeded: rng.next() % 0x100) + 0x100), value: rng.bytes(Int(rng.next() % 9))))
            }
        }
        let type = STUNMessageType(method: .binding, messageClass: [.request, .indication, .successResponse, .errorResponse][Int(rng.next() % 4)])
        return STUNMessage(type: type, transactionID: STUNTransactionID(using: &rng), attributes: attributes)
    }

    @Test("random messages round-trip through encode and decode (2,000 seeded cases)")
    func roundTrip() throws {
        var rng = SeededGenerator(seed: 0x57_0A)
        for _ in 0..<2000 {
            let message = Self.randomMessage(&rng)
            let key = STUNIntegrityKey(shortTermPassword: Self.randomText(&rng, maximum: 30))
            let algorithms: STUNIntegrityAlgorithms = [[.sha1], [.sha256], [.sha1, .sha256]][Int(rng.next() % 3)]
            let fingerprint = rng.next() & 1 == 0
            let bytes = try message.encode(integrity: key, algorithms: algorithms, fingerprint: fingerprint)
            let decoded = try STUNMessage.decode(bytes)
            #expect(decoded.message == message)
            #expect(decoded.hasFingerprint == fingerprint)
            #expect(decoded.isAuthentic(using: key))
            #expect(!decoded.isAuthentic(using: STUNIntegrityKey(shortTermPassword: "another password")))
            #expect(decoded.unknownComprehensionRequired.isEmpty)
        }
    }

    @Test("differential: Python's hmac and zlib verify 1,000 of our messages")
    func pythonOracle() throws {
        guard let python = TestEnvironment.require(Optional(TestEnvironment.python), "python3") else { return }
        var rng = SeededGenerator(seed: 0xD1FF)
        var cases: [(message: STUNMessage, password: String, algorithms: STUNIntegrityAlgorithms, bytes: [UInt8])] = []
        var input = ""
        for index in 0..<1000 {
            var message = Self.randomMessage(&rng)
            message.attributes.removeAll { $0.type == .xorMappedAddress }
            message.attributes.insert(.xorMappedAddress(Self.randomAddress(&rng)), at: 0)
            let password = "pw\(index)-" + String(rng.next(), radix: 36)
            let algorithms: STUNIntegrityAlgorithms = [[.sha1], [.sha256], [.sha1, .sha256]][index % 3]
            let bytes = try message.encode(integrity: STUNIntegrityKey(shortTermPassword: password), algorithms: algorithms)
            cases.append((message, password, algorithms, bytes))
            input += "{\"message\":\"\(bytes.hexString)\",\"password\":\"\(password)\"}\n"
        }
        let output = try ExternalProcess.run(python, [TestEnvironment.oracleScript("ice_stun.py")], input: Array(input.utf8)).stdoutText
        let lines = output.split(separator: "\n")
        try #require(lines.count == cases.count)
        for (line, testCase) in zip(lines, cases) {
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(answer["fingerprint"] as? Bool == true)
            if testCase.algorithms.contains(.sha1) { #expect(answer["sha1"] as? Bool == true) }
            if testCase.algorithms.contains(.sha256) { #expect(answer["sha256"] as? Bool == true) }
            #expect(answer["xor_mapped"] as? String == testCase.message.mappedAddress?.description)
        }
    }

    @Test("MESSAGE-INTEGRITY-SHA256 truncated to 16 bytes verifies (RFC 8489 §14.6)")
    func truncatedSHA256() throws {
        var rng = SeededGenerator(seed: 3)
        let key = STUNIntegrityKey(shortTermPassword: "secret")
        var bytes = try STUNMessage(type: .bindingRequest, transactionID: STUNTransactionID(using: &rng), attributes: [.username("a:b")])
            .encode(integrity: key, algorithms: .sha256, fingerprint: false)
        // Cut the 32-byte value to 16 and fix both lengths; the HMAC covers the header with the new length.
        bytes.removeLast(16)
        bytes[bytes.count - 17] = 16
        bytes[3] -= 16
        var header = bytes
        header.removeLast(20)
        #expect(try !STUNMessage.decode(bytes).isAuthentic(using: key))  // the stored code was over the old length
        let length = UInt16(bytes.count - 20)
        var macInput = Array(header)
        macInput[2] = UInt8(length >> 8); macInput[3] = UInt8(length & 0xFF)
        let code = HMACReference.sha256(key: Array("secret".utf8), data: macInput)
        bytes.replaceSubrange((bytes.count - 16)..., with: code.prefix(16))
        #expect(try STUNMessage.decode(bytes).isAuthentic(using: key))
    }

    @Test("an encoder rejects values that cannot be encoded")
    func encoderLimits() {
        var rng = SeededGenerator(seed: 4)
        let id = STUNTransactionID(using: &rng)
        #expect(throws: STUNError.valueTooLong(.username)) {
            try STUNMessage(type: .bindingRequest, transactionID: id, attributes: [.username(String(repeating: "u", count: 514))]).encode()
        }
        #expect(throws: STUNError.malformedAttribute(.errorCode)) {
            try STUNMessage(type: .bindingError, transactionID: id, attributes: [.errorCode(code: 200, reason: "")]).encode()
        }
    }
}

/// HMAC-SHA256 through BrookCrypto's public API, for building hand-made messages in tests.
enum HMACReference {
    static func sha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        Array(BrookCryptoHMAC.sha256(key: key, data: data))
    }
}
