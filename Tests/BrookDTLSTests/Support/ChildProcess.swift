import BrookTestSupport
import Foundation
import Testing

/// A child process (an `openssl s_server`/`s_client` peer) whose stdin stays open and whose stdout
/// and stderr are collected as they arrive. Terminated when released, on every path.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let outputPipe = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardInput = input
        process.standardOutput = outputPipe
        process.standardError = outputPipe
        outputPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    deinit { terminate() }

    var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    func write(_ text: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Waits until the output contains `text`; returns the output, or nil after `seconds`.
    func waitForOutput(containing text: String, seconds: Double) -> String? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let current = output
            if current.contains(text) { return current }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    func terminate() {
        if process.isRunning {
            // SIGKILL: the test runner's blocked SIGTERM is inherited by children, so they would ignore it.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        outputPipe.fileHandleForReading.readabilityHandler = nil
    }

    /// Whether `openssl` can be run; under CI=true its absence is a recorded failure, never a skip.
    static let opensslAvailable: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["openssl", "version"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    static func requireOpenSSL(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if opensslAvailable { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("openssl is missing under CI=true; scripts/test installs it", sourceLocation: sourceLocation)
        } else {
            print("note: skipping OpenSSL interop: openssl is not installed (scripts/test installs it)")
        }
        return false
    }
}

/// A fresh directory removed when released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "brook-dtls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
