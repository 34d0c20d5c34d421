import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto
import BrookTestSupport

@Suite("AES-GCM specification vectors")
struct AESGCMSpecTests {
    @Test("McGrew–Viega GCM spec test cases 1-18: seal, open, in place")
    func specTestCases() throws {
        let text = try String(contentsOf: TestEnvironment.vectorFile("aes-gcm-spec.txt"), encoding: .utf8)
        let records = RSPFile(text: text).records
        #expect(records.count == 18)
        for r in records {
            let key = SymmetricKey(data: try #require(r.bytes("Key")))
            let iv = try #require(r.bytes("IV")), pt = try #require(r.bytes("PT")), aad = try #require(r.bytes("AAD"))
            let ct = try #require(r.bytes("CT")), tag = try #require(r.bytes("Tag"))
            let box = try AES.GCM.seal(pt, using: key, nonce: try AES.GCM.Nonce(data: iv), authenticating: aad)
            #expect(box.ciphertext == ct, "case \(r["Count"] ?? "?")")
            #expect(box.tag == tag, "case \(r["Count"] ?? "?")")
            #expect(try AES.GCM.open(box, using: key, authenticating: aad) == pt)
            #expect((box.combined != nil) == (iv.count == 12))
            var wrong = aad
            wrong.append(0)
            #expect(throws: CryptoKitError.authenticationFailure) { try AES.GCM.open(box, using: key, authenticating: wrong) }
        }
    }
}
