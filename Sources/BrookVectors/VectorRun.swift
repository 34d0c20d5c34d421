/// What `brook vectors FILE...` prints and returns, computed without printing so tests can check the
/// exact lines. The command prints `standardOutput` then exits with `exitStatus`; each
/// `standardError` line is printed to stderr as it arises.
public struct VectorRun: Sendable {
    /// Per file: `VectorFileReport.lines`; then, for more than one file,
    /// `total: N passed, N failed, N skipped`.
    public var standardOutput: [String] = []
    /// One line per file that could not be run: `error: <file name>: <reason>`. A file of a supported
    /// kind in which no case could be run (every case skipped: another AEAD, curve or hash) is one
    /// of these too, after its report lines.
    public var standardError: [String] = []
    /// 1 when a case failed or a file could not be run (including a file none of whose cases ran), else 0.
    public var exitStatus: Int32 = 0
    /// The report of every file that could be run, in argument order.
    public var reports: [VectorFileReport] = []

    /// Runs `files` in order, against BrookCrypto.
    public init(files: [String]) {
        self.init(files: files, backend: .brook)
    }

    init(files: [String], backend: CryptoBackend) {
        var passed = 0, failed = 0, skipped = 0
        for file in files {
            do {
                let report = try VectorSuite.run(file: file, backend: backend)
                reports.append(report)
                standardOutput += report.lines
                passed += report.passed
                failed += report.failed
                skipped += report.skipped
                if report.failed > 0 { exitStatus = 1 }
                if let error = Self.nothingRun(report) {
                    standardError.append("error: \(error)")
                    exitStatus = 1
                }
            } catch {
                standardError.append("error: \(error)")
                exitStatus = 1
            }
        }
        if files.count > 1 {
            standardOutput.append("total: \(passed) passed, \(failed) failed, \(skipped) skipped")
        }
    }

    /// The error of a file that was read but of which no case ran: its kind is supported, the
    /// algorithm, curve or hash of every group is not (Wycheproof `aes_ccm_test.json`,
    /// `ecdsa_secp384r1_sha384_test.json`; a CAVP file of other sections only), or it holds no case.
    /// Such a file checks nothing, so it is of an unsupported kind for the exit status.
    static func nothingRun(_ report: VectorFileReport) -> VectorSuiteError? {
        guard report.passed == 0, report.failed == 0 else { return nil }
        let reasons = report.skipReasons.map(\.reason).joined(separator: "; ")
        let why = report.skipped == 0 ? "the file holds no test case" : "every case was skipped (\(reasons))"
        return .unsupported(fileName: report.fileName, reason: "no case could be run: \(why)")
    }
}
