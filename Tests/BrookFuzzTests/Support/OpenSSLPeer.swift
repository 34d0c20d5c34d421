import Foundation

/// An `openssl s_server` or `s_client` run as the peer of a capture: stdin stays open for the
/// lines it sends (and its one-letter commands), stdout and stderr are gathered as they come.
/// Killed when released.
final class OpenSSLPeer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var gathered = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["stdbuf", "-oL", "openssl"] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.gathered.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning {
            // SIGKILL: a test runner may block SIGTERM, and children inherit that.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        output.fileHandleForReading.readabilityHandler = nil
    }

    /// Everything it printed so far.
    var text: String { lock.withLock { String(decoding: gathered, as: UTF8.self) } }

    /// Writes `line` to its stdin.
    func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(line.utf8))
    }

    /// Waits up to `seconds` for `marker` in its output; the output, or nil.
    func wait(for marker: String, seconds: Double) -> String? {
        let end = Date().addingTimeInterval(seconds)
        repeat {
            let current = text
            if current.contains(marker) { return current }
            Thread.sleep(forTimeInterval: 0.01)
        } while Date() < end
        return nil
    }

    /// Whether `openssl` runs here.
    static let available: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["openssl", "version"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()
}
