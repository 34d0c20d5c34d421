import Foundation
import Testing

/// Where the test data lives and which external tools the SRTP tests use.
enum TestEnvironment {
    /// The package root (this file is Tests/BrookSRTPTests/Support/TestEnvironment.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// True under CI (`CI=true`): a missing peer is then a failure, never a skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The Python interpreter with `pylibsrtp` installed: `$BROOK_PYTHON`, else `python3`.
    static var python: String { ProcessInfo.processInfo.environment["BROOK_PYTHON"] ?? "python3" }

    /// A file under `Vectors/`.
    static func vectorFile(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Vectors").appendingPathComponent(name)
    }

    /// A script under `Tests/Oracles/`.
    static func oracle(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Oracles").appendingPathComponent(name).path
    }

    /// True when `python` imports `module`. Under CI a missing module records a failure; outside
    /// CI the caller skips the check, and this says why.
    static func requirePythonModule(_ module: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if (try? ExternalProcess.run(python, ["-c", "import \(module)"])) != nil { return true }
        if isCI {
            Issue.record("Python module \(module) is missing under CI=true; scripts/test installs it", sourceLocation: sourceLocation)
        } else {
            print("note: skipping a check: Python module \(module) is not available to \(python) (run scripts/test to install it)")
        }
        return false
    }
}
