import BrookTestSupport
import BrookSansIO
import BrookVectors
import Foundation
import Testing
@testable import BrookICE

/// RFC 5769 §2.1-§2.4 sample messages, decoded and re-encoded byte for byte.
@Suite("STUN RFC 5769 vectors")
struct STUNVectorTests {
    static func records() throws -> [RSPFile.Record] {
        let text = try String(contentsOf: TestEnvironment.vectorFile("stun-rfc5769.txt"), encoding: .utf8)
        return RSPFile(text: text).records
    }

    @Test("the file holds the four RFC 5769 messages")
    func fileShape() throws {
        let names = try Self.records().compactMap { $0["Name"] }
        #expect(names == ["request", "response-ipv4", "response-ipv6", "request-long-term"])
    }

    @Test("RFC 5769 §2.1-2.3: decode, authenticate, fingerprint, re-encode byte for byte")
    func shortTermMessages() throws {
        for record in try Self.records() where record["Password"] != nil {
            let name = record["Name"]!
            let bytes = try #require(record.bytes("Message"))
            let decoded = try STUNMessage.decode(bytes)
            let key = STUNIntegrityKey(shortTermPassword: record["Password"]!)
            #expect(decoded.hasFingerprint, "\(name)")
            #expect(decoded.isAuthentic(using: key), "\(name)")
            #expect(!decoded.isAuthentic(using: STUNIntegrityKey(shortTermPassword: "VOkJxbRl1RmTxUk/WvJxBu")), "\(name)")
            #expect(decoded.message.software == record["Software"], "\(name)")
            #expect(decoded.message.transactionID.description == "b7e7a701bc34d686fa87dfae")
            if let address = record["Address"] {
                #expect(decoded.message.type == .bindingSuccess)
                #expect(decoded.message.mappedAddress == TransportAddress(address), "\(name)")
            } else {
                #expect(decoded.message.type == .bindingRequest)
                #expect(decoded.message.username == record["Username"])
                #expect(decoded.message.priority == UInt32(record["Priority"]!))
                #expect(decoded.message.iceControlled == UInt64(record["IceControlled"]!, radix: 16))
            }
            // RFC 5769 pads with spaces (§2); any padding is allowed, so the encoder takes the byte.
            let encoded = try decoded.message.encode(integrity: key, fingerprint: true, padding: 0x20)
            #expect(encoded == bytes, "\(name): \(encoded.hexString)")
        }
    }

    @Test("RFC 5769 §2.4: long-term request decodes; its non-integrity part re-encodes byte for byte")
    func longTermMessage() throws {
        let record = try #require(try Self.records().first { $0["Name"] == "request-long-term" })
        let bytes = try #require(record.bytes("Message"))
        let decoded = try STUNMessage.decode(bytes)
        #expect(decoded.hasIntegrity && !decoded.hasFingerprint)
        #expect(Array(decoded.message.username!.utf8) == record.bytes("Username"))
        #expect(decoded.message.attribute(.nonce) == .nonce(record["Nonce"]!))
        #expect(decoded.message.attribute(.realm) == .realm(record["Realm"]!))
        // Everything before MESSAGE-INTEGRITY (24 bytes), with the header length ending there.
        let prefix = try decoded.message.encode(fingerprint: false)
        var expected = Array(bytes[0..<(bytes.count - 24)])
        expected[3] -= 24
        #expect(prefix == expected)
        // The key is MD5(username ":" realm ":" SASLprep(password)) (RFC 8489 §9.2.2), computed by Python.
        guard let python = TestEnvironment.require(Optional(TestEnvironment.python), "python3") else { return }
        let keyHex = try ExternalProcess.run(python, ["-c",
            "import hashlib; print(hashlib.md5('\\u30de\\u30c8\\u30ea\\u30c3\\u30af\\u30b9:example.org:TheMatrIX'.encode()).hexdigest())"]).stdoutText
        let key = [UInt8](hex: keyHex.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(decoded.isAuthentic(using: STUNIntegrityKey(keyBytes: key)))
    }

    @Test("RFC 8489 §5: message type bits interleave class and method")
    func messageTypeBits() {
        #expect(STUNMessageType.bindingRequest.rawValue == 0x0001)
        #expect(STUNMessageType.bindingIndication.rawValue == 0x0011)
        #expect(STUNMessageType.bindingSuccess.rawValue == 0x0101)
        #expect(STUNMessageType.bindingError.rawValue == 0x0111)
        for raw in UInt16(0)..<0x4000 {
            let type = STUNMessageType(rawValue: raw)!
            #expect(type.rawValue == raw)
        }
        #expect(STUNMessageType(rawValue: 0x4001) == nil && STUNMessageType(rawValue: 0x8001) == nil)
    }
}
