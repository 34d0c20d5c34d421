import Foundation
import Testing

/// Where the `brook` executable is and which references this machine can build.
enum BenchEnvironment {
    /// True under CI (`CI=true`): a missing reference library is then a failure, never a skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The `brook` executable SwiftPM built beside this test bundle (the test target depends on it).
    static var brook: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("brook")
    }

    /// The headers each C reference compiles against (Debian's libssl-dev, libbearssl-dev and libsrtp2-dev).
    static let referenceHeaders = [
        "openssl": "/usr/include/openssl/evp.h", "bearssl": "/usr/include/bearssl.h",
        "libsrtp2": "/usr/include/srtp2/srtp.h",
    ]

    /// The references whose library is installed. Under CI a missing one records a failure; outside CI
    /// the test leaves it out and says so.
    static func availableReferences(_ wanted: [String], sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        wanted.filter { reference in
            if FileManager.default.fileExists(atPath: referenceHeaders[reference] ?? "") { return true }
            if isCI {
                Issue.record("the \(reference) reference library is missing under CI=true; scripts/test installs it", sourceLocation: sourceLocation)
            } else {
                print("note: leaving out --compare \(reference): its library is not installed (run scripts/test)")
            }
            return false
        }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `brook arguments` to completion, with `environment` over this process's.
    static func runBrook(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = brook
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        drained.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                   stderr: String(decoding: errorData, as: UTF8.self))
    }
}
