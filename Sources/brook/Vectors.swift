import ArgumentParser
import BrookVectors
import Foundation

/// `brook vectors FILE...`: runs Wycheproof JSON and NIST CAVP response files against BrookCrypto.
///
/// Output, one block per file (scripts depend on these lines; keep them stable):
///
///     <file name>: N passed, N failed, N skipped
///       failed <case>: <reason>                 (one per failed case)
///       skipped <N>: <reason>                   (one per skip reason)
///       acceptable <flag>: N accepted, N rejected   (Wycheproof acceptable cases, per flag)
///
/// then, when more than one file was given, `total: N passed, N failed, N skipped`. A file that cannot
/// be read or is of an unsupported kind gets one line on stderr. The exit status is 1 when a case
/// failed or a file could not be run, else 0.
struct Vectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Wycheproof (.json) and NIST CAVP (.rsp/.txt) test-vector files against BrookCrypto.",
        discussion: """
            Supported: Wycheproof AeadTest (AES-GCM, ChaCha20-Poly1305), EcdhEcpointTest and EcdhTest \
            (P-256), EcdsaVerify and EcdsaP1363Verify (P-256, SHA-256), XdhComp (X25519), MacTest \
            (HMAC-SHA1/256/384/512); CAVP gcmEncryptExtIV*/gcmDecrypt* and ECDSA SigVer/SigGen \
            ([P-256,SHA-256]). Other curves, hashes or algorithms inside a supported file are skipped \
            with a reason; a file of another kind is an error.
            """
    )

    @Argument(help: "Vector files to run.")
    var files: [String]

    func run() throws {
        var anyFailure = false
        var passed = 0, failed = 0, skipped = 0
        for file in files {
            do {
                let report = try VectorSuite.run(file: file)
                for line in report.lines { print(line) }
                passed += report.passed
                failed += report.failed
                skipped += report.skipped
                if report.failed > 0 { anyFailure = true }
            } catch {
                anyFailure = true
                printToStandardError("error: \(error)")
            }
        }
        if files.count > 1 {
            print("total: \(passed) passed, \(failed) failed, \(skipped) skipped")
        }
        if anyFailure { throw ExitCode(1) }
    }

    private func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
