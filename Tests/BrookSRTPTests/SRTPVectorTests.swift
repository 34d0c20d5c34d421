import BrookTestSupport
import BrookCrypto
import BrookVectors
import Foundation
import Testing

@testable import BrookSRTP

/// Published vectors: RFC 3711 Appendix B.2/B.3, RFC 6188 §7.1/§7.2, RFC 7714 §16/§17.
@Suite struct SRTPVectorTests {
    static func records(_ file: String) throws -> [RSPFile.Record] {
        let text = try String(contentsOf: TestEnvironment.vectorFile(file), encoding: .utf8)
        return RSPFile(text: text).records
    }

    /// RFC 3711 B.2 and RFC 6188 §7.1: the AES-CM keystream for SSRC 0 and index 0 is
    /// AES_k(salt · 2^16 + j) over a 65,282-block segment.
    @Test func aesCounterModeKeystream() throws {
        let records = try Self.records("srtp-rfc3711-rfc6188.txt").filter { $0.has("SegmentLength") }
        #expect(records.count == 2)
        for record in records {
            let key = try #require(record.bytes("SessionKey"))
            let salt = try #require(record.bytes("SessionSalt"))
            let length = try #require(record.int("SegmentLength"))
            let transform = try AESCMTransform(key: key, salt: salt, authenticationKey: [UInt8](repeating: 0, count: 20), tagLength: 10)
            var stream = [UInt8](repeating: 0, count: length)
            stream.withUnsafeMutableBytes { transform.applyKeystream($0.baseAddress!, count: length, ssrc: 0, index: 0) }
            #expect(Array(stream.prefix(48)) == record.bytes("First"), "\(record.sections)")
            #expect(Array(stream.suffix(48)) == record.bytes("Last"), "\(record.sections)")
        }
    }

    /// RFC 3711 B.3 (AES-128 PRF) and RFC 6188 §7.2 (AES_256_CM_PRF): labels 0, 1, 2 with kdr 0.
    @Test func keyDerivation() throws {
        let records = try Self.records("srtp-rfc3711-rfc6188.txt").filter { $0.has("MasterKey") }
        #expect(records.count == 2)
        for record in records {
            let key = try #require(record.bytes("MasterKey"))
            let salt = try #require(record.bytes("MasterSalt"))
            let cipherKey = try #require(record.bytes("CipherKey"))
            let cipherSalt = try #require(record.bytes("CipherSalt"))
            let authKey = try #require(record.bytes("AuthKey"))
            #expect(try SRTPSessionKeys.prf(masterKey: key, masterSalt: salt, label: 0, count: cipherKey.count) == cipherKey)
            #expect(try SRTPSessionKeys.prf(masterKey: key, masterSalt: salt, label: 2, count: cipherSalt.count) == cipherSalt)
            #expect(try SRTPSessionKeys.prf(masterKey: key, masterSalt: salt, label: 1, count: authKey.count) == authKey)
        }
    }

    /// The public derivation for AES_CM_128_HMAC_SHA1_80 reproduces RFC 3711 B.3 (20-byte auth key).
    @Test func sessionKeysFromRFC3711AppendixB3() throws {
        let record = try #require(try Self.records("srtp-rfc3711-rfc6188.txt").first { $0.sections.contains { $0.contains("B.3") } })
        let master = try SRTPMasterKey(
            profile: .aes128CmHmacSha1_80, key: try #require(record.bytes("MasterKey")), salt: try #require(record.bytes("MasterSalt")))
        let keys = SRTPSessionKeys(deriving: master)
        #expect(keys.rtpEncryptionKey == record.bytes("CipherKey"))
        #expect(keys.rtpSalt == record.bytes("CipherSalt"))
        #expect(keys.rtpAuthenticationKey == Array(try #require(record.bytes("AuthKey")).prefix(20)))
        #expect(keys.rtcpEncryptionKey.count == 16 && keys.rtcpSalt.count == 14 && keys.rtcpAuthenticationKey.count == 20)
        #expect(keys.rtcpEncryptionKey != keys.rtpEncryptionKey)
    }

    /// RFC 7714 §16.1 and §16.2: SRTP AEAD_AES_128_GCM and AEAD_AES_256_GCM, both ways.
    @Test func gcmRTP() throws {
        let records = try Self.records("srtp-rfc7714.txt").filter { $0.has("ROC") }
        #expect(records.count == 2)
        for record in records {
            let transform = try GCMTransform(key: try #require(record.bytes("Key")), salt: try #require(record.bytes("Salt")))
            let plain = try #require(record.bytes("Plain"))
            let protected = try #require(record.bytes("Protected"))
            var packet = plain + [UInt8](repeating: 0, count: 16)
            try packet.withUnsafeMutableBytes { b in
                try transform.protectRTP(b.baseAddress!, headerLength: 12, length: plain.count, ssrc: 0x5501_a0b2, index: 0xf17b)
            }
            #expect(packet == protected, "\(record.sections)")
            var received = protected
            let ok = received.withUnsafeMutableBytes {
                transform.unprotectRTP($0.baseAddress!, headerLength: 12, length: plain.count, ssrc: 0x5501_a0b2, index: 0xf17b)
            }
            #expect(ok && Array(received.prefix(plain.count)) == plain, "\(record.sections)")
            // A wrong ROC changes the IV: the tag must fail and the packet stay as it was.
            var wrongROC = protected
            let refused = wrongROC.withUnsafeMutableBytes {
                transform.unprotectRTP($0.baseAddress!, headerLength: 12, length: plain.count, ssrc: 0x5501_a0b2, index: 0x1_f17b)
            }
            #expect(!refused && wrongROC == protected)
        }
    }

    /// RFC 7714 §17.1–§17.4: SRTCP with E = 1 (protect and unprotect) and E = 0 (verify only).
    @Test func gcmRTCP() throws {
        let records = try Self.records("srtp-rfc7714.txt").filter { $0.has("Index") }
        #expect(records.count == 4)
        for record in records {
            let transform = try GCMTransform(key: try #require(record.bytes("Key")), salt: try #require(record.bytes("Salt")))
            let plain = try #require(record.bytes("Plain"))
            let protected = try #require(record.bytes("Protected"))
            let index = UInt32(try #require(record["Index"]), radix: 16)!
            let encrypted = record.int("Encrypted") == 1
            if encrypted {
                var packet = plain + [UInt8](repeating: 0, count: 20)
                try packet.withUnsafeMutableBytes { b in
                    try transform.protectRTCP(b.baseAddress!, length: plain.count, ssrc: 0x4d61_7273, index: index)
                }
                #expect(packet == protected, "\(record.sections)")
            }
            var received = protected
            let ok = received.withUnsafeMutableBytes {
                transform.unprotectRTCP($0.baseAddress!, length: plain.count, ssrc: 0x4d61_7273, index: index, encrypted: encrypted)
            }
            #expect(ok && Array(received.prefix(plain.count)) == plain, "\(record.sections)")
            if !encrypted { #expect(received == protected, "tag-only check must leave the packet as it was") }
            // One flipped bit in the tag: refused, packet unchanged.
            var forged = protected
            forged[plain.count] ^= 1
            let snapshot = forged
            let refused = forged.withUnsafeMutableBytes {
                transform.unprotectRTCP($0.baseAddress!, length: plain.count, ssrc: 0x4d61_7273, index: index, encrypted: encrypted)
            }
            #expect(!refused && forged == snapshot, "\(record.sections)")
        }
    }
}
