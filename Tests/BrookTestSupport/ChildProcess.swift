import Foundation

/// A long-running child process (an `openssl s_server`/`s_client` peer, say) started through
/// `/usr/bin/env`: its stdin stays open for what a test writes, its stdout and stderr are collected
/// together as they arrive, and it is killed when released, on every path.
public final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let outputPipe = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
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

    /// Everything it printed so far (stdout and stderr).
    public var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// Writes `text` to its stdin.
    public func write(_ text: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Waits until the output contains `text`; returns the output, or nil after `seconds`.
    public func waitForOutput(containing text: String, seconds: Double) -> String? {
        let end = Date().addingTimeInterval(seconds)
        repeat {
            let current = output
            if current.contains(text) { return current }
            Thread.sleep(forTimeInterval: 0.01)
        } while Date() < end
        return nil
    }

    public func terminate() {
        if process.isRunning {
            // SIGKILL: the test runner's blocked SIGTERM is inherited by children, so they would ignore it.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        outputPipe.fileHandleForReading.readabilityHandler = nil
    }

    /// Whether `arguments` (through `/usr/bin/env`) run and exit 0, their output discarded:
    /// `["openssl", "version"]` asks whether OpenSSL's command is installed.
    public static func succeeds(_ arguments: [String]) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = arguments
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    /// Whether the `openssl` command runs here.
    public static let opensslAvailable = succeeds(["openssl", "version"])
}
