import Foundation
import Glibc
import Testing

/// One run of `brook-alloccheck <mode>` (Sources/brook-alloccheck): heap allocations counted per
/// probe by an interposed malloc. Used by the BrookCryptoTests and BrookSRTPTests allocation tests.
public struct AllocationCheckRun: Sendable {
    /// One probe's line: `<name> allocations=<n> frees=<n> operations=<n>`.
    public struct Count: Sendable, Equatable {
        public var allocations: Int
        public var frees: Int
        public var operations: Int

        public init(allocations: Int, frees: Int, operations: Int) {
            self.allocations = allocations
            self.frees = frees
            self.operations = operations
        }
    }

    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// The counts by probe name.
    public var counts: [String: Count] {
        var counts: [String: Count] = [:]
        for line in stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 4 else { continue }
            func field(_ part: Substring, _ key: String) -> Int? {
                part.hasPrefix(key + "=") ? Int(part.dropFirst(key.count + 1)) : nil
            }
            guard let allocations = field(parts[1], "allocations"), let frees = field(parts[2], "frees"),
                  let operations = field(parts[3], "operations") else { continue }
            counts[String(parts[0])] = Count(allocations: allocations, frees: frees, operations: operations)
        }
        return counts
    }

    /// Nil (a failure under CI, else a note) when the tool is missing.
    public init?(mode: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let tool = TestEnvironment.require(Self.toolPath(), Self.missingToolReason, sourceLocation: sourceLocation) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [mode]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }

    /// `$BROOK_ALLOCCHECK`, else the release build's tool. The claim is about optimised code, so a
    /// test bundle built in debug uses `.build/release/brook-alloccheck`; and under AddressSanitizer,
    /// whose runtime owns malloc and so cannot be interposed, scripts/test's ASan pass (.build-asan)
    /// runs the uninstrumented release tool of its first pass, as the secret-taint check does.
    public static func toolPath() -> String? {
        if let path = ProcessInfo.processInfo.environment["BROOK_ALLOCCHECK"], !path.isEmpty { return path }
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        // Inside an .xctest bundle directory the build products are one level up.
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        if isAddressSanitized || directory.lastPathComponent == "debug" {
            directory = TestEnvironment.packageRoot.appendingPathComponent(".build/release")
        }
        let candidate = directory.appendingPathComponent("brook-alloccheck").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    static var missingToolReason: String {
        "the release brook-alloccheck (.build/release/brook-alloccheck: `swift build -c release`; scripts/test's first pass builds it)"
    }

    /// True when this test process runs under AddressSanitizer (its runtime is linked in).
    public static var isAddressSanitized: Bool { dlsym(nil, "__asan_init") != nil }
}
