import Testing
import BrookTestSupport

/// Issue 3: "No allocation per operation on the in-place AES-GCM and ChaCha20-Poly1305 paths, and
/// none in HMAC once keyed." `brook-alloccheck` counts every malloc-family call made while each
/// operation runs 1000 times (after one warm-up call); the positive controls prove the counter sees
/// the Swift runtime's allocations.
@Suite("Allocation check (interposed malloc)")
struct AllocationCheckTests {
    static let cryptoProbes = [
        "aes-128-gcm-seal-in-place", "aes-128-gcm-open-in-place", "aes-256-gcm-seal-in-place", "aes-256-gcm-open-in-place",
        "chacha20-poly1305-seal-in-place", "chacha20-poly1305-open-in-place",
        "hmac-sha1-keyed-update-finalize", "hmac-sha256-keyed-update-finalize",
    ]
    static let controls = ["control-array-per-call", "control-one-shot-aes-gcm-seal"]

    @Test("In-place AEADs and keyed HMAC: 0 allocations and 0 frees in 1000 operations each")
    func cryptoPathsAllocateNothing() throws {
        guard let run = try AllocationCheckRun(mode: "crypto") else { return }
        #expect(run.status == 0, "brook-alloccheck exited \(run.status)\n\(run.stdout)\(run.stderr)")
        let counts = run.counts
        #expect(Set(counts.keys) == Set(Self.cryptoProbes), "probes run: \(run.stdout)")
        for name in Self.cryptoProbes {
            #expect(counts[name] == AllocationCheckRun.Count(allocations: 0, frees: 0, operations: 1000), "\(name): \(run.stdout)")
        }
    }

    @Test("Positive controls: an allocating operation is counted, at least once per call")
    func controlsAreCounted() throws {
        guard let run = try AllocationCheckRun(mode: "controls") else { return }
        #expect(run.status == 0, "brook-alloccheck exited \(run.status)\n\(run.stdout)\(run.stderr)")
        let counts = run.counts
        #expect(Set(counts.keys) == Set(Self.controls), "controls run: \(run.stdout)")
        for name in Self.controls {
            let count = try #require(counts[name], "\(name) was not run: \(run.stdout)")
            #expect(count.allocations >= count.operations && count.frees >= count.operations,
                    "\(name) was not counted: the check cannot see allocations\n\(run.stdout)")
        }
    }
}
