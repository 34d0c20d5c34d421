import Foundation
import Testing
@testable import BrookVectors

/// The Wycheproof runner's parsing, dispatch and scoring, against the scripted `FakeBackend`.
@Suite("Wycheproof runner (scripted backend)")
struct WycheproofRunnerTests {
    /// key 07, nonce 01, msg 0102 → ct 0605, tag 07×4 under the fake AEAD.
    static func aeadFields(ct: String = "0605", tag: String = "07070707", iv: String = "01") -> [String: String] {
        ["key": "07", "iv": iv, "aad": "", "msg": "0102", "ct": ct, "tag": tag]
    }

    static var aeadGroups: [[String: Any]] { [
        [
            "type": "AeadTest", "ivSize": 8, "keySize": 8, "tagSize": 32,
            "tests": [
                wycheproofTest(1, "valid", aeadFields()),
                wycheproofTest(2, "valid", aeadFields(ct: "0606")),
                wycheproofTest(3, "invalid", flags: ["ModifiedTag"], aeadFields(tag: "00000000")),
                wycheproofTest(4, "invalid", flags: ["ModifiedTag"], aeadFields()),
                wycheproofTest(5, "acceptable", flags: ["Odd"], aeadFields()),
                wycheproofTest(6, "acceptable", flags: ["Odd"], aeadFields(iv: "")),
                wycheproofTest(7, "acceptable", flags: ["Odd"], aeadFields(ct: "0000")),
                wycheproofTest(8, "invalid", flags: ["ZeroLengthIv"], aeadFields(iv: "")),
                wycheproofTest(9, "valid", ["key": "07", "iv": "01", "aad": "", "msg": "0102", "ct": "0605"]),
                // A correct but truncated tag: refused because the group's tagSize is 32 bits.
                wycheproofTest(12, "invalid", flags: ["TruncatedTag"], aeadFields(tag: "0707")),
            ],
        ],
        [
            "type": "AeadTest", "algorithm": "XCHACHA20-POLY1305",
            "tests": [wycheproofTest(10, "valid", aeadFields()), wycheproofTest(11, "valid", aeadFields())],
        ],
    ] }

    @Test("AEAD cases are scored by result, with per-flag tallies of acceptable cases")
    func aeadScoring() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.writeWycheproof("aead.json", algorithm: "AES-GCM", groups: Self.aeadGroups)
        let report = try VectorSuite.run(file: path, backend: FakeBackend.backend)
        #expect(report.lines == [
            "aead.json: 6 passed, 4 failed, 2 skipped",
            "  failed tcId 2: wrong output on a valid case: seal gave ct‖tag 060507070707, expected 060607070707",
            "  failed tcId 4: accepted an invalid case",
            "  failed tcId 7: accepted an acceptable case with a wrong output: seal gave ct‖tag 060507070707, expected 000007070707",
            "  failed tcId 9: malformed test: missing field tag",
            "  skipped 2: XCHACHA20-POLY1305 is not implemented",
            "  acceptable Odd: 1 accepted, 1 rejected",
        ])
        #expect(report.failures.map(\.caseID) == ["tcId 2", "tcId 4", "tcId 7", "tcId 9"])
    }

    @Test("An algorithm missing from the backend is skipped as not built, never passed")
    func notBuiltIsSkipped() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let path = try fixtures.writeWycheproof("aead.json", algorithm: "AES-GCM", groups: [Self.aeadGroups[0]])
        let report = try VectorSuite.run(file: path, backend: CryptoBackend())
        #expect(report.lines == ["aead.json: 0 passed, 0 failed, 10 skipped", "  skipped 10: AES-GCM is not built into BrookCrypto"])
    }

    @Test("ECDH (both encodings), ECDSA (both encodings), XDH and MAC groups reach their checks")
    func otherKinds() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let ecdh = try fixtures.writeWycheproof("ecdh.json", algorithm: "ECDH", groups: [
            ["type": "EcdhEcpointTest", "curve": "secp256r1", "encoding": "ecpoint", "tests": [
                // A BigInt private key with a leading 00 is reduced to 32 bytes before use.
                wycheproofTest(1, "valid", ["public": String(repeating: "01", count: 32), "private": "00" + String(repeating: "03", count: 32), "shared": String(repeating: "02", count: 32)]),
                wycheproofTest(2, "invalid", ["public": "ff" + String(repeating: "01", count: 31), "private": "03", "shared": ""]),
                wycheproofTest(3, "acceptable", flags: ["CompressedPoint"], ["public": "0201", "private": "03", "shared": "0201"]),
                wycheproofTest(4, "valid", ["public": "01", "private": "01" + String(repeating: "00", count: 32), "shared": "00"]),
            ]],
            ["type": "EcdhTest", "curve": "secp256r1", "encoding": "asn", "tests": [
                wycheproofTest(5, "valid", ["public": "0102", "private": "0300", "shared": "0102"]),
            ]],
            ["type": "EcdhEcpointTest", "curve": "secp384r1", "encoding": "ecpoint", "tests": [
                wycheproofTest(6, "valid", ["public": "01", "private": "01", "shared": "00"]),
            ]],
        ])
        let report = try VectorSuite.run(file: ecdh, backend: FakeBackend.backend)
        #expect(report.lines == [
            "ecdh.json: 4 passed, 1 failed, 1 skipped",
            "  failed tcId 4: rejected a valid case: private key longer than 32 bytes",
            "  skipped 1: ECDH on secp384r1 is not implemented (P-256 only)",
            "  acceptable CompressedPoint: 1 accepted, 0 rejected",
        ])

        let key: [String: Any] = ["curve": "secp256r1", "uncompressed": "04aabb"]
        let ecdsa = try fixtures.writeWycheproof("ecdsa.json", algorithm: "ECDSA", groups: [
            ["type": "EcdsaVerify", "publicKey": key, "sha": "SHA-256", "tests": [
                wycheproofTest(1, "valid", ["msg": "05", "sig": "0501"]),
                wycheproofTest(2, "invalid", ["msg": "05", "sig": "0601"]),
                wycheproofTest(3, "invalid", ["msg": "05", "sig": ""]),
            ]],
            ["type": "EcdsaP1363Verify", "publicKey": key, "sha": "SHA-256", "tests": [
                wycheproofTest(4, "valid", ["msg": "05", "sig": "0601"]),
            ]],
            ["type": "EcdsaP1363Verify", "publicKey": key, "sha": "SHA-512", "tests": [
                wycheproofTest(5, "valid", ["msg": "05", "sig": "0501"]),
            ]],
        ])
        #expect(try VectorSuite.run(file: ecdsa, backend: FakeBackend.backend).lines == [
            "ecdsa.json: 3 passed, 1 failed, 1 skipped",
            "  failed tcId 4: rejected a valid case: signature does not verify",
            "  skipped 1: ECDSA on secp256r1 with SHA-512 is not implemented (P-256 with SHA-256 only)",
        ])

        let xdh = try fixtures.writeWycheproof("xdh.json", algorithm: "XDH", groups: [
            ["type": "XdhComp", "curve": "curve25519", "tests": [
                wycheproofTest(1, "valid", ["public": "01", "private": "03", "shared": "02"]),
                wycheproofTest(2, "acceptable", flags: ["LowOrderPublic", "ZeroSharedSecret"], ["public": "ff", "private": "03", "shared": "00"]),
            ]],
            ["type": "XdhComp", "curve": "curve448", "tests": [wycheproofTest(3, "valid", ["public": "01", "private": "03", "shared": "02"])]],
        ])
        #expect(try VectorSuite.run(file: xdh, backend: FakeBackend.backend).lines == [
            "xdh.json: 2 passed, 0 failed, 1 skipped",
            "  skipped 1: XDH on curve448 is not implemented (X25519 only)",
            "  acceptable LowOrderPublic: 0 accepted, 1 rejected",
            "  acceptable ZeroSharedSecret: 0 accepted, 1 rejected",
        ])

        // Fake MAC: 32 bytes of (key length + message length); tags are the leftmost tagSize bits.
        let mac = try fixtures.writeWycheproof("mac.json", algorithm: "HMACSHA256", groups: [
            ["type": "MacTest", "keySize": 8, "tagSize": 32, "tests": [
                wycheproofTest(1, "valid", ["key": "00", "msg": "0000", "tag": "03030303"]),
                wycheproofTest(2, "invalid", ["key": "00", "msg": "0000", "tag": "03030302"]),
                wycheproofTest(3, "invalid", ["key": "00", "msg": "0000", "tag": "030303"]),
                wycheproofTest(4, "valid", ["key": "00", "msg": "00", "tag": "03030303"]),
            ]],
        ])
        #expect(try VectorSuite.run(file: mac, backend: FakeBackend.backend).lines == [
            "mac.json: 3 passed, 1 failed, 0 skipped",
            "  failed tcId 4: rejected a valid case: tag differs from the computed 02020202",
        ])
    }

    @Test("Unsupported kinds and broken files are errors naming the file")
    func fileErrors() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let rsa = try fixtures.writeWycheproof("rsa.json", algorithm: "RSAES-OAEP", groups: [
            ["type": "RsaesOaepDecrypt", "tests": [wycheproofTest(1, "valid", [:])]],
        ])
        #expect(throws: VectorSuiteError.unsupported(fileName: "rsa.json", reason: "Wycheproof test type \"RsaesOaepDecrypt\" (schema test_schema.json) is not supported")) {
            try VectorSuite.run(file: rsa, backend: FakeBackend.backend)
        }
        let broken = try fixtures.write("broken.json", "{ \"testGroups\": [")
        #expect(throws: VectorSuiteError.malformed(fileName: "broken.json", reason: "not valid JSON")) {
            try VectorSuite.run(file: broken, backend: FakeBackend.backend)
        }
        let notVectors = try fixtures.write("notes.txt", "hello\nworld\n")
        #expect(throws: VectorSuiteError.unsupported(fileName: "notes.txt", reason: "no AES-GCM (Key, IV, AAD, CT, Tag) or ECDSA (Msg, Qx, Qy, R, S) records found")) {
            try VectorSuite.run(file: notVectors, backend: FakeBackend.backend)
        }
        #expect(throws: VectorSuiteError.unreadable(fileName: "missing.json", reason: "no such file")) {
            try VectorSuite.run(file: fixtures.directory.appendingPathComponent("missing.json").path, backend: FakeBackend.backend)
        }
        #expect(throws: VectorSuiteError.unreadable(fileName: fixtures.directory.lastPathComponent, reason: "is a directory")) {
            try VectorSuite.run(file: fixtures.directory.path, backend: FakeBackend.backend)
        }
    }

    @Test("A BigInt is reduced to a fixed width, or refused when too long")
    func fixedWidthBigInts() {
        #expect(fixedWidth([0x00, 0x80, 0x01], count: 4) == [0x00, 0x00, 0x80, 0x01])
        #expect(fixedWidth([], count: 2) == [0x00, 0x00])
        #expect(fixedWidth([0x01, 0x02, 0x03], count: 2) == nil)
        #expect(fixedWidth([0x00, 0x00, 0x02, 0x03], count: 2) == [0x02, 0x03])
    }
}
