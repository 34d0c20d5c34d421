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

    /// Issue 2: "exits non-zero if … the file is of an unsupported kind". A file of a supported group
    /// type whose algorithm, curve or hash is not (AES-CCM in an AeadTest, P-384 ECDSA) checks nothing:
    /// its report lines are printed as before, then an error line, and the status is 1.
    @Test("A file in which no case could be run: report lines kept, one error line, exit status 1")
    func nothingRunIsAnError() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let ccm = try fixtures.writeWycheproof("aes_ccm_test.json", algorithm: "AES-CCM", groups: [
            ["type": "AeadTest", "ivSize": 96, "keySize": 128, "tagSize": 128, "tests": [
                wycheproofTest(1, "valid", ["key": "00", "iv": "00", "aad": "", "msg": "", "ct": "", "tag": "00"]),
                wycheproofTest(2, "invalid", ["key": "00", "iv": "00", "aad": "", "msg": "", "ct": "", "tag": "01"]),
            ]],
        ])
        let p384 = try fixtures.writeWycheproof("ecdsa_secp384r1_sha384_test.json", algorithm: "ECDSA", groups: [
            ["type": "EcdsaVerify", "sha": "SHA-384", "publicKey": ["curve": "secp384r1", "uncompressed": "04"], "tests": [
                wycheproofTest(1, "valid", ["msg": "", "sig": "3000"]),
            ]],
            ["type": "EcdsaVerify", "sha": "SHA-512", "publicKey": ["curve": "secp384r1", "uncompressed": "04"], "tests": [
                wycheproofTest(2, "valid", ["msg": "", "sig": "3000"]),
            ]],
        ])
        let empty = try fixtures.writeWycheproof("empty.json", algorithm: "HMACSHA256", groups: [
            ["type": "MacTest", "keySize": 8, "tagSize": 16, "tests": []],
        ])
        let good = try fixtures.writeWycheproof("good.json", algorithm: "HMACSHA256", groups: [
            ["type": "MacTest", "keySize": 8, "tagSize": 16, "tests": [
                wycheproofTest(1, "valid", ["key": "00", "msg": "00", "tag": "0202"]),
            ]],
        ])
        // Half skipped, half run: a partly supported file is not an error.
        let partly = try fixtures.writeWycheproof("partly.json", algorithm: "AEAD", groups: [
            ["type": "AeadTest", "algorithm": "AES-CCM", "tagSize": 16, "tests": [
                wycheproofTest(1, "valid", ["key": "00", "iv": "00", "aad": "", "msg": "", "ct": "", "tag": "00"]),
            ]],
            ["type": "AeadTest", "algorithm": "AES-GCM", "tagSize": 16, "tests": [
                wycheproofTest(2, "valid", ["key": "01", "iv": "00", "aad": "", "msg": "00", "ct": "01", "tag": "0101"]),
            ]],
        ])

        let run = VectorRun(files: [ccm], backend: FakeBackend.backend)
        #expect(run.standardOutput == [
            "aes_ccm_test.json: 0 passed, 0 failed, 2 skipped",
            "  skipped 2: AES-CCM is not implemented",
        ])
        #expect(run.standardError == ["error: aes_ccm_test.json: unsupported: no case could be run: every case was skipped (AES-CCM is not implemented)"])
        #expect(run.exitStatus == 1)

        let curves = VectorRun(files: [p384], backend: FakeBackend.backend)
        #expect(curves.standardOutput.first == "ecdsa_secp384r1_sha384_test.json: 0 passed, 0 failed, 2 skipped")
        #expect(curves.standardError.count == 1 && curves.standardError[0].hasPrefix(
            "error: ecdsa_secp384r1_sha384_test.json: unsupported: no case could be run: every case was skipped (ECDSA on secp384r1 with SHA-384 is not implemented"))
        #expect(curves.exitStatus == 1)

        let nothing = VectorRun(files: [empty], backend: FakeBackend.backend)
        #expect(nothing.standardOutput == ["empty.json: 0 passed, 0 failed, 0 skipped"])
        #expect(nothing.standardError == ["error: empty.json: unsupported: no case could be run: the file holds no test case"])
        #expect(nothing.exitStatus == 1)

        let partial = VectorRun(files: [partly], backend: FakeBackend.backend)
        #expect(partial.standardOutput == ["partly.json: 1 passed, 0 failed, 1 skipped", "  skipped 1: AES-CCM is not implemented"])
        #expect(partial.standardError.isEmpty && partial.exitStatus == 0)

        // Beside a good file: the good file's lines, the total, one error, and status 1.
        let mixed = VectorRun(files: [good, ccm], backend: FakeBackend.backend)
        #expect(mixed.standardOutput == [
            "good.json: 1 passed, 0 failed, 0 skipped",
            "aes_ccm_test.json: 0 passed, 0 failed, 2 skipped",
            "  skipped 2: AES-CCM is not implemented",
            "total: 1 passed, 0 failed, 2 skipped",
        ])
        #expect(mixed.standardError.count == 1 && mixed.exitStatus == 1)
    }
}
