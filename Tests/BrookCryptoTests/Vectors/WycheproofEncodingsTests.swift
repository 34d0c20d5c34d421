import Foundation
import Testing
@testable import BrookVectors
import BrookTestSupport

/// The runner's ASN.1 kinds (`EcdhTest` with SubjectPublicKeyInfo keys, `EcdsaVerify` with DER
/// signatures), which the shared selection lacks: made here from the raw-encoded files by re-encoding
/// each key or signature, so every case keeps its expected result.
@Suite("Wycheproof DER kinds, re-encoded from the shared files")
struct WycheproofEncodingsTests {
    /// DER length octets.
    static func derLength(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        if count < 0x100 { return [0x81, UInt8(count)] }
        return [0x82, UInt8(count >> 8), UInt8(count & 0xff)]
    }

    static func tlv(_ tag: UInt8, _ body: [UInt8]) -> [UInt8] { [tag] + derLength(body.count) + body }

    /// RFC 5480 SubjectPublicKeyInfo for an id-ecPublicKey / prime256v1 point.
    static func spki(point: [UInt8]) -> [UInt8] {
        let algorithm = tlv(0x30, [0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
            + [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07])
        return tlv(0x30, algorithm + tlv(0x03, [0x00] + point))
    }

    /// A minimal positive DER INTEGER for a big-endian magnitude.
    static func derInteger(_ magnitude: ArraySlice<UInt8>) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if bytes.isEmpty || bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return tlv(0x02, bytes)
    }

    /// Rewrites every test of `name` with `transform` and the group type `type`, returning the new file's path.
    static func rewrite(_ name: String, as newName: String, type: String, group extra: [String: Any], in fixtures: VectorFixtures,
                        _ transform: ([String: Any]) -> [String: Any]) throws -> String? {
        guard let url = TestEnvironment.wycheproofFile(name) else { return nil }
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var groups = try #require(json["testGroups"] as? [[String: Any]])
        for g in groups.indices {
            groups[g]["type"] = type
            groups[g].merge(extra) { $1 }
            groups[g]["tests"] = try #require(groups[g]["tests"] as? [[String: Any]]).map(transform)
        }
        json["testGroups"] = groups
        return try fixtures.write(newName, String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
    }

    @Test("EcdhTest (SubjectPublicKeyInfo keys) gives the same verdicts as EcdhEcpointTest")
    func ecdhSPKI() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        guard let original = TestEnvironment.wycheproofFile("ecdh_secp256r1_ecpoint_test.json"),
              let path = try Self.rewrite("ecdh_secp256r1_ecpoint_test.json", as: "ecdh_spki.json", type: "EcdhTest",
                                          group: ["encoding": "asn"], in: fixtures, { test in
                  var test = test
                  test["public"] = Hex.encode(Self.spki(point: Hex.decode(test["public"] as? String ?? "") ?? []))
                  return test
              })
        else { return }
        let raw = try VectorSuite.run(file: original.path)
        let der = try VectorSuite.run(file: path)
        #expect(der.failed == 0 && der.skipped == 0, "\(der.lines.joined(separator: "\n"))")
        #expect(der.passed == raw.passed && der.passed == 355)
    }

    @Test("EcdsaVerify (DER signatures) gives the same verdicts as EcdsaP1363Verify")
    func ecdsaDER() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        guard let path = try Self.rewrite("ecdsa_secp256r1_sha256_p1363_test.json", as: "ecdsa_der.json", type: "EcdsaVerify",
                                          group: [:], in: fixtures, { test in
            var test = test
            let sig = Hex.decode(test["sig"] as? String ?? "") ?? []
            // r‖s of the right size become SEQUENCE { r, s }; any other size stays as bytes that are
            // not a DER signature (those cases are invalid either way).
            if sig.count == 64 {
                test["sig"] = Hex.encode(Self.tlv(0x30, Self.derInteger(sig[0..<32]) + Self.derInteger(sig[32..<64])))
            }
            return test
        })
        else { return }
        let report = try VectorSuite.run(file: path)
        #expect(report.failed == 0 && report.skipped == 0 && report.passed == 262, "\(report.lines.joined(separator: "\n"))")
    }

    @Test("The DER helpers of this test encode as expected")
    func helpers() {
        #expect(Self.derInteger([0x00, 0x00, 0x7f]) == [0x02, 0x01, 0x7f])
        #expect(Self.derInteger([0x80]) == [0x02, 0x02, 0x00, 0x80])
        #expect(Self.derInteger([0x00]) == [0x02, 0x01, 0x00])
        #expect(Self.spki(point: [0x04] + [UInt8](repeating: 1, count: 64)).count == 91)
        #expect(Self.spki(point: [0x04] + [UInt8](repeating: 1, count: 64)).prefix(2) == [0x30, 0x59])
    }
}
