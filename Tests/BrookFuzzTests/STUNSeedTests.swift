import BrookFuzzTargets
import BrookICE
import BrookSansIO
import Foundation
import Testing

/// The stun seeds only a peer of the fixed ICE agent can write (ICEFuzzSeeds): conversations that
/// answer the agent's own checks. They must take the agent to a selected pair while holding the
/// stun target's properties; `BROOK_FUZZ_WRITE_CORPUS=1` writes them to Fuzz/Corpus/stun/agent-*.
@Suite struct STUNSeedTests {
    @Test("conversations with the fixed agent select a pair and hold the stun target's properties")
    func conversations() throws {
        let seeds = ICEFuzzSeeds.conversations()
        #expect(seeds.count == 5, "\(seeds.map(\.name))")
        let target = try #require(FuzzTarget.named("stun"))
        for seed in seeds {
            do {
                #expect(try target.run(seed.script.bytes) == .accepted, "\(seed.name)")
            } catch {
                Issue.record("\(seed.name): \(error)")
            }
            #expect(ICEFuzzSeeds.selectedRemote(after: seed.script) == ICEFuzzFixture.remoteCandidate.address, "\(seed.name)")
        }
        if DTLSCaptureTests.writing {
            for seed in seeds { try CorpusWriter.write("stun", "\(seed.name).bin", seed.script.bytes) }
        }
    }

    @Test("the committed conversations still select a pair")
    func committedConversationsAreCurrent() throws {
        let files = CorpusWriter.files("stun").filter { $0.lastPathComponent.hasPrefix("agent-") }
        #expect(files.count >= 5)
        for file in files {
            let script = try #require(FuzzScript.parse([UInt8](try Data(contentsOf: file))))
            #expect(ICEFuzzSeeds.selectedRemote(after: script) != nil,
                    "stun/\(file.lastPathComponent) no longer selects a pair: write the seeds again (BROOK_FUZZ_WRITE_CORPUS=1 swift test --filter STUNSeedTests)")
        }
    }
}
