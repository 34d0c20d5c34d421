/// What `brook vectors FILE...` prints and returns, computed without printing so tests can check the
/// exact lines. The command prints `standardOutput` then exits with `exitStatus`; each
/// `standardError` line is printed to stderr as it arises.
public struct VectorRun: Sendable {
    /// Per file: `VectorFileReport.lines`; then, for more than one file,
    /// `total: N passed, N failed, N skipped`.
    public var standardOutput: [String] = []
    /// One line per file that could not be run: `error: <file name>: <reason>`.
    public var standardError: [String] = []
    /// 1 when a case failed or a file could not be run, else 0.
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
            } catch {
                standardError.append("error: \(error)")
                exitStatus = 1
            }
        }
        if files.count > 1 {
            standardOutput.append("total: \(passed) passed, \(failed) failed, \(skipped) skipped")
        }
    }
}
