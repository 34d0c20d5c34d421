import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto
import BrookTestSupport

@Suite("AES-GCM Wycheproof")
struct AESGCMWycheproofTests {
    struct File: Decodable {
        struct Group: Decodable { var ivSize: Int; var keySize: Int; var tagSize: Int; var tests: [Case] }
        struct Case: Decodable {
            var tcId: Int; var comment: String; var flags: [String]
            var key: String; var iv: String; var aad: String; var msg: String; var ct: String; var tag: String
            var result: String
        }
        var numberOfTests: Int
        var testGroups: [Group]
    }

    @Test("aes_gcm_test.json: every case through the one-shot and the in-place API")
    func wycheproof() throws {
        guard let url = TestEnvironment.wycheproofFile("aes_gcm_test.json") else { return }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        var run = 0
        for group in file.testGroups {
            for t in group.tests {
                run += 1
                let keyBytes = try #require(Hex.decode(t.key)), iv = try #require(Hex.decode(t.iv))
                let aad = try #require(Hex.decode(t.aad)), msg = try #require(Hex.decode(t.msg))
                let ct = try #require(Hex.decode(t.ct)), tag = try #require(Hex.decode(t.tag))
                let key = SymmetricKey(data: keyBytes)
                let prepared = try AES.GCM.PreparedKey(key: key)
                let label = "tcId \(t.tcId) \(t.comment)"
                if t.result == "valid" {
                    let box = try AES.GCM.seal(msg, using: key, nonce: try AES.GCM.Nonce(data: iv), authenticating: aad)
                    #expect(box.ciphertext == ct && box.tag == tag, "\(label)")
                    let opened = try AES.GCM.open(AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: iv), ciphertext: ct, tag: tag), using: key, authenticating: aad)
                    #expect(opened == msg, "\(label)")
                    var buffer = ct
                    try AESTestSupport.open(prepared, &buffer, nonce: iv, aad: aad, tag: tag)
                    #expect(buffer == msg, "\(label)")
                } else {
                    // Invalid: the tag is wrong, or the parameters (an empty IV) must be refused.
                    var rejected = false
                    do {
                        let nonce = try AES.GCM.Nonce(data: iv)
                        _ = try AES.GCM.open(try AES.GCM.SealedBox(nonce: nonce, ciphertext: ct, tag: tag), using: key, authenticating: aad)
                    } catch { rejected = true }
                    #expect(rejected, "\(label)")
                    var buffer = ct
                    #expect(throws: CryptoKitError.self, "\(label)") { try AESTestSupport.open(prepared, &buffer, nonce: iv, aad: aad, tag: tag) }
                    #expect(buffer == ct, "\(label)")
                    if iv.isEmpty {
                        #expect(throws: CryptoKitError.incorrectParameterSize) { try AESTestSupport.seal(prepared, msg, nonce: iv, aad: aad, tagCount: 16) }
                    }
                }
            }
        }
        #expect(run == file.numberOfTests && run == 316)
    }
}
