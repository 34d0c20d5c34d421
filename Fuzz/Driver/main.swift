// brook-fuzz: runs one of Brook's fuzz targets (Fuzz/Targets).
//
// Built by scripts/fuzz with `--sanitize fuzzer -DBROOK_LIBFUZZER`, it hands the target to
// libFuzzer:   brook-fuzz <target> [libFuzzer options and corpus folders]
// In an ordinary build it replays files (a crash input, a corpus folder) through the target:
//              brook-fuzz <target> <file or folder>...
//              brook-fuzz --list
import BrookFuzzTargets
#if canImport(Glibc)
import Glibc
#endif
#if BROOK_LIBFUZZER
import CLibFuzzer
#endif

func fail(_ message: String) -> Never {
    fputs("brook-fuzz: \(message)\n", stderr)
    exit(2)
}

let arguments = CommandLine.arguments
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

#if BROOK_LIBFUZZER
/// The target libFuzzer's callback runs (a C callback cannot capture it).
nonisolated(unsafe) var selectedTarget = target

let status = runLibFuzzer { data, size in
    do {
        _ = try selectedTarget.run(UnsafeRawBufferPointer(start: data, count: size))
    } catch {
        // A property failed: crash, so libFuzzer reports it and saves the input.
        fputs("brook-fuzz: \(selectedTarget.name): \(error)\n", stderr)
        abort()
    }
    return 0
}
exit(status)

/// Calls libFuzzer with this program's arguments minus the target name.
func runLibFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var pointers: [UnsafeMutablePointer<CChar>?] = [CommandLine.unsafeArgv[0]]
    for index in 2..<Int(CommandLine.argc) { pointers.append(CommandLine.unsafeArgv[index]) }
    pointers.append(nil)
    var argc = CInt(pointers.count - 1)
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var argv = buffer.baseAddress
        return LLVMFuzzerRunDriver(&argc, &argv, callback)
    }
}
#else
/// Replays every file named (folders: every file inside) and prints one line per input.
var failures = 0
var inputs: [String] = []
for path in arguments.dropFirst(2) {
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
for path in inputs.sorted() {
    guard let bytes = readFile(path) else { fail("cannot read \(path)") }
    do {
        print("\(path): \(try target.run(bytes))")
    } catch {
        print("\(path): FAILED: \(error)")
        failures += 1
    }
}
exit(failures == 0 ? 0 : 1)

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
