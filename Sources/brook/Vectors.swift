import ArgumentParser
import BrookVectors
import Foundation

/// `brook vectors FILE...`: runs Wycheproof JSON and NIST CAVP response files against BrookCrypto.
///
/// Output, one block per file (scripts depend on these lines; keep them stable):
///
///     <file name>: N passed, N failed, N skipped
///       failed <case>: <reason>                     (one per failed case)
///       skipped <N>: <reason>                       (one per skip reason)
///       acceptable <flag>: N accepted, N rejected   (Wycheproof acceptable cases, per flag)
///
/// then, when more than one file was given, `total: N passed, N failed, N skipped`. A file that cannot
/// be read or is of an unsupported kind gets one line on stderr (`error: <file name>: <reason>`); so
/// does, after its report lines, a file of a supported kind in which no case could be run (every
/// group of another algorithm, curve or hash, as `aes_ccm_test.json`). The exit status is 1 when a
/// case failed or a file could not be run, else 0.
struct Vectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Wycheproof (.json) and NIST CAVP (.rsp/.txt) test-vector files against BrookCrypto.",
        discussion: """
            Supported: Wycheproof AeadTest (AES-GCM, ChaCha20-Poly1305), EcdhEcpointTest and EcdhTest \
            (P-256), EcdsaVerify and EcdsaP1363Verify (P-256, SHA-256), XdhComp (X25519), MacTest \
            (HMAC-SHA1/256/384/512); CAVP gcmEncryptExtIV*/gcmDecrypt* and ECDSA SigVer/SigGen \
            ([P-256,SHA-256]). Other curves, hashes or algorithms inside a supported file are skipped \
            with a reason; a file of another kind, or one in which every case was skipped, is an error.
            """
    )

    @Argument(help: "Vector files to run.")
    var files: [String]

    func run() throws {
        let run = VectorRun(files: files)
        for line in run.standardError {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        for line in run.standardOutput { print(line) }
        if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
    }
}
