// brook-fuzz: runs one of Brook's fuzz targets (Fuzz/Targets).
//
// Built by scripts/fuzz with `--sanitize fuzzer -DBROOK_LIBFUZZER`, it is a libFuzzer binary
// whose first argument names the target:
//              brook-fuzz <target> [libFuzzer options and corpus folders]
// In an ordinary build it replays files (a crash input, a corpus folder) through the target:
//              brook-fuzz <target> <file or folder>...
// Both print the targets with `brook-fuzz --list`.
import BrookFuzzTargets
#if canImport(Glibc)
import Glibc
#endif

/// The target named by the first argument; `--list` prints the targets and exits.
func selectTarget(_ arguments: [String]) -> FuzzTarget {
    guard arguments.count >= 2 else {
        fail("usage: brook-fuzz <target> [inputs or libFuzzer options] | brook-fuzz --list")
    }
    if arguments[1] == "--list" {
        for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
        exit(0)
    }
    guard let target = FuzzTarget.named(arguments[1]) else {
        fail("no target \(arguments[1]); the targets are \(FuzzTarget.all.map(\.name).joined(separator: ", "))")
    }
    return target
}

func fail(_ message: String) -> Never {
    printError(message)
    exit(2)
}

/// Writes `brook-fuzz: <message>` to standard error.
func printError(_ message: String) {
    let line = Array("brook-fuzz: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

#if BROOK_LIBFUZZER
/// The target libFuzzer runs; set once by `LLVMFuzzerInitialize`, before any input.
nonisolated(unsafe) var selectedTarget: FuzzTarget?

/// libFuzzer calls this before parsing its flags: take the target name out of the arguments.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    selectedTarget = selectTarget(CommandLine.arguments)
    if let arguments = argv.pointee, argc.pointee >= 2 {
        for index in 1..<Int(argc.pointee) { arguments[index] = arguments[index + 1] }  // argv[argc] is NULL
        argc.pointee -= 1
    }
    return 0
}

/// libFuzzer calls this for every input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selectedTarget else { return 0 }
    do {
        _ = try target.run(UnsafeRawBufferPointer(start: data, count: size))
    } catch {
        // A property failed: crash, so libFuzzer reports it and saves the input.
        printError("\(target.name): \(error)")
        abort()
    }
    return 0
}
#else
@main
enum BrookFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        exit(replay(selectTarget(arguments), paths: Array(arguments.dropFirst(2))))
    }
}

/// Replays every file named (for a folder, every file inside) and prints one line per input.
/// Returns 1 when a property failed for some input.
func replay(_ target: FuzzTarget, paths: [String]) -> CInt {
    var inputs: [String] = []
    for path in paths {
        if let folder = opendir(path) {
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if !name.hasPrefix(".") { inputs.append(path + "/" + name) }
            }
        } else {
            inputs.append(path)
        }
    }
    var failures: CInt = 0
    for path in inputs.sorted() {
        guard let bytes = readFile(path) else { fail("cannot read \(path)") }
        do {
            print("\(path): \(try target.run(bytes))")
        } catch {
            print("\(path): FAILED: \(error)")
            failures += 1
        }
    }
    return failures == 0 ? 0 : 1
}

/// The bytes of the file at `path`, or nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { break }
        bytes += chunk[..<count]
    }
    return bytes
}
#endif
