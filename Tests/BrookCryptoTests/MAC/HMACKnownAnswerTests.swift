import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

@Suite("HMAC known answers")
struct HMACKnownAnswerTests {
    /// RFC 2202 §3, all seven HMAC-SHA-1 cases (Vectors/hmac-sha1-rfc2202.txt).
    @Test func rfc2202() throws {
        let file = try #require(try VectorSupport.rsp(TestEnvironment.vectorFile("hmac-sha1-rfc2202.txt")))
        #expect(file.records.count == 7)
        for record in file.records {
            let key = SymmetricKey(data: try #require(record.bytes("Key")))
            let data = try #require(record.bytes("Data"))
            let expected = try #require(record.bytes("MAC"))
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key)
            #expect(Array(mac) == expected, "case \(record["Case"] ?? "?")")
            #expect(HMAC<Insecure.SHA1>.isValidAuthenticationCode(expected, authenticating: data, using: key))
            if let truncated = record.bytes("Truncated96") {
                #expect(Array(mac.prefix(12)) == truncated)
                // A truncated code is not a full-length MAC.
                #expect(!HMAC<Insecure.SHA1>.isValidAuthenticationCode(truncated, authenticating: data, using: key))
            }
        }
    }

    /// RFC 4231 §4.2–§4.8, all seven cases for SHA-256/384/512 (Vectors/hmac-sha2-rfc4231.txt);
    /// case 5 gives the leftmost 128 bits only.
    @Test func rfc4231() throws {
        let file = try #require(try VectorSupport.rsp(TestEnvironment.vectorFile("hmac-sha2-rfc4231.txt")))
        #expect(file.records.count == 7)
        for record in file.records {
            let key = try #require(record.bytes("Key"))
            let data = try #require(record.bytes("Data"))
            let truncatedBytes = record.int("TruncatedBits").map { $0 / 8 }
            for (algorithm, field) in [(HashAlgorithm.sha256, "SHA256"), (.sha384, "SHA384"), (.sha512, "SHA512")] {
                let expected = try #require(record.bytes(field))
                let mac = algorithm.hmac(key: key, message: data)
                if let truncatedBytes {
                    #expect(expected.count == truncatedBytes)
                    #expect(Array(mac.prefix(truncatedBytes)) == expected, "case \(record["Case"] ?? "?") \(algorithm)")
                } else {
                    #expect(mac == expected, "case \(record["Case"] ?? "?") \(algorithm)")
                }
            }
        }
    }

    /// The RFC 2202/4231 files shipped in cryptography-vectors (Len/Key/Msg/MD).
    @Test(arguments: [
        (HashAlgorithm.sha1, "HMAC/rfc-2202-sha1.txt", 7), (.sha256, "HMAC/rfc-4231-sha256.txt", 6),
        (.sha384, "HMAC/rfc-4231-sha384.txt", 6), (.sha512, "HMAC/rfc-4231-sha512.txt", 6),
    ])
    func cryptographyVectorsFiles(_ algorithm: HashAlgorithm, _ path: String, _ expectedCount: Int) throws {
        guard let file = try VectorSupport.rsp(TestEnvironment.cavpFile(path)) else { return }
        var count = 0
        for record in file.records where record.has("MD") {
            let key = try #require(record.bytes("Key"))
            let message = try #require(record.bytes("Msg"))
            #expect(algorithm.hmac(key: key, message: message) == record.bytes("MD"), "\(path) line \(record.line)")
            count += 1
        }
        #expect(count == expectedCount)
    }

    /// Wycheproof HMAC-SHA1 and HMAC-SHA256: every valid tag accepted, every invalid one rejected.
    /// A tag shorter than the digest is the leftmost bytes of the MAC.
    @Test(arguments: [(HashAlgorithm.sha1, "hmac_sha1_test.json", 170), (.sha256, "hmac_sha256_test.json", 174)])
    func wycheproof(_ algorithm: HashAlgorithm, _ name: String, _ expectedCount: Int) throws {
        guard let url = TestEnvironment.wycheproofFile(name) else { return }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let groups = try #require(json["testGroups"] as? [[String: Any]])
        var count = 0
        for group in groups {
            let tagBytes = try #require(group["tagSize"] as? Int) / 8
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let id = test["tcId"] as? Int ?? -1
                let key = try #require(Hex.decode(test["key"] as? String ?? "-"))
                let message = try #require(Hex.decode(test["msg"] as? String ?? "-"))
                let tag = try #require(Hex.decode(test["tag"] as? String ?? "-"))
                let valid = (test["result"] as? String) == "valid"
                let accepted: Bool
                if tagBytes == algorithm.digestByteCount {
                    accepted = verify(algorithm, tag, message, key)
                } else {
                    let mac = algorithm.hmac(key: key, message: message)
                    accepted = tag.count == tagBytes && ConstantTime.isEqual(mac.prefix(tagBytes), tag)
                    // A truncated tag never passes the full-length check.
                    #expect(!verify(algorithm, tag, message, key), "tcId \(id)")
                }
                #expect(accepted == valid, "\(name) tcId \(id)")
                count += 1
            }
        }
        #expect(count == expectedCount)
    }

    private func verify(_ algorithm: HashAlgorithm, _ tag: [UInt8], _ message: [UInt8], _ key: [UInt8]) -> Bool {
        let key = SymmetricKey(data: key)
        switch algorithm {
        case .sha1: return HMAC<Insecure.SHA1>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        case .sha256: return HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        case .sha384: return HMAC<SHA384>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        case .sha512: return HMAC<SHA512>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        }
    }
}
