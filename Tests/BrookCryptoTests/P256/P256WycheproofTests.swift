import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// Project Wycheproof: P-256 ECDH with X9.62 points, and ECDSA P-256/SHA-256 with raw r ‖ s signatures.
@Suite("P256 Wycheproof")
struct P256WycheproofTests {
    typealias H = P256TestHelpers

    static func testGroups(_ name: String) throws -> [[String: Any]]? {
        guard let url = TestEnvironment.wycheproofFile(name),
              let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else { return nil }
        return json["testGroups"] as? [[String: Any]]
    }

    /// A Wycheproof BigInt (two's complement, maybe with a leading 00) as 32 bytes, or nil if larger.
    static func scalar(_ hex: String) -> [UInt8]? { H.fixed32(hex: hex) }

    /// The public key from an X9.62 point of either form; other lengths are rejected like bad points.
    static func publicKey(sec1 bytes: [UInt8]) throws(CryptoKitError) -> P256.KeyAgreement.PublicKey {
        switch bytes.count {
        case 33: return try P256.KeyAgreement.PublicKey(compressedRepresentation: bytes)
        default: return try P256.KeyAgreement.PublicKey(x963Representation: bytes)
        }
    }

    /// All 355 cases. Compressed points (the one "acceptable" case, flag CompressedPublic) are
    /// decoded and must then give the expected secret.
    @Test func ecdhEcpoint() throws {
        guard let groups = try Self.testGroups("ecdh_secp256r1_ecpoint_test.json") else { return }
        var counts = (valid: 0, invalid: 0, acceptable: 0)
        for group in groups {
            for test in group["tests"] as? [[String: Any]] ?? [] {
                let id = test["tcId"] as? Int ?? -1
                let result = test["result"] as? String ?? ""
                let publicBytes = try #require([UInt8](hexString: test["public"] as? String ?? ""))
                let privateBytes = try #require(Self.scalar(test["private"] as? String ?? ""), "tcId \(id)")
                let shared = try #require([UInt8](hexString: test["shared"] as? String ?? ""))
                let privateKey = try P256.KeyAgreement.PrivateKey(rawRepresentation: privateBytes)
                var computed: [UInt8]?
                do {
                    computed = Array(try privateKey.sharedSecretFromKeyAgreement(with: try Self.publicKey(sec1: publicBytes)))
                } catch {
                    #expect(error == .invalidPublicKey, "tcId \(id)")
                }
                switch result {
                case "valid":
                    counts.valid += 1
                    #expect(computed == shared, "tcId \(id) \(test["comment"] ?? "")")
                case "invalid":
                    counts.invalid += 1
                    #expect(computed == nil, "tcId \(id) \(test["comment"] ?? "") must be rejected")
                default:
                    counts.acceptable += 1
                    #expect(computed == shared, "tcId \(id) \(test["comment"] ?? ""): decoded, so it must agree")
                }
            }
        }
        #expect(counts.valid == 330 && counts.invalid == 24 && counts.acceptable == 1)
    }

    @Test func ecdsaP1363() throws {
        guard let groups = try Self.testGroups("ecdsa_secp256r1_sha256_p1363_test.json") else { return }
        var total = 0
        for group in groups {
            let key = try #require(group["publicKey"] as? [String: Any])
            let uncompressed = try #require([UInt8](hexString: key["uncompressed"] as? String ?? ""))
            let publicKey = try P256.Signing.PublicKey(x963Representation: uncompressed)
            #expect(group["sha"] as? String == "SHA-256")
            for test in group["tests"] as? [[String: Any]] ?? [] {
                total += 1
                let id = test["tcId"] as? Int ?? -1
                let message = try #require([UInt8](hexString: test["msg"] as? String ?? ""))
                let sig = try #require([UInt8](hexString: test["sig"] as? String ?? ""))
                let accepted: Bool
                if let signature = try? P256.Signing.ECDSASignature(rawRepresentation: sig) {
                    accepted = publicKey.isValidSignature(signature, for: message)
                } else {
                    accepted = false
                }
                #expect(accepted == (test["result"] as? String == "valid"), "tcId \(id) \(test["comment"] ?? "")")
            }
        }
        #expect(total == 262)
    }
}

extension Array where Element == UInt8 {
    /// Hex (possibly empty) to bytes.
    init?(hexString: String) {
        if hexString.isEmpty { self = []; return }
        guard let bytes = Hex.decode(hexString) else { return nil }
        self = bytes
    }
}
