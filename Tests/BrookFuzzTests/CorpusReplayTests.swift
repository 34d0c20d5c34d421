import BrookFuzzTargets
import BrookTestSupport
import Foundation
import Testing

/// Replays the committed seed corpora (Fuzz/Corpus/<target>/) and the inputs of past failures
/// (Fuzz/Regressions/<target>/) through the fuzz targets' bodies, so every property the fuzzers
/// check is also checked by `swift test`, in the ordinary and the AddressSanitizer pass.
@Suite struct CorpusReplayTests {
    static let fuzzDirectory = TestEnvironment.packageRoot.appendingPathComponent("Fuzz")

    static func files(_ folder: String, _ target: String) -> [URL] {
        let directory = fuzzDirectory.appendingPathComponent(folder).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test("every seed holds the target's properties, and some seeds are accepted", arguments: FuzzTarget.all.map(\.name))
    func seeds(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let seeds = Self.files("Corpus", name)
        #expect(seeds.count >= 10, "Fuzz/Corpus/\(name) holds \(seeds.count) seeds")
        var accepted = 0
        for url in seeds {
            let input = try [UInt8](Data(contentsOf: url))
            do {
                if try target.run(input) == .accepted { accepted += 1 }
            } catch {
                Issue.record("\(url.lastPathComponent): \(error)")
            }
        }
        // Seeds that all fail to parse (a changed fixture key, say) would leave the fuzzer nothing to mutate.
        #expect(accepted * 2 >= seeds.count, "only \(accepted) of \(seeds.count) seeds in Fuzz/Corpus/\(name) are accepted")
    }

    @Test("every input a fuzzer once failed on now holds the target's properties", arguments: FuzzTarget.all.map(\.name))
    func regressions(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        for url in Self.files("Regressions", name) {
            let input = try [UInt8](Data(contentsOf: url))
            #expect(throws: Never.self, "\(url.lastPathComponent)") { _ = try target.run(input) }
        }
    }

    @Test func targetNamesAreUniqueAndHaveCorpusFolders() {
        let names = FuzzTarget.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            var isDirectory: ObjCBool = false
            let path = Self.fuzzDirectory.appendingPathComponent("Corpus/\(name)").path
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue, "\(path)")
        }
    }
}
