import Foundation
import Testing
@testable import BrookVectors

/// The exact output lines and exit status of `brook vectors` (the command prints `VectorRun`'s lines
/// and exits with its status).
@Suite("brook vectors output")
struct VectorRunTests {
    @Test("Summary, failure, skip and total lines; errors on stderr; exit status 1 on any failure")
    func outputLines() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let good = try fixtures.writeWycheproof("good.json", algorithm: "HMACSHA256", groups: [
            ["type": "MacTest", "keySize": 8, "tagSize": 16, "tests": [
                wycheproofTest(1, "valid", ["key": "00", "msg": "00", "tag": "0202"]),
                wycheproofTest(2, "invalid", flags: ["ModifiedTag"], ["key": "00", "msg": "00", "tag": "0203"]),
            ]],
        ])
        let bad = try fixtures.writeWycheproof("bad.json", algorithm: "HMACSHA256", groups: [
            ["type": "MacTest", "keySize": 8, "tagSize": 16, "tests": [
                wycheproofTest(7, "valid", ["key": "00", "msg": "00", "tag": "0203"]),
            ]],
        ])
        let unsupported = try fixtures.writeWycheproof("rsa.json", algorithm: "RSA", groups: [
            ["type": "RsaesPkcs1Decrypt", "tests": []],
        ])
        let missing = fixtures.directory.appendingPathComponent("gone.rsp").path

        let passing = VectorRun(files: [good], backend: FakeBackend.backend)
        #expect(passing.standardOutput == ["good.json: 2 passed, 0 failed, 0 skipped"])
        #expect(passing.standardError.isEmpty)
        #expect(passing.exitStatus == 0)

        let mixed = VectorRun(files: [good, bad, unsupported, missing], backend: FakeBackend.backend)
        #expect(mixed.standardOutput == [
            "good.json: 2 passed, 0 failed, 0 skipped",
            "bad.json: 0 passed, 1 failed, 0 skipped",
            "  failed tcId 7: rejected a valid case: tag differs from the computed 0202",
            "total: 2 passed, 1 failed, 0 skipped",
        ])
        #expect(mixed.standardError == [
            "error: rsa.json: unsupported: Wycheproof test type \"RsaesPkcs1Decrypt\" (schema test_schema.json) is not supported",
            "error: gone.rsp: cannot read: no such file",
        ])
        #expect(mixed.exitStatus == 1)

        // A file that cannot be run fails the command even when every case elsewhere passed.
        #expect(VectorRun(files: [good, missing], backend: FakeBackend.backend).exitStatus == 1)
        #expect(VectorRun(files: [bad], backend: FakeBackend.backend).exitStatus == 1)
    }
}
