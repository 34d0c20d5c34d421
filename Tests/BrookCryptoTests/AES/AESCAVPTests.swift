import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto

@Suite("AES NIST CAVP vectors")
struct AESCAVPTests {
    static let ecbFiles: [String] = ["128", "192", "256"].flatMap { bits in
        ["GFSbox", "KeySbox", "VarKey", "VarTxt", "MMT"].map { "ciphers/AES/ECB/ECB\($0)\(bits).rsp" }
    }

    @Test("ECB known-answer and multi-block tests (encrypt; DECRYPT entries checked forwards)", arguments: ecbFiles)
    func ecb(path: String) throws {
        guard let records = try AESTestSupport.cavpRecords(path) else { return }
        var checked = 0
        for r in records {
            let key = try #require(r.bytes("KEY")), pt = try #require(r.bytes("PLAINTEXT")), ct = try #require(r.bytes("CIPHERTEXT"))
            #expect(try AESTestSupport.ecbEncrypt(pt, key: key) == ct, "\(path) line \(r.line)")
            if pt.count == 16 {
                var block = pt
                try AES.permute(&block, key: SymmetricKey(data: key))
                #expect(block == ct, "\(path) line \(r.line)")
            }
            checked += 1
        }
        #expect(checked >= 10)
    }

    @Test("CTR: RFC 3686 vectors from cryptography-vectors", arguments: ["128", "192", "256"])
    func ctr(bits: String) throws {
        guard let records = try AESTestSupport.cavpRecords("ciphers/AES/CTR/aes-\(bits)-ctr.txt") else { return }
        #expect(records.count == 3)
        for r in records {
            let key = SymmetricKey(data: try #require(r.bytes("KEY")))
            let iv = try #require(r.bytes("IV")), pt = try #require(r.bytes("PLAINTEXT")), ct = try #require(r.bytes("CIPHERTEXT"))
            #expect(try AES.CTR.encrypt(pt, using: key, initialCounter: iv) == ct, "line \(r.line)")
            #expect(try AES.CTR.encrypt(ct, using: key, initialCounter: iv) == pt, "line \(r.line)")
        }
    }

    @Test("GCM encryption (gcmEncryptExtIV*): all IV and tag lengths", arguments: ["128", "192", "256"])
    func gcmEncrypt(bits: String) throws {
        guard let records = try AESTestSupport.cavpRecords("ciphers/AES/GCM/gcmEncryptExtIV\(bits).rsp") else { return }
        #expect(records.count == 7875)
        var checked = 0
        for (index, r) in records.enumerated() where index % AESTestSupport.samplingStride == 0 {
            let key = try AES.GCM.PreparedKey(key: SymmetricKey(data: try #require(r.bytes("Key"))))
            let iv = try #require(r.bytes("IV")), pt = try #require(r.bytes("PT")), aad = try #require(r.bytes("AAD"))
            let ct = try #require(r.bytes("CT")), tag = try #require(r.bytes("Tag"))
            let (gotCT, gotTag) = try AESTestSupport.seal(key, pt, nonce: iv, aad: aad, tagCount: tag.count)
            #expect(gotCT == ct && gotTag == tag, "line \(r.line)")
            checked += 1
        }
        #expect(checked == (7875 + AESTestSupport.samplingStride - 1) / AESTestSupport.samplingStride)
    }

    @Test("GCM decryption (gcmDecrypt*): valid entries give PT, FAIL entries fail and leave the buffer", arguments: ["128", "192", "256"])
    func gcmDecrypt(bits: String) throws {
        guard let records = try AESTestSupport.cavpRecords("ciphers/AES/GCM/gcmDecrypt\(bits).rsp") else { return }
        #expect(records.count == 7875)
        var failures = 0, successes = 0
        for (index, r) in records.enumerated() where index % AESTestSupport.samplingStride == 0 {
            let key = try AES.GCM.PreparedKey(key: SymmetricKey(data: try #require(r.bytes("Key"))))
            let iv = try #require(r.bytes("IV")), aad = try #require(r.bytes("AAD"))
            let ct = try #require(r.bytes("CT")), tag = try #require(r.bytes("Tag"))
            var buffer = ct
            if r.has("FAIL") {
                #expect(throws: CryptoKitError.authenticationFailure, "line \(r.line)") {
                    try AESTestSupport.open(key, &buffer, nonce: iv, aad: aad, tag: tag)
                }
                #expect(buffer == ct, "line \(r.line)")
                failures += 1
            } else {
                let pt = try #require(r.bytes("PT"))
                try AESTestSupport.open(key, &buffer, nonce: iv, aad: aad, tag: tag)
                #expect(buffer == pt, "line \(r.line)")
                successes += 1
            }
        }
        #expect(failures > 0 && successes > 0)
    }
}
