import Foundation
import Testing

/// Where the test data lives and which external tools the tests may use.
public enum TestEnvironment {
    /// The package root (this file is Tests/BrookTestSupport/TestEnvironment.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Oracles/`: the Python scripts that speak for the independent implementations.
    public static let oraclesDirectory = packageRoot.appendingPathComponent("Tests/Oracles")

    /// The path of the oracle script `name` in `Tests/Oracles/`.
    public static func oracleScript(_ name: String) -> String {
        oraclesDirectory.appendingPathComponent(name).path
    }

    /// `Vectors/`: the RFC and NIST vectors transcribed into this repository.
    public static let vectorsDirectory = packageRoot.appendingPathComponent("Vectors")

    /// True under CI (`CI=true`): a missing peer or vector set is then a failure, never a skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Project Wycheproof files: `$WYCHEPROOF_DIR`, else `../shared/vectors/wycheproof` beside the checkout.
    public static var wycheproofDirectory: URL? {
        if let dir = ProcessInfo.processInfo.environment["WYCHEPROOF_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vectors/wycheproof")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }

    /// The installed PyPI package `cryptography-vectors` (NIST CAVP files): `$CRYPTOGRAPHY_VECTORS_DIR`,
    /// which `scripts/test` sets after installing the package.
    public static var cryptographyVectorsDirectory: URL? {
        guard let dir = ProcessInfo.processInfo.environment["CRYPTOGRAPHY_VECTORS_DIR"], !dir.isEmpty else { return nil }
        return URL(fileURLWithPath: dir)
    }

    /// The Python interpreter that has `cryptography` installed: `$BROOK_PYTHON`, else `python3`.
    public static var python: String { ProcessInfo.processInfo.environment["BROOK_PYTHON"] ?? "python3" }

    /// Resolves a needed external resource. Under CI a missing one records a failure; outside CI
    /// the caller skips the check and says why.
    public static func require<T>(_ value: T?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> T? {
        if let value { return value }
        if isCI {
            Issue.record("\(what) is missing under CI=true; scripts/test installs it", sourceLocation: sourceLocation)
        } else {
            print("note: skipping a check: \(what) is not available (run scripts/test to install it)")
        }
        return nil
    }

    /// True when `python` can import `module` (no failure recorded either way).
    public static func pythonHas(_ module: String) -> Bool {
        (try? ExternalProcess.run(python, ["-c", "import \(module)"])) != nil
    }

    /// True when `python` imports `module`. Under CI a missing module records a failure; outside
    /// CI the caller skips the check, and this says why.
    public static func requirePythonModule(_ module: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if (try? ExternalProcess.run(python, ["-c", "import \(module)"])) != nil { return true }
        _ = require(nil as Bool?, "Python module \(module) for \(python)", sourceLocation: sourceLocation)
        return false
    }

    /// A Wycheproof file by name, or nil (with a CI failure) when the directory is missing.
    public static func wycheproofFile(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        guard let dir = require(wycheproofDirectory, "the Wycheproof vectors ($WYCHEPROOF_DIR)", sourceLocation: sourceLocation) else { return nil }
        return dir.appendingPathComponent(name)
    }

    /// A file of the `cryptography-vectors` package by relative path.
    public static func cavpFile(_ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        guard let dir = require(cryptographyVectorsDirectory, "the cryptography-vectors package ($CRYPTOGRAPHY_VECTORS_DIR)", sourceLocation: sourceLocation) else { return nil }
        return dir.appendingPathComponent(relativePath)
    }

    /// A file under `Vectors/`.
    public static func vectorFile(_ relativePath: String) -> URL {
        vectorsDirectory.appendingPathComponent(relativePath)
    }
}
