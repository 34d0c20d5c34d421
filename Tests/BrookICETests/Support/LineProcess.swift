import BrookTestSupport
import Foundation
import Glibc

/// A child process spoken to in JSON lines: stdin written line by line, stdout read by a background thread.
final class LineProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var lines: [String] = []
    private var consumed = 0

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: ExternalProcess.which(executable) ?? executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        Thread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    lock.withLock { lines.append(line) }
                }
            }
        }.start()
    }

    /// The next unread line as a JSON object, or nil if none came within `timeout`.
    func nextObject(timeout: Duration) -> [String: Any]? {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            let line: String? = lock.withLock {
                guard consumed < lines.count else { return nil }
                consumed += 1
                return lines[consumed - 1]
            }
            if let line { return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    /// True when a line already read or arriving within `timeout` has `key`.
    func waitFor(_ key: String, timeout: Duration) -> [String: Any]? {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            guard let object = nextObject(timeout: end - clock.now) else { return nil }
            if object[key] != nil { return object }
        }
        return nil
    }

    func send(_ object: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: object)
        data.append(0x0A)
        input.fileHandleForWriting.write(data)
    }

    /// Kills the child (SIGKILL: a child spawned from a test thread may have SIGTERM blocked).
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
