import Foundation
import Testing
@testable import BrookVectors
import BrookTestSupport

/// The CAVP runner on the NIST files of the `cryptography-vectors` package, with BrookCrypto behind it.
@Suite("NIST CAVP files against BrookCrypto")
struct CAVPFilesTests {
    /// All six GCM files in an optimized build (as `scripts/test` and CI run); a debug build, where
    /// AES is some 50x slower, samples one encrypt and one decrypt file (#if DEBUG only picks the files).
    static var gcmFiles: [String] {
        #if DEBUG
        ["ciphers/AES/GCM/gcmEncryptExtIV256.rsp", "ciphers/AES/GCM/gcmDecrypt128.rsp"]
        #else
        [
            "ciphers/AES/GCM/gcmEncryptExtIV128.rsp", "ciphers/AES/GCM/gcmEncryptExtIV192.rsp",
            "ciphers/AES/GCM/gcmEncryptExtIV256.rsp", "ciphers/AES/GCM/gcmDecrypt128.rsp",
            "ciphers/AES/GCM/gcmDecrypt192.rsp", "ciphers/AES/GCM/gcmDecrypt256.rsp",
        ]
        #endif
    }

    @Test("GCM encrypt and decrypt files: every entry runs and passes", arguments: gcmFiles)
    func gcm(_ path: String) throws {
        guard let url = TestEnvironment.cavpFile(path) else { return }
        let report = try VectorSuite.run(file: url.path)
        #expect(report.passed == 7875 && report.failed == 0 && report.skipped == 0, "\(report.lines.joined(separator: "\n"))")
    }

    /// [P-256,SHA-256] has 15 entries in each of these files; every other section is skipped.
    static let ecdsaFiles = [
        "asymmetric/ECDSA/FIPS_186-3/SigVer.rsp", "asymmetric/ECDSA/FIPS_186-3/SigGen.rsp",
        "asymmetric/ECDSA/FIPS_186-3/SigGen.txt",
    ]

    @Test("ECDSA SigVer and SigGen: the 15 [P-256,SHA-256] entries pass, the rest are skipped", arguments: ecdsaFiles)
    func ecdsa(_ path: String) throws {
        guard let url = TestEnvironment.cavpFile(path) else { return }
        let report = try VectorSuite.run(file: url.path)
        #expect(report.passed == 15 && report.failed == 0, "\(report.lines.joined(separator: "\n"))")
        #expect(report.skipReasons.map(\.reason).sorted() == [
            "ECDSA P-256 with hashes other than SHA-256 is not implemented",
            "ECDSA on curves other than P-256 is not implemented",
        ])
    }

    @Test("A corrupted SigVer copy is caught: a P entry turned F fails, named by section and line")
    func corruptedSigVer() throws {
        guard let url = TestEnvironment.cavpFile("asymmetric/ECDSA/FIPS_186-3/SigVer.rsp") else { return }
        let lines = String(decoding: try Data(contentsOf: url), as: UTF8.self).components(separatedBy: "\r\n")
        let section = try #require(lines.firstIndex(of: "[P-256,SHA-256]"))
        let pass = try #require(lines[section...].firstIndex { $0.hasPrefix("Result = P") })
        var altered = lines
        altered[pass] = "Result = F (corrupted by the test)"
        // The record starts at its Msg line (1-based line numbers).
        let recordStart = try #require(lines[..<pass].lastIndex { $0.hasPrefix("Msg = ") }) + 1
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let copy = try fixtures.write("SigVer.rsp", altered.joined(separator: "\r\n"))
        let report = try VectorSuite.run(file: copy)
        #expect(report.failures == [.init(caseID: "[P-256,SHA-256] (line \(recordStart))", reason: "accepted an invalid case")])
    }
}
