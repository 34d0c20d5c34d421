import BrookTestSupport
import Foundation
import Glibc

/// A child process (`brook dtls …`, `openssl s_server`/`s_client`) with stdin kept open and stdout
/// and stderr collected separately as they arrive, by one reader thread each. Killed when released.
final class CommandProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var collected: [Data] = [Data(), Data()]
    private var closedStreams = 0
    let name: String

    /// Runs `executable` (a path, or a tool found on PATH) with `arguments`.
    init(_ executable: String, _ arguments: [String]) throws {
        name = URL(fileURLWithPath: executable).lastPathComponent
        process.executableURL = URL(fileURLWithPath: ExternalProcess.which(executable) ?? executable)
        process.arguments = arguments
        let pipes = [Pipe(), Pipe()]
        process.standardInput = input
        process.standardOutput = pipes[0]
        process.standardError = pipes[1]
        try process.run()
        for (index, pipe) in pipes.enumerated() {
            let handle = pipe.fileHandleForReading
            Thread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.withLock { collected[index].append(chunk) }
                }
                lock.withLock { closedStreams += 1 }
            }.start()
        }
    }

    deinit { kill() }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { lock.withLock { String(decoding: collected[0], as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: collected[1], as: UTF8.self) } }
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    func write(_ text: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Waits until stdout (or stderr) contains `text`; true if it did within `seconds`.
    @discardableResult
    func waitFor(_ text: String, inStderr: Bool = false, seconds: Double = 20) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if (inStderr ? stderr : stdout).contains(text) { return true }
            if !process.isRunning && lock.withLock({ closedStreams }) == 2 { return (inStderr ? stderr : stdout).contains(text) }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// The stderr line starting with `prefix`, waiting up to `seconds` for it.
    func stderrLine(startingWith prefix: String, seconds: Double = 20) -> String? {
        let end = Date().addingTimeInterval(seconds)
        while true {
            if let line = stderrLines.first(where: { $0.hasPrefix(prefix) }) { return line }
            if Date() >= end || (!process.isRunning && lock.withLock({ closedStreams }) == 2) { return nil }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// The exit status once the process has exited and its output is read; nil (and killed) after `seconds`.
    func waitForExit(seconds: Double = 30) -> Int32? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if !process.isRunning && lock.withLock({ closedStreams }) == 2 { return process.terminationStatus }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill()
        return nil
    }

    /// SIGKILL: the test runner's blocked SIGTERM is inherited by children, so they would ignore it.
    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
