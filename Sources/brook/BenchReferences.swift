// The reference programs of `brook bench --compare`: built from Benchmarks/ in the same run, then run
// with the same timing options; each prints the JSON lines of BenchResult.
import Foundation

enum BenchReference: String, CaseIterable, Sendable {
    case openssl
    case bearssl
    case swiftCrypto = "swift-crypto"
    /// Debian's libsrtp2 (on NSS), for the SRTP rows only (issue 5).
    case libsrtp2

    /// OPENSSL_ia32cap for `openssl-nohw`: clears AES-NI (bit 57) and PCLMULQDQ (bit 33) of the first
    /// capability word and VAES (bit 41) and VPCLMULQDQ (bit 42) of the second, so that libcrypto
    /// falls back to its portable AES and GHASH code.
    static let noHardwareCapabilities = "~0x200000200000000:~0x60000000000"

    /// Builds the program under `root` (the package), returning the executable's path.
    func build(root: URL) throws -> String {
        switch self {
        case .openssl: return try Self.compileC("openssl_bench.c", libraries: ["crypto"], package: "libssl-dev", name: rawValue, root: root)
        case .bearssl: return try Self.compileC("bearssl_bench.c", libraries: ["bearssl"], package: "libbearssl-dev", name: rawValue, root: root)
        case .libsrtp2: return try Self.compileC("libsrtp2_bench.c", libraries: ["srtp2"], package: "libsrtp2-dev", name: rawValue, root: root)
        case .swiftCrypto:
            let packagePath = root.appendingPathComponent("Benchmarks/SwiftCryptoBench").path
            let arguments = ["build", "-c", "release", "--package-path", packagePath]
            try BenchProcess.run("swift", arguments, what: "swift-crypto reference")
            let binPath = try BenchProcess.run("swift", arguments + ["--show-bin-path"], what: "swift-crypto bin path")
            return binPath.trimmingCharacters(in: .whitespacesAndNewlines) + "/swift-crypto-bench"
        }
    }

    /// The runs of the built program: (impl label, extra environment).
    var runs: [(impl: String, environment: [String: String])] {
        switch self {
        case .openssl: [("openssl", [:]), ("openssl-nohw", ["OPENSSL_ia32cap": Self.noHardwareCapabilities])]
        case .bearssl: [("bearssl", [:])]
        case .swiftCrypto: [("swift-crypto", [:])]
        case .libsrtp2: [("libsrtp2", [:])]
        }
    }

    /// Runs the built program once per `runs` entry and parses every line it prints.
    func measure(executable: String, arguments: [String]) throws -> [BenchResult] {
        var results: [BenchResult] = []
        for run in runs {
            let label = self == .openssl ? ["--impl", run.impl] : []
            let output = try BenchProcess.run(executable, arguments + label, environment: run.environment, what: "\(run.impl) reference")
            for line in output.split(separator: "\n") where !line.isEmpty {
                let result = try BenchResult(jsonLine: String(line))
                guard result.impl == run.impl else { throw BenchError.reference("expected impl \(run.impl): \(line)") }
                results.append(result)
            }
        }
        return results
    }

    /// `cc -O2 Benchmarks/C/<source> -l<library>…` into .build/bench/; also builds `brook dtls bench`'s
    /// reference (DTLSBenchReference). `name` labels the reference in errors.
    static func compileC(_ source: String, libraries: [String], package: String, name: String, root: URL) throws -> String {
        let outputDirectory = root.appendingPathComponent(".build/bench")
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let output = outputDirectory.appendingPathComponent(String(source.dropLast(2))).path
        let compiler = ProcessInfo.processInfo.environment["CC"] ?? "cc"
        let sourcePath = root.appendingPathComponent("Benchmarks/C/\(source)").path
        // Written under a name of this process, then renamed: concurrent runs never execute a half-written file.
        let partial = output + ".\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try BenchProcess.run(compiler, ["-O2", "-o", partial, sourcePath] + libraries.map { "-l\($0)" }, what: "\(name) reference")
        } catch BenchError.reference(let failure) {
            throw BenchError.reference("\(failure) (the \(name) reference needs a C compiler and Debian's \(package))")
        } catch {
            throw BenchError.reference("\(error) (the \(name) reference needs a C compiler and Debian's \(package))")
        }
        guard rename(partial, output) == 0 else { throw BenchError.reference("cannot rename \(partial) to \(output)") }
        return output
    }
}

/// Runs a helper process to completion and returns its standard output.
enum BenchProcess {
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain stderr beside stdout so that neither pipe can fill and stall the child.
        nonisolated(unsafe) var errorData = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        drained.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BenchError.reference("\(what): \(tool) exited \(process.terminationStatus): \(message)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
