import BrookVectors
import Foundation
import Testing

@testable import BrookCrypto
import BrookTestSupport

@Suite("AES block cipher")
struct AESBlockTests {
    @Test("FIPS 197 Appendix C examples")
    func fips197() throws {
        let text = try String(contentsOf: TestEnvironment.vectorFile("aes-fips197.txt"), encoding: .utf8)
        let records = RSPFile(text: text).records
        #expect(records.count == 3)
        for r in records {
            let key = try #require(r.bytes("KEY")), pt = try #require(r.bytes("PLAINTEXT")), ct = try #require(r.bytes("CIPHERTEXT"))
            var block = pt
            try AES.permute(&block, key: SymmetricKey(data: key))
            #expect(block == ct, "line \(r.line)")
        }
    }
}
