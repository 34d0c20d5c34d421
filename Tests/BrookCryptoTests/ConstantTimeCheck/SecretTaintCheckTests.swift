import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import BrookTestSupport

/// The secret-taint check (SECURITY.md, "How constant time is checked"): `brook-ctcheck` runs every
/// secret-handling operation of BrookCrypto with its secrets marked undefined, under valgrind
/// memcheck, which reports each conditional branch and each memory address computed from them.
@Suite("Secret-taint check (valgrind memcheck)")
struct SecretTaintCheckTests {
    /// Every operation `brook-ctcheck operations` must run; a missing one fails the test.
    static let operations = [
        "aes-128-block", "aes-256-block", "aes-128-ctr", "aes-128-gcm-seal-open", "aes-256-gcm-seal-open",
        "aes-gcm-open-forged-tag", "chacha20-poly1305-seal-open", "chacha20-poly1305-open-forged-tag",
        "hmac-sha1-sha384", "tls12-prf", "hmac-sha256", "p256-ecdh", "p256-ecdsa-sign", "p256-keygen", "p256-der-import", "x25519",
    ]
    /// The deliberately leaky operations of `brook-ctcheck controls`: each must be flagged.
    static let controls = ["control-table-lookup", "control-branch", "control-early-exit-compare"]

    @Test("BrookCrypto's operations: no branch or address depends on a secret")
    func operationsAreClean() throws {
        guard let run = try CTCheckRun(mode: "operations") else { return }
        #expect(run.status == 0, "valgrind exit status \(run.status)\n\(run.report)")
        #expect(run.stderr.contains("ERROR SUMMARY: 0 errors"), "\(run.report)")
        #expect(Set(run.errorCounts.keys) == Set(Self.operations), "operations run: \(run.stdout)")
        for name in Self.operations {
            #expect(run.errorCounts[name] == 0, "\(name): \(run.errorCounts[name].map(String.init) ?? "not run") memcheck errors\n\(run.report)")
        }
    }

    @Test("Positive controls: a secret-indexed load, a secret branch and an early-exit compare are flagged")
    func leakyControlsAreFlagged() throws {
        guard let run = try CTCheckRun(mode: "controls") else { return }
        #expect(run.status == CTCheckRun.errorExitCode, "valgrind exit status \(run.status)\n\(run.report)")
        #expect(Set(run.errorCounts.keys) == Set(Self.controls), "controls run: \(run.stdout)")
        for name in Self.controls {
            #expect((run.errorCounts[name] ?? 0) > 0, "\(name) was not flagged: the check cannot see leaks\n\(run.report)")
        }
        #expect(run.stderr.contains("depends on uninitialised value"), "\(run.report)")
    }
}

/// One run of `valgrind … brook-ctcheck <mode>`.
struct CTCheckRun {
    static let errorExitCode: Int32 = 97
    var status: Int32
    var stdout: String
    var stderr: String
    /// "<name> errors=<n>" lines of the tool.
    var errorCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for line in stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[1].hasPrefix("errors="), let n = Int(parts[1].dropFirst(7)) else { continue }
            counts[String(parts[0])] = n
        }
        return counts
    }
    /// The tool's output and the tail of valgrind's log, for failure messages.
    var report: String { "--- brook-ctcheck:\n\(stdout)--- valgrind:\n\(stderr.suffix(20_000))" }

    /// Nil (a CI failure, else a note) when valgrind or the tool is missing.
    init?(mode: String) throws {
        guard let valgrind = TestEnvironment.require(ExternalProcess.which("valgrind"), "valgrind (Debian package valgrind)"),
              let tool = TestEnvironment.require(
                  Self.toolPath(),
                  Self.isAddressSanitized
                      ? "the uninstrumented .build/release/brook-ctcheck (valgrind cannot run ASan code; scripts/test's first pass builds it)"
                      : "the brook-ctcheck executable (built by `swift build`)")
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = [
            "--tool=memcheck", "--error-exitcode=\(Self.errorExitCode)",
            "--track-origins=yes",            // the log names the secret an error came from
            "--num-callers=30", "--leak-check=no",
            tool, mode,
        ]
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

    /// `$BROOK_CTCHECK`, else `brook-ctcheck` beside the test binary (same build configuration).
    /// valgrind cannot run AddressSanitizer-instrumented code, so in scripts/test's ASan pass
    /// (.build-asan) the check runs the uninstrumented release tool of the first pass (.build/release).
    static func toolPath() -> String? {
        if let path = ProcessInfo.processInfo.environment["BROOK_CTCHECK"], !path.isEmpty { return path }
        var directory: URL
        if isAddressSanitized {
            directory = TestEnvironment.packageRoot.appendingPathComponent(".build/release")
        } else {
            directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            // Inside an .xctest bundle directory the build products are one level up.
            if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        }
        let candidate = directory.appendingPathComponent("brook-ctcheck").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// True when this test process runs under AddressSanitizer (its runtime is linked in).
    static var isAddressSanitized: Bool { dlsym(nil, "__asan_init") != nil }
}
