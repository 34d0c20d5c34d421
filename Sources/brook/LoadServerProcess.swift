import BrookSansIO
import Foundation
import Glibc

/// A `brook dtls server` child of `brook dtls load`: its own process, so its memory is its own
/// (VmRSS and VmHWM of /proc/<pid>/status), with its `stats:` lines read as they come.
final class LoadServerProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var listening: String?
    private var latest: [String: Int] = [:]
    private var errorLines: [String] = []
    private var ended = false

    /// Starts `executable dtls server --listen listen arguments…` and waits for its `listening:` line.
    init(executable: String, listen: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["dtls", "server", "--listen", listen, "--stats-interval", "0.05"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let handle = errors.fileHandleForReading
        Thread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    take(line)
                }
            }
            lock.withLock { ended = true }
        }.start()
        let end = Date().addingTimeInterval(20)
        while lock.withLock({ listening == nil && !ended }) && Date() < end { Thread.sleep(forTimeInterval: 0.005) }
        guard lock.withLock({ listening }) != nil else {
            stop()
            throw LoadFailure("the server did not start: \(lock.withLock { errorLines.joined(separator: " ") })")
        }
    }

    deinit { stop() }

    private func take(_ line: String) {
        if line.hasPrefix("listening: ") {
            lock.withLock { listening = String(line.dropFirst(11)) }
        } else if line.hasPrefix("stats: "),
                  let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Int] {
            lock.withLock { latest = object }
        } else if line.hasPrefix("error: ") {
            lock.withLock { if errorLines.count < 20 { errorLines.append(line) } }
        }
    }

    /// The address the server listens on.
    var address: TransportAddress {
        get throws {
            let text = lock.withLock { listening } ?? ""
            guard let address = TransportAddress(text) else { throw LoadFailure("unexpected listening address \(text)") }
            return address
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// The first `error:` lines the server printed (handshake failures, say).
    var errors: [String] { lock.withLock { errorLines } }

    /// The newest counters (`stats:` line), waiting up to `seconds` for ones that satisfy `condition`.
    func stats(waitingUpTo seconds: Double = 0, until condition: ([String: Int]) -> Bool = { _ in true }) -> [String: Int] {
        let end = Date().addingTimeInterval(seconds)
        while true {
            let current = lock.withLock { latest }
            if condition(current) || Date() >= end { return current }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Resident memory now and its high-water mark, in KiB (VmRSS, VmHWM).
    func memory() -> (rss: Int, peak: Int) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Why a load run could not be carried out.
struct LoadFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
