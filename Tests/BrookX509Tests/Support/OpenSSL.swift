import Foundation

/// Runs the `openssl` command line tool, the independent implementation these tests compare
/// against. A missing tool is a failure, never a skip.
enum OpenSSL {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `openssl arguments…` and returns its stdout; throws unless it exits 0.
    @discardableResult
    static func run(_ arguments: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain both pipes while the tool runs so neither can fill up and block it.
        nonisolated(unsafe) var errorData = Data()
        let errorReader = DispatchGroup()
        DispatchQueue.global().async(group: errorReader) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorReader.wait()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                + String(decoding: errorData, as: UTF8.self))
        }
        return [UInt8](outputData)
    }

    /// `run` with stdout decoded as UTF-8.
    static func text(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self)
    }
}
