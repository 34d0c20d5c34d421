import BrookVectors
import Foundation
import Testing
@testable import BrookCrypto
import BrookTestSupport

/// RFC 7748's X25519 vectors (Vectors/x25519-rfc7748.txt) and all of Wycheproof's x25519_test.json.
@Suite("X25519 vectors")
struct X25519VectorTests {
    static let file: RSPFile = {
        let url = TestEnvironment.vectorFile("x25519-rfc7748.txt")
        return RSPFile(text: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }()

    static func records(_ prefix: String, minimum: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [RSPFile.Record] {
        let found = file.records.filter { $0.sections.first?.hasPrefix(prefix) == true }
        #expect(found.count >= minimum, "expected at least \(minimum) records in [\(prefix)…]", sourceLocation: sourceLocation)
        return found
    }

    @Test func scalarMultiplication() throws {
        for r in Self.records("RFC 7748 §5.2 scalar", minimum: 2) {
            let result = X25519.scalarMultiply(scalar: try r.vectorHex("Scalar"), u: try r.vectorHex("UCoordinate"))
            #expect(result == (try r.vectorHex("Result")), "line \(r.line)")
        }
    }

    @Test func iterated() throws {
        for r in Self.records("RFC 7748 §5.2 iterated", minimum: 2) {
            var k = try r.vectorHex("Start"), u = k
            for _ in 0..<(try r.vectorNumber("Iterations", as: Int.self)) {
                (k, u) = (X25519.scalarMultiply(scalar: k, u: u), k)
            }
            let expected = try r.vectorHex("Result")
            #expect(k == expected, "line \(r.line)")
        }
    }

    @Test func diffieHellman() throws {
        for r in Self.records("RFC 7748 §6.1", minimum: 1) {
            typealias KA = Curve25519.KeyAgreement
            let alice = try KA.PrivateKey(rawRepresentation: try r.vectorHex("AlicePrivate"))
            let bob = try KA.PrivateKey(rawRepresentation: try r.vectorHex("BobPrivate"))
            let alicePublic = try r.vectorHex("AlicePublic"), bobPublic = try r.vectorHex("BobPublic")
            let shared = try r.vectorHex("SharedSecret")
            #expect(alice.publicKey.rawRepresentation == alicePublic)
            #expect(bob.publicKey.rawRepresentation == bobPublic)
            let k1 = try alice.sharedSecretFromKeyAgreement(with: try KA.PublicKey(rawRepresentation: bobPublic))
            let k2 = try bob.sharedSecretFromKeyAgreement(with: try KA.PublicKey(rawRepresentation: alicePublic))
            #expect(Array(k1) == shared)
            #expect(Array(k2) == shared)
            #expect(k1 == k2)
        }
    }

    struct WycheproofFile: Decodable {
        struct Group: Decodable { var tests: [Case] }
        struct Case: Decodable {
            var tcId: Int
            var comment: String
            var flags: [String]
            var `public`: String
            var `private`: String
            var shared: String
            var result: String
        }
        var numberOfTests: Int
        var testGroups: [Group]
    }

    /// Every case through the public API. "valid" cases must give `shared`. "acceptable" cases may go
    /// either way, so each outcome is checked (accepted: equals `shared`; rejected: only with
    /// `.zeroSharedSecret`, and only where `shared` is all zero) and then tallied per flag against
    /// the expected split: we reject exactly the low-order public keys (RFC 7748 §6.1 all-zero
    /// check) and accept twist points, non-canonical u-coordinates (≥ p, reduced) and the rest.
    @Test func wycheproof() throws {
        guard let url = TestEnvironment.wycheproofFile("x25519_test.json") else { return }
        let file = try JSONDecoder().decode(WycheproofFile.self, from: Data(contentsOf: url))
        let cases = file.testGroups.flatMap(\.tests)
        #expect(cases.count == file.numberOfTests)
        #expect(cases.count == 518)

        var accepted: [String: Int] = [:], rejected: [String: Int] = [:]
        var validAccepted = 0
        for c in cases {
            let key = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](hex: c.private))
            let peer = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: [UInt8](hex: c.public))
            let expected = [UInt8](hex: c.shared)
            do {
                let secret = try key.sharedSecretFromKeyAgreement(with: peer)
                #expect(Array(secret) == expected, "tcId \(c.tcId): \(c.comment)")
                for flag in c.flags { accepted[flag, default: 0] += 1 }
                if c.result == "valid" { validAccepted += 1 }
            } catch {
                #expect(error == .zeroSharedSecret, "tcId \(c.tcId)")
                #expect(c.result == "acceptable", "tcId \(c.tcId): a valid case was rejected")
                #expect(expected == [UInt8](repeating: 0, count: 32), "tcId \(c.tcId)")
                // The raw function computes that all-zero value.
                #expect(X25519.scalarMultiply(scalar: key.rawRepresentation, u: peer.rawRepresentation) == expected)
                for flag in c.flags { rejected[flag, default: 0] += 1 }
            }
        }
        #expect(validAccepted == 264)
        let expectedAccepted = [
            "EdgeCaseMultiplication": 389, "EdgeCasePrivateKey": 7, "EdgeCaseShared": 14, "Ktv": 3,
            "NonCanonicalPublic": 13, "Normal": 1, "SpecialPublicKey": 67, "Twist": 216,
        ]
        let expectedRejected = [
            "EdgeCaseMultiplication": 5, "LowOrderPublic": 31, "NonCanonicalPublic": 6, "SmallPublicKey": 8,
            "SpecialPublicKey": 12, "Twist": 5, "ZeroSharedSecret": 31,
        ]
        #expect(accepted == expectedAccepted)
        #expect(rejected == expectedRejected)
    }
}
