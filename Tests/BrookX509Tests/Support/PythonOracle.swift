import Foundation
import Testing
import BrookTestSupport

/// Runs a script of Tests/Oracles/ under Python with `cryptography`: all requests go in one
/// process as JSON lines, one JSON response comes back per request.
enum PythonOracle {
    /// `$BROOK_PYTHON`, else `python3` on PATH.
    static var python: String { ProcessInfo.processInfo.environment["BROOK_PYTHON"] ?? "python3" }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The responses to `requests`, or nil when Python with `cryptography` is not available —
    /// which is a recorded failure under CI=true and a printed note otherwise.
    static func run(_ script: String, _ requests: [[String: Any]],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]]? {
        let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Oracles/\(script)").standardized.path
        let probe = try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: [python, "-c", "import cryptography"])
        probe?.waitUntilExit()
        guard let probe, probe.terminationStatus == 0 else {
            if isCI {
                Issue.record("\(python) with the cryptography package is missing under CI=true", sourceLocation: sourceLocation)
            } else {
                print("note: skipping a differential check: \(python) cannot import cryptography (set BROOK_PYTHON)")
            }
            return nil
        }
        var input = Data()
        for request in requests {
            input.append(try JSONSerialization.data(withJSONObject: request))
            input.append(0x0A)
        }
        let inputFile = NSTemporaryDirectory() + "brook-x509-oracle-" + UUID().uuidString
        try input.write(to: URL(fileURLWithPath: inputFile))
        defer { try? FileManager.default.removeItem(atPath: inputFile) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, scriptPath]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputFile))
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OpenSSL.Failure(description: "\(script) exited \(process.terminationStatus)")
        }
        return try data.split(separator: 0x0A).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
        }
    }
}
