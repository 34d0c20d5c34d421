import Foundation
import Testing

/// Where the test data lives and which external tools the ICE tests may use.
enum TestEnvironment {
    /// The package root (this file is Tests/BrookICETests/Support/TestEnvironment.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// True under CI (`CI=true`): a missing peer is then a failure, never a skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The Python interpreter with `aioice` installed: `$BROOK_PYTHON`, else `python3`.
    static var python: String { ProcessInfo.processInfo.environment["BROOK_PYTHON"] ?? "python3" }

    /// A file under `Vectors/`.
    static func vectorFile(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Vectors").appendingPathComponent(name)
    }

    /// A script under `Tests/Oracles/`.
    static func oracle(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Oracles").appendingPathComponent(name).path
    }

    /// Resolves a needed external resource. Under CI a missing one records a failure; outside CI
    /// the caller skips the check and says why.
    static func require<T>(_ value: T?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> T? {
        if let value { return value }
        if isCI {
            Issue.record("\(what) is missing under CI=true; scripts/test installs it", sourceLocation: sourceLocation)
        } else {
            print("note: skipping a check: \(what) is not available (run scripts/test to install it)")
        }
        return nil
    }

    /// True when `python` can import `module`.
    static func pythonHas(_ module: String) -> Bool {
        (try? ExternalProcess.run(python, ["-c", "import \(module)"])) != nil
    }
}
