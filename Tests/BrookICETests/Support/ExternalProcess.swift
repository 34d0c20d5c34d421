import Foundation

/// Runs an external program to completion (OpenSSL's CLI, Python with `cryptography`), feeding it
/// `input` on stdin. Used by the differential tests; never by library code.
struct ExternalProcess {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case failed(String, Int32, String)
        var description: String {
            switch self {
            case .notFound(let tool): return "\(tool) was not found on PATH"
            case .failed(let tool, let status, let stderr): return "\(tool) exited \(status): \(stderr)"
            }
        }
    }

    /// The full path of `tool` on PATH, or nil.
    static func which(_ tool: String) -> String? {
        if tool.contains("/") { return FileManager.default.isExecutableFile(atPath: tool) ? tool : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool args`, writing `input` to its stdin; throws unless it exits 0.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Result {
        guard let executable = which(tool) else { throw Failure.notFound(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        // Drain stdout and stderr concurrently with feeding stdin, so a large exchange cannot deadlock.
        nonisolated(unsafe) var out = Data(), err = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { out = stdoutPipe.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderrPipe.fileHandleForReading.readDataToEndOfFile() }
        if !input.isEmpty { stdinPipe.fileHandleForWriting.write(Data(input)) }
        try? stdinPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        let result = Result(status: process.terminationStatus, stdout: [UInt8](out), stderr: String(decoding: err, as: UTF8.self))
        guard result.status == 0 else { throw Failure.failed(tool, result.status, result.stderr) }
        return result
    }
}
