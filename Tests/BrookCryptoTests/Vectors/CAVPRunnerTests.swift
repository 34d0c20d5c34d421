import Foundation
import Testing
@testable import BrookVectors

/// The CAVP runner's record handling and scoring, against the scripted `FakeBackend`.
@Suite("CAVP runner (scripted backend)")
struct CAVPRunnerTests {
    @Test("GCM records: PT entries must seal and open, FAIL entries must not open; CRLF lines are read")
    func gcmRecords() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let text = """
            # CAVS 14.0
            [Keylen = 8]
            [IVlen = 8]
            [Taglen = 32]

            Count = 0
            Key = 07
            IV = 01
            PT = 0102
            AAD = 
            CT = 0605
            Tag = 07070707

            Count = 1
            Key = 07
            IV = 01
            CT = 0605
            AAD = 
            Tag = 00000000
            FAIL

            Count = 2
            Key = 07
            IV = 01
            CT = 0605
            AAD = 
            Tag = 07070707
            FAIL

            Count = 3
            Key = 07
            IV = 01
            CT = 0605
            AAD = 
            Tag = 07070707
            PT = 0103

            """
        let path = try fixtures.write("gcmDecryptFake.rsp", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let report = try VectorSuite.run(file: path, backend: FakeBackend.backend)
        #expect(report.lines == [
            "gcmDecryptFake.rsp: 2 passed, 2 failed, 0 skipped",
            "  failed Count 2 [Keylen = 8][IVlen = 8][Taglen = 32] (line 22): accepted an invalid case",
            "  failed Count 3 [Keylen = 8][IVlen = 8][Taglen = 32] (line 30): wrong output on a valid case: seal gave ct‖tag 060407070707, expected 060507070707",
        ])
    }

    @Test("ECDSA records: P/F results, SigGen entries must verify, other curves and hashes skipped")
    func ecdsaRecords() throws {
        let fixtures = try VectorFixtures()
        defer { fixtures.remove() }
        let sigVer = try fixtures.write("SigVer.rsp", """
            [P-256,SHA-256]

            Msg = 05
            Qx = 01
            Qy = 02
            R = 05
            S = 01
            Result = P

            Msg = 05
            Qx = 01
            Qy = 02
            R = 06
            S = 01
            Result = F (3 - S changed)

            Msg = 05
            Qx = 01
            Qy = 02
            R = 06
            S = 01
            Result = P

            [P-256,SHA-512]

            Msg = 05
            Qx = 01
            Qy = 02
            R = 05
            S = 01
            Result = P

            [P-384,SHA-384]

            Msg = 05
            Qx = 01
            Qy = 02
            R = 05
            S = 01
            Result = P

            """)
        #expect(try VectorSuite.run(file: sigVer, backend: FakeBackend.backend).lines == [
            "SigVer.rsp: 2 passed, 1 failed, 2 skipped",
            "  failed [P-256,SHA-256] (line 17): rejected a valid case: signature does not verify",
            "  skipped 1: ECDSA P-256 with hashes other than SHA-256 is not implemented",
            "  skipped 1: ECDSA on curves other than P-256 is not implemented",
        ])
        // FIPS 186-2 files have [P-256] sections, which mean SHA-1.
        let sigGen = try fixtures.write("SigGen.rsp", """
            [P-256]

            Msg = 05
            Qx = 01
            Qy = 02
            R = 05
            S = 01

            """)
        #expect(try VectorSuite.run(file: sigGen, backend: FakeBackend.backend).lines == [
            "SigGen.rsp: 0 passed, 0 failed, 1 skipped",
            "  skipped 1: ECDSA P-256 with hashes other than SHA-256 is not implemented",
        ])
        // Without a Result field every signature must verify; a 33-byte R is a malformed record.
        let sigGen3 = try fixtures.write("SigGen.txt", """
            [P-256,SHA-256]

            Msg = 05
            d = 09
            Qx = 01
            Qy = 02
            k = 0a
            R = 06
            S = 01

            Msg = 05
            Qx = 01
            Qy = 02
            R = 010000000000000000000000000000000000000000000000000000000000000005
            S = 01

            """)
        #expect(try VectorSuite.run(file: sigGen3, backend: FakeBackend.backend).lines == [
            "SigGen.txt: 0 passed, 2 failed, 0 skipped",
            "  failed [P-256,SHA-256] (line 3): rejected a valid case: signature does not verify",
            "  failed [P-256,SHA-256] (line 11): malformed record: R is longer than 32 bytes",
        ])
    }
}
