import Foundation
import Testing
@testable import BrookVectors
import BrookTestSupport

/// The runner on the real Project Wycheproof files in `$WYCHEPROOF_DIR` (see TestEnvironment), with
/// BrookCrypto behind it.
@Suite("Wycheproof files against BrookCrypto")
struct WycheproofFilesTests {
    /// The files of the shared selection, all of whose cases BrookCrypto runs (none skipped).
    static let knownFiles = [
        "aes_gcm_test.json", "ecdh_secp256r1_ecpoint_test.json", "ecdsa_secp256r1_sha256_p1363_test.json",
        "hmac_sha1_test.json", "hmac_sha256_test.json", "x25519_test.json",
    ]

    /// With the shared selection every file is of a supported kind. Pointed at a whole
    /// `testvectors_v1/` checkout, files of other kinds (RSA, JWK keys...) are refused as unsupported,
    /// which `brook vectors` reports as an error; here they are listed, not failed.
    @Test("Every file in the Wycheproof directory runs with 0 failures")
    func everyFile() throws {
        guard let directory = TestEnvironment.require(TestEnvironment.wycheproofDirectory, "the Wycheproof vectors ($WYCHEPROOF_DIR)") else { return }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var ran: [String] = [], unsupported: [String] = []
        for name in files {
            do {
                let report = try VectorSuite.run(file: directory.appendingPathComponent(name).path)
                ran.append(name)
                #expect(report.failed == 0, "\(report.lines.joined(separator: "\n"))")
            } catch .unsupported {
                unsupported.append(name)
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(Set(Self.knownFiles).isSubset(of: ran), "ran \(ran); unsupported kinds: \(unsupported)")
        print("Wycheproof: \(ran.count) files run, \(unsupported.count) of unsupported kinds")
    }

    @Test("The known files run every case: nothing skipped", arguments: knownFiles)
    func nothingSkipped(_ name: String) throws {
        guard let url = TestEnvironment.wycheproofFile(name) else { return }
        let report = try VectorSuite.run(file: url.path)
        #expect(report.failed == 0 && report.skipped == 0, "\(report.lines.joined(separator: "\n"))")
        #expect(report.passed > 0)
    }

    /// One valid case per file whose expected output is altered, and the field altered.
    static let corruptions: [(file: String, field: String)] = [
        ("aes_gcm_test.json", "ct"), ("ecdh_secp256r1_ecpoint_test.json", "shared"),
        ("ecdsa_secp256r1_sha256_p1363_test.json", "msg"), ("hmac_sha1_test.json", "tag"),
        ("hmac_sha256_test.json", "tag"), ("x25519_test.json", "shared"),
    ]

    @Test("A corrupted copy is caught: the altered case fails, by its tcId", arguments: corruptions.map { "\($0.file) \($0.field)" })
    func corruptedCopy(_ spec: String) throws {
        let parts = spec.split(separator: " ").map(String.init)
        let (name, field) = (parts[0], parts[1])
        guard let url = TestEnvironment.wycheproofFile(name) else { return }
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var groups = try #require(json["testGroups"] as? [[String: Any]])
        // Alter the last byte of `field` in the first valid case whose field is not empty. The copy
        // keeps that case's group only, cut to its first 20 cases plus the altered one, so the run
        // stays short in a debug build.
        var alteredID: Int?
        search: for g in groups.indices {
            var tests = try #require(groups[g]["tests"] as? [[String: Any]])
            for t in tests.indices where tests[t]["result"] as? String == "valid" {
                guard let hex = tests[t][field] as? String, var bytes = Hex.decode(hex), !bytes.isEmpty else { continue }
                bytes[bytes.count - 1] ^= 0x01
                tests[t][field] = Hex.encode(bytes)
                alteredID = try #require(tests[t]["tcId"] as? Int)
                groups[g]["tests"] = Array(tests.prefix(20)) + (t >= 20 ? [tests[t]] : [])
                groups = [groups[g]]
                break search
            }
        }
        let tcId = try #require(alteredID)
        json["testGroups"] = groups
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let copy = try fixtures.write(name, String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
        let report = try VectorSuite.run(file: copy)
        let cases = try #require(groups.first?["tests"] as? [[String: Any]]).count
        #expect(report.failed == 1 && report.passed == cases - 1, "\(report.lines.joined(separator: "\n"))")
        #expect(report.failures.first?.caseID == "tcId \(tcId)")
        #expect(report.failures.first?.reason.contains("valid case") == true, "\(report.failures)")
    }
}
