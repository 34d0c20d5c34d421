import BrookTestSupport
import Foundation
import Testing

/// Memory per connection (issue 4: at most 64 KiB during the handshake, 16 KiB once established)
/// and the gate's memory under a flood (issue 7: flat), from the allocator's live-heap figure.
///
/// Other tests run in parallel in this process and allocate as they go, so the figures are taken
/// in a process of their own: this test runs the test binary again with only
/// `MemoryFootprintProbe` selected, and reads what it wrote.
@Suite struct MemoryFootprintTests {
    static let outputVariable = "BROOK_DTLS_HEAP_PROBE_OUTPUT"

    @Test("heap per connection: mid-handshake ≤ 64 KiB, established ≤ 16 KiB; a flood does not grow the gate")
    func heapPerConnection() throws {
        let directory = try BrookTestSupport.TemporaryDirectory(prefix: "brook-heap")
        let output = directory.file("figures.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "MemoryFootprintProbe"]
        process.environment = ProcessInfo.processInfo.environment.merging([Self.outputVariable: output]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the probe process failed")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        var figures: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let value = Int(parts[1]) { figures[String(parts[0])] = value }
        }
        print("DTLS heap per connection (50 held, allocator: \(figures["allocator is ASan"] == 1 ? "ASan" : "glibc mallinfo2")):")
        for line in text.split(separator: "\n") { print("  \(line.replacingOccurrences(of: "\t", with: ": "))") }

        let handshake = ["server mid-handshake (awaiting flight 5)", "client mid-handshake (awaiting flight 6)",
                         "server mid-handshake after a 1.4 KB browser ClientHello"]
        for name in handshake {
            let bytes = try #require(figures[name], "\(name) missing")
            #expect(bytes > 0 && bytes <= 64 * 1024, "\(name): \(bytes) bytes")
        }
        for name in ["server established", "client established"] {
            let bytes = try #require(figures[name], "\(name) missing")
            #expect(bytes > 0 && bytes <= 16 * 1024, "\(name): \(bytes) bytes")
        }
        #expect(figures["gate replies"] == 10_000)
        let growth = try #require(figures["gate growth over the flood"])
        #expect(growth <= 4096, "the gate grew by \(growth) bytes over 10,000 spoofed first fragments")
    }
}

/// The measuring half: runs only when `MemoryFootprintTests` starts it in a process of its own.
@Suite struct MemoryFootprintProbe {
    @Test(.enabled(if: ProcessInfo.processInfo.environment[MemoryFootprintTests.outputVariable] != nil))
    func probe() throws {
        let path = try #require(ProcessInfo.processInfo.environment[MemoryFootprintTests.outputVariable])
        var figures = HeapProbe.measure()
        figures.append(("allocator is ASan", HeapProbe.isSanitizer ? 1 : 0))
        let text = figures.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
